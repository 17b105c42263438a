package dev.tradepulse.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.Tags;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the annotations of each proxied method and builds its chain, once. Every problem is
 * collected and reported together, each line naming the method, so that a misconfigured proxy
 * fails when it is built, never at the first failure in production.
 */
final class AnnotatedChains {

    /** Micrometer's {@code TimedAspect} default, so dashboards built for Spring keep working. */
    private static final String DEFAULT_TIMER_NAME = "method.timed";

    private static final List<Class<? extends Annotation>> HONOURED =
            List.of(Timed.class, Counted.class, Retry.class, CircuitBreaker.class);

    private final MonitoringContext context;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final Class<?> type;
    private final Class<?> targetClass;
    private final Logger log;
    private final List<String> problems = new ArrayList<>();

    AnnotatedChains(MonitoringContext context, RetryRegistry retries, CircuitBreakerRegistry breakers, Class<?> type,
            Class<?> targetClass) {
        this.context = context;
        this.retries = retries;
        this.breakers = breakers;
        this.type = type;
        this.targetClass = targetClass;
        this.log = LoggerFactory.getLogger(targetClass);
    }

    /** Builds the chains of the given methods: every method gets at least a plain call. */
    Map<Method, Invoker> build(Collection<Method> methods) {
        checkUnreachableAnnotations(methods);
        Map<Method, Invoker> chains = new HashMap<>();
        for (Method method : methods) {
            method.trySetAccessible();
            chains.put(method, chainFor(method));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        return chains;
    }

    private Invoker chainFor(Method method) {
        Method impl = implementationOf(method);
        String where = type.getSimpleName() + "." + method.getName();
        Timed[] timed = find(Timed.class, impl, method);
        Counted[] counted = find(Counted.class, impl, method);
        Retry[] retry = find(Retry.class, impl, method);
        CircuitBreaker[] breaker = find(CircuitBreaker.class, impl, method);
        Invoker chain = DirectCalls.terminal(method);
        if (timed.length + counted.length + retry.length + breaker.length == 0) {
            return chain;
        }
        boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
        if (async && method.getReturnType() != CompletionStage.class && method.getReturnType() != CompletableFuture.class) {
            problems.add(where + " returns " + method.getReturnType().getName()
                    + "; asynchronous methods must return CompletionStage or CompletableFuture to be instrumented");
            return chain;
        }
        if (breaker.length > 0) {
            String name = breaker[0].name();
            var instance = breakers.find(name);
            if (instance.isEmpty()) {
                problems.add(where + ": @CircuitBreaker(name = \"" + name + "\") names no circuit breaker; known: "
                        + known(breakers.getAllCircuitBreakers().stream().map(b -> b.getName())));
            } else {
                chain = CircuitBreakerStage.of(instance.get(), async, chain);
                chain = withFallback(where, "@CircuitBreaker", breaker[0].fallbackMethod(), method, async, chain);
            }
        }
        if (retry.length > 0) {
            String name = retry[0].name();
            var instance = retries.find(name);
            if (instance.isEmpty()) {
                problems.add(where + ": @Retry(name = \"" + name + "\") names no retry; known: "
                        + known(retries.getAllRetries().stream().map(r -> r.getName())));
            } else {
                chain = RetryStage.of(instance.get(), where, async, context, chain);
                chain = withFallback(where, "@Retry", retry[0].fallbackMethod(), method, async, chain);
            }
        }
        Tags methodTags = Tags.of("class", method.getDeclaringClass().getName(), "method", method.getName());
        if (counted.length > 0) {
            Counted c = counted[0];
            Tags tags = methodTags.and(extraTags(where, "@Counted", c.extraTags()));
            chain = CountingStage.of(c.value(), tags, blankToNull(c.description()), c.recordFailuresOnly(), async,
                    context, chain);
        }
        for (int i = timed.length - 1; i >= 0; i--) {
            TimerSpec spec = timerSpec(where, timed[i]);
            chain = TimingStage.of(new OutcomeTimer(spec, methodTags, where, log, context), context.clock(), async, chain);
        }
        return chain;
    }

    private TimerSpec timerSpec(String where, Timed timed) {
        String name = timed.value().isEmpty() ? DEFAULT_TIMER_NAME : timed.value();
        Duration[] slos = Arrays.stream(timed.serviceLevelObjectives())
                .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
                .toArray(Duration[]::new);
        for (double p : timed.percentiles()) {
            if (p < 0 || p > 1) {
                problems.add(where + ": @Timed percentiles must lie in [0, 1], got " + p);
            }
        }
        return new TimerSpec(name, extraTags(where, "@Timed", timed.extraTags()), blankToNull(timed.description()),
                timed.percentiles(), timed.histogram(), slos, null, timed.longTask());
    }

    private Tags extraTags(String where, String annotation, String[] keyValues) {
        if (keyValues.length % 2 != 0) {
            problems.add(where + ": " + annotation + " extraTags must be key/value pairs, got " + keyValues.length
                    + " strings");
            return Tags.empty();
        }
        return Tags.of(keyValues);
    }

    private Invoker withFallback(String where, String annotation, String fallbackName, Method method, boolean async,
            Invoker chain) {
        if (fallbackName.isEmpty()) {
            return chain;
        }
        List<Method> named = new ArrayList<>();
        for (Class<?> c = targetClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(fallbackName) && !m.isSynthetic()) {
                    named.add(m);
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals(fallbackName) && m.isDefault()) {
                named.add(m);
            }
        }
        List<FallbackStage.Candidate> candidates = new ArrayList<>();
        for (Method m : named) {
            Class<?> accepts = fallbackAccepts(method, m);
            if (accepts != null && candidates.stream().noneMatch(c -> c.accepts() == accepts)) {
                if (!m.trySetAccessible()) {
                    problems.add(where + ": " + annotation + " fallback method " + m + " is not accessible");
                    continue;
                }
                candidates.add(new FallbackStage.Candidate(m, accepts));
            }
        }
        if (candidates.isEmpty()) {
            String expected = fallbackName + "(" + Arrays.stream(method.getParameterTypes())
                    .map(Class::getSimpleName).map(s -> s + ", ").collect(Collectors.joining()) + "Throwable) returning "
                    + method.getReturnType().getSimpleName();
            String found = named.isEmpty() ? "no method of that name"
                    : "only " + named.stream().map(AnnotatedChains::signature).collect(Collectors.joining(", "));
            problems.add(where + ": " + annotation + "(fallbackMethod = \"" + fallbackName + "\") needs " + expected
                    + " in " + targetClass.getName() + " (any Throwable subtype as last parameter), but found " + found);
            return chain;
        }
        candidates.sort((a, b) -> Integer.compare(depth(b.accepts()), depth(a.accepts())));
        return FallbackStage.of(candidates, async, chain);
    }

    /** The failure type a fallback accepts, or null if its signature does not fit the method. */
    private static @Nullable Class<?> fallbackAccepts(Method method, Method fallback) {
        Class<?>[] params = method.getParameterTypes();
        Class<?>[] fbParams = fallback.getParameterTypes();
        if (fbParams.length != params.length + 1 || !Throwable.class.isAssignableFrom(fbParams[params.length])) {
            return null;
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i] != fbParams[i]) {
                return null;
            }
        }
        Class<?> returns = method.getReturnType();
        boolean fits = returns == void.class ? fallback.getReturnType() == void.class
                : returns.isAssignableFrom(fallback.getReturnType());
        return fits ? fbParams[params.length] : null;
    }

    /** Finds annotations on the implementation method, the proxied method, then the two classes. */
    private <A extends Annotation> A[] find(Class<A> annotation, @Nullable Method impl, Method method) {
        for (AnnotatedElement element : new AnnotatedElement[] {impl, method, targetClass, type}) {
            if (element != null) {
                A[] found = element.getAnnotationsByType(annotation);
                if (found.length > 0) {
                    return found;
                }
            }
        }
        return element0(annotation);
    }

    @SuppressWarnings("unchecked")
    private static <A extends Annotation> A[] element0(Class<A> annotation) {
        return (A[]) java.lang.reflect.Array.newInstance(annotation, 0);
    }

    private @Nullable Method implementationOf(Method method) {
        for (Class<?> c = targetClass; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                // keep looking in the superclass
            }
        }
        return null;
    }

    /**
     * An annotation on a method the proxy never sees would silently do nothing: report it.
     * For an interface proxy, that is a method the interface does not declare; for a class
     * proxy, a final, static or private method.
     */
    private void checkUnreachableAnnotations(Collection<Method> proxied) {
        for (Class<?> c = targetClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic()) {
                    continue;
                }
                String honoured = HONOURED.stream().filter(a -> m.getAnnotationsByType(a).length > 0)
                        .map(a -> "@" + a.getSimpleName()).collect(Collectors.joining(" "));
                if (honoured.isEmpty()) {
                    continue;
                }
                String where = c.getSimpleName() + "." + m.getName();
                int mods = m.getModifiers();
                if (Modifier.isStatic(mods) || Modifier.isPrivate(mods) || (!type.isInterface() && Modifier.isFinal(mods))) {
                    String why = Modifier.isStatic(mods) ? "static" : Modifier.isPrivate(mods) ? "private" : "final";
                    problems.add(where + " is " + why + ", so the proxy cannot intercept it and its " + honoured
                            + " would never apply");
                } else if (proxied.stream().noneMatch(p -> sameSignature(p, m))) {
                    problems.add(where + " is annotated " + honoured + " but " + type.getSimpleName()
                            + " does not declare it, so calls through the proxy never reach it");
                }
            }
        }
    }

    private static boolean sameSignature(Method a, Method b) {
        return a.getName().equals(b.getName()) && Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
    }

    private static int depth(Class<?> c) {
        int depth = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")")) + " returning " + m.getReturnType().getSimpleName();
    }

    private static String known(java.util.stream.Stream<String> names) {
        List<String> sorted = names.sorted().toList();
        return sorted.isEmpty() ? "none" : String.join(", ", sorted);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
