package dev.tradepulse.spring.boot.autoconfigure.aop;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Which of the four annotations the starter applies, and which it leaves to an aspect the
 * application already has: {@code @Timed} to Micrometer's {@code TimedAspect}, {@code @Counted} to
 * its {@code CountedAspect}, {@code @Retry} to resilience4j's (spring-boot4 or spring-boot3) {@code RetryAspect},
 * {@code @CircuitBreaker} to its {@code CircuitBreakerAspect}. Decided once, from the bean
 * definitions (no bean is created to find out), so that no call is timed, counted, retried or
 * guarded twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param applied the annotations the starter applies
 * @param backedOff each annotation the starter leaves alone, with the beans of the aspect that applies it
 */
public record AnnotationBackOff(Set<Class<? extends Annotation>> applied,
        Map<Class<? extends Annotation>, List<String>> backedOff) {

    /** Each annotation and the aspect that applies it instead, by class name (the class may be absent). */
    private static final Map<Class<? extends Annotation>, String> ASPECTS = aspects();

    /**
     * @param applied the annotations the starter applies
     * @param backedOff each annotation left to another aspect, with that aspect's bean names
     * @throws NullPointerException if an argument is null
     */
    public AnnotationBackOff {
        applied = Set.copyOf(applied);
        backedOff = Map.copyOf(backedOff);
    }

    private static Map<Class<? extends Annotation>, String> aspects() {
        Map<Class<? extends Annotation>, String> aspects = new LinkedHashMap<>();
        aspects.put(Timed.class, "io.micrometer.core.aop.TimedAspect");
        aspects.put(Counted.class, "io.micrometer.core.aop.CountedAspect");
        aspects.put(Retry.class, "io.github.resilience4j.spring6.retry.configure.RetryAspect");
        aspects.put(CircuitBreaker.class, "io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect");
        return aspects;
    }

    /**
     * Decides from the bean definitions of {@code beans}.
     *
     * @param beans the application's bean factory
     * @param classLoader where the aspects' classes are looked for; null for the default
     * @return the decision
     * @throws NullPointerException if {@code beans} is null
     */
    public static AnnotationBackOff decide(ListableBeanFactory beans, @Nullable ClassLoader classLoader) {
        Set<Class<? extends Annotation>> applied = new LinkedHashSet<>();
        Map<Class<? extends Annotation>, List<String>> backedOff = new LinkedHashMap<>();
        ASPECTS.forEach((annotation, aspect) -> {
            List<String> names = List.of();
            if (ClassUtils.isPresent(aspect, classLoader)) {
                Class<?> type = ClassUtils.resolveClassName(aspect, classLoader);
                names = Arrays.asList(beans.getBeanNamesForType(type, true, false));
            }
            if (names.isEmpty()) {
                applied.add(annotation);
            } else {
                backedOff.put(annotation, names);
            }
        });
        return new AnnotationBackOff(applied, backedOff);
    }

    /**
     * One line for the start-up log: what the starter applies and what backs off to which aspect.
     *
     * @return the line
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        List<String> ours = ASPECTS.keySet().stream().filter(applied::contains).map(a -> "@" + a.getSimpleName()).toList();
        parts.add(ours.isEmpty() ? "the starter applies none of @Timed, @Counted, @Retry, @CircuitBreaker"
                : "the starter applies " + String.join(", ", ours));
        ASPECTS.forEach((annotation, aspect) -> {
            List<String> names = backedOff.get(annotation);
            if (names != null) {
                parts.add("@" + annotation.getSimpleName() + " backs off to " + ClassUtils.getShortName(aspect)
                        + " (bean " + String.join(", ", names) + "), which already applies it");
            }
        });
        return "TradePulse annotations: " + String.join("; ", parts);
    }
}
