package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.ExecutionTimer;
import dev.tradepulse.core.MethodChain;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringConfig;
import dev.tradepulse.core.MonitoringListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link Monitoring}. Thread-safe. */
final class DefaultMonitoring implements Monitoring, MonitoringContext.RetryScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

    /** How long {@link #close()} waits for the scheduler's thread to end. */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private final MonitoringConfig config;
    private final MeterRegistry registry;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final MonitoringContext context;
    private final @Nullable ScheduledExecutorService givenScheduler;
    private final Object schedulerLock = new Object();
    private final Set<PendingRetry> pending = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService ownScheduler;
    private boolean closed;

    DefaultMonitoring(MonitoringConfig config, MeterRegistry registry, RetryRegistry retries,
            CircuitBreakerRegistry breakers, Clock clock, Sleeper sleeper, @Nullable ScheduledExecutorService scheduler,
            List<MonitoringListener> listeners) {
        this.config = config;
        this.registry = registry;
        this.retries = retries;
        this.breakers = breakers;
        this.givenScheduler = scheduler;
        this.context = new MonitoringContext(clock::instant, registry, sleeper, this, config.slowCallThreshold(),
                config.slowCallThresholds());
        this.context.listeners().addAll(listeners);
        // resilience4j records its meters inside its own event handling and logs a WARN with a
        // stack trace per failed record; the guarded registry keeps a broken registry from doing so.
        MeterRegistry guarded = new GuardedMeterRegistry(registry, context.failures());
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(guarded);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(guarded);
        new CircuitBreakerEvents(context).watch(breakers);
    }

    @Override
    public MonitoringConfig config() {
        return config;
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public RetryRegistry retryRegistry() {
        return retries;
    }

    @Override
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return breakers;
    }

    @Override
    public <T> T instrument(Class<T> type, T target) {
        Checks.notNull(type, "type");
        Checks.notNull(target, "target");
        if (!type.isInstance(target)) {
            throw new IllegalArgumentException("target must be an instance of " + type.getName() + ", but is a "
                    + target.getClass().getName());
        }
        if (type.isInterface()) {
            List<Method> methods = Arrays.stream(type.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()))
                    .toList();
            ProxyAccess.check(type, methods);
            Map<Method, Invoker> chains =
                    new AnnotatedChains(context, retries, breakers, type, target.getClass()).build(methods);
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new InstrumentingHandler(target, chains));
            return type.cast(proxy);
        }
        if (Modifier.isFinal(type.getModifiers())) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName()
                    + ": it is final, so no subclass proxy can be made; instrument an interface it implements instead");
        }
        if (!ByteBuddyPresence.present()) {
            throw new IllegalStateException("Instrumenting the class " + type.getName()
                    + " needs net.bytebuddy:byte-buddy on the class path; add it, or instrument an interface instead");
        }
        List<Method> methods;
        try {
            methods = SubclassProxies.interceptedMethods(type); // the first use links ByteBuddy
        } catch (LinkageError e) {
            throw unusableByteBuddy(type, e);
        }
        Map<Method, Invoker> chains =
                new AnnotatedChains(context, retries, breakers, type, target.getClass()).build(methods);
        try {
            return SubclassProxies.create(type, new InstrumentingHandler(target, chains));
        } catch (LinkageError e) {
            throw unusableByteBuddy(type, e);
        }
    }

    @Override
    public Optional<MethodChain> chain(Method method, Class<?> targetClass, Set<Class<? extends Annotation>> annotations) {
        Checks.notNull(method, "method");
        Checks.notNull(targetClass, "targetClass");
        Checks.notNull(annotations, "annotations");
        for (Class<? extends Annotation> annotation : annotations) {
            if (!AnnotatedChains.HONOURED.contains(annotation)) {
                throw new IllegalArgumentException("annotations may list only " + AnnotatedChains.HONOURED.stream()
                        .map(a -> "@" + a.getSimpleName()).toList() + ", not " + annotation.getName());
            }
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException("method must not be static: " + method);
        }
        AnnotatedChains chains = new AnnotatedChains(context, retries, breakers, method.getDeclaringClass(), targetClass,
                annotations);
        Invoker chain = chains.build(method, InterceptedChain.TERMINAL);
        return chain == null ? Optional.empty() : Optional.of(new InterceptedChain(chain, chains.retries(method)));
    }

    /** ByteBuddy is there but unusable (a partial or incompatible copy): still the documented error. */
    private static IllegalStateException unusableByteBuddy(Class<?> type, LinkageError e) {
        return new IllegalStateException("Instrumenting the class " + type.getName()
                + " needs a working net.bytebuddy:byte-buddy on the class path, but loading it failed: "
                + LogText.describe(e) + "; fix the dependency, or instrument an interface instead", e);
    }

    @Override
    public ExecutionTimer.Builder timer(String name) {
        return new TimerBuilder(Checks.notBlank(name, "name"), context);
    }

    @Override
    public Decoration.Builder decoration(String operation) {
        return new DecorationBuilder(Checks.notBlank(operation, "operation"), context, retries, breakers);
    }

    @Override
    public void addListener(MonitoringListener listener) {
        context.listeners().add(Checks.notNull(listener, "listener"));
    }

    @Override
    public void removeListener(MonitoringListener listener) {
        context.listeners().remove(Checks.notNull(listener, "listener"));
    }

    @Override
    public long instrumentationFailures() {
        return context.failures().total();
    }

    @Override
    public void schedule(Runnable attempt, long delayMillis, Runnable abandon) {
        if (givenScheduler != null) {
            givenScheduler.schedule(attempt, delayMillis, TimeUnit.MILLISECONDS);
            return;
        }
        PendingRetry retry = new PendingRetry(attempt, abandon);
        synchronized (schedulerLock) {
            if (closed) {
                throw new RejectedExecutionException("monitoring is closed");
            }
            ScheduledExecutorService scheduler = ownScheduler;
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("retry-scheduler"));
                ownScheduler = scheduler;
            }
            pending.add(retry);
            scheduler.schedule(retry, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A retry waiting on the own scheduler; whoever removes it from {@link #pending} first runs it or abandons it. */
    private final class PendingRetry implements Runnable {
        private final Runnable attempt;
        private final Runnable abandon;

        PendingRetry(Runnable attempt, Runnable abandon) {
            this.attempt = attempt;
            this.abandon = abandon;
        }

        @Override
        public void run() {
            if (pending.remove(this)) {
                attempt.run();
            }
        }

        void abandon() {
            if (pending.remove(this)) {
                try {
                    abandon.run();
                } catch (Throwable e) {
                    context.failures().report("abandoned retry", e);
                }
            }
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService scheduler;
        synchronized (schedulerLock) {
            if (closed) {
                return;
            }
            closed = true;
            scheduler = ownScheduler;
        }
        if (scheduler == null) {
            return;
        }
        try {
            scheduler.shutdownNow();
            for (PendingRetry retry : List.copyOf(pending)) {
                retry.abandon();
            }
            if (!scheduler.awaitTermination(CLOSE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The retry scheduler did not stop within {}; an attempt is still running",
                        CLOSE_DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            context.failures().report("monitoring close", e);
        }
    }

    @Override
    public String toString() {
        return "Monitoring[registry=" + registry.getClass().getSimpleName() + ", retries="
                + retries.getAllRetries().size() + ", circuitBreakers=" + breakers.getAllCircuitBreakers().size() + "]";
    }
}
