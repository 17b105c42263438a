package dev.tradepulse.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    static final List<Class<? extends Annotation>> HONOURED =
            List.of(Timed.class, Counted.class, Retry.class, CircuitBreaker.class);

    private final MonitoringContext context;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final Class<?> type;
    private final Class<?> targetClass;
    private final Set<Class<? extends Annotation>> honoured;
    private final Logger log;
    private final List<String> problems = new ArrayList<>();

    AnnotatedChains(MonitoringContext context, RetryRegistry retries, CircuitBreakerRegistry breakers, Class<?> type,
            Class<?> targetClass) {
        this(context, retries, breakers, type, targetClass, Set.copyOf(HONOURED));
    }

    /** Chains that apply only the {@code honoured} annotations, a subset of {@link #HONOURED}. */
    AnnotatedChains(MonitoringContext context, RetryRegistry retries, CircuitBreakerRegistry breakers, Class<?> type,
            Class<?> targetClass, Set<Class<? extends Annotation>> honoured) {
        this.context = context;
        this.retries = retries;
        this.breakers = breakers;
        this.type = type;
        this.targetClass = targetClass;
        this.honoured = Set.copyOf(honoured);
        this.log = LoggerFactory.getLogger(targetClass);
    }

    /** Builds the chains of the given methods: every method gets at least a plain call. */
    Map<Method, Invoker> build(Collection<Method> methods) {
        checkUnreachableAnnotations(methods);
        Map<Method, Invoker> chains = new HashMap<>();
        for (Method method : methods) {
            method.trySetAccessible();
            Invoker terminal = DirectCalls.terminal(method);
            Invoker chain = chainFor(method, terminal);
            chains.put(method, chain == null ? terminal : chain);
        }
        failOnProblems();
        return chains;
    }

    /**
     * The chain of one method whose innermost layer is {@code terminal}, for a framework's own
     * interceptor; null if the method carries none of the honoured annotations.
     *
     * @throws IllegalArgumentException naming the method and each of its problems
     */
    @Nullable Invoker build(Method method, Invoker terminal) {
        Invoker chain = chainFor(method, terminal);
        failOnProblems();
        return chain;
    }

    /** Whether {@code method} carries a {@code @Retry} that its chain applies. */
    boolean retries(Method method) {
        return honoured.contains(Retry.class) && find(Retry.class, implementationOf(method), method).length > 0;
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The method's chain around {@code terminal}, or null if it carries none of the honoured annotations. */
    private @Nullable Invoker chainFor(Method method, Invoker terminal) {
        Method impl = implementationOf(method);
        String where = type.getSimpleName() + "." + method.getName();
        Timed[] timed = find(Timed.class, impl, method);
        Counted[] counted = find(Counted.class, impl, method);
        Retry[] retry = find(Retry.class, impl, method);
        CircuitBreaker[] breaker = find(CircuitBreaker.class, impl, method);
        Invoker chain = terminal;
        if (timed.length + counted.length + retry.length + breaker.length == 0) {
            return null;
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
            OutcomeTimer timer = outcomeTimer(where, timed[i], methodTags);
            if (timer != null) {
                chain = TimingStage.of(timer, context.ticker(), async, chain);
            }
        }
        return chain;
    }

    /**
     * The timer of one {@code @Timed}, its settings mapped by Micrometer itself
     * ({@code Timer.builder(Timed, String)}, {@code LongTaskTimer.builder(Timed)}), as Micrometer's
     * {@code TimedAspect} does; null if the annotation has a problem, which is recorded.
     */
    private @Nullable OutcomeTimer outcomeTimer(String where, Timed timed, Tags methodTags) {
        int before = problems.size();
        for (double p : timed.percentiles()) {
            if (!(p >= 0 && p <= 1)) {
                problems.add(where + ": @Timed percentiles must lie in [0, 1], got " + p);
            }
        }
        extraTags(where, "@Timed", timed.extraTags());
        if (timed.longTask() && timed.value().isEmpty()) {
            problems.add(where + ": @Timed(longTask = true) needs a metric name (value), as Micrometer requires;"
                    + " a long-task timer under the default name " + DEFAULT_TIMER_NAME
                    + " would share its name with the plain timers, which a Prometheus registry rejects");
        }
        if (problems.size() > before) {
            return null;
        }
        if (timed.longTask()) {
            return OutcomeTimer.longTask(timed.value(), () -> LongTaskTimer.builder(timed), methodTags, where, log,
                    context);
        }
        String name = timed.value().isEmpty() ? DEFAULT_TIMER_NAME : timed.value();
        return OutcomeTimer.of(name, Timer.builder(timed, DEFAULT_TIMER_NAME), methodTags, null, where, log, context);
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
        if (!honoured.contains(annotation)) {
            return element0(annotation);
        }
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
        return (A[]) Array.newInstance(annotation, 0);
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

    private static String known(Stream<String> names) {
        List<String> sorted = names.sorted().toList();
        return sorted.isEmpty() ? "none" : String.join(", ", sorted);
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
