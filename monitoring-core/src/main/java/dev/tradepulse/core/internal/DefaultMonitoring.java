package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.ExecutionTimer;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** The one implementation of {@link Monitoring}. */
final class DefaultMonitoring implements Monitoring {

    private final MeterRegistry registry;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final MonitoringContext context;
    private final @Nullable ScheduledExecutorService givenScheduler;
    private final Object schedulerLock = new Object();
    private @Nullable ScheduledExecutorService ownScheduler;
    private boolean closed;

    DefaultMonitoring(MeterRegistry registry, RetryRegistry retries, CircuitBreakerRegistry breakers, Clock clock,
            Sleeper sleeper, @Nullable ScheduledExecutorService scheduler, Duration slowCall, Map<String, Duration> slowCallByName,
            List<MonitoringListener> listeners) {
        this.registry = registry;
        this.retries = retries;
        this.breakers = breakers;
        this.givenScheduler = scheduler;
        this.context = new MonitoringContext(clock, registry, sleeper, this::scheduler, slowCall, slowCallByName);
        this.context.listeners().addAll(listeners);
        // resilience4j records its meters inside its own event handling and logs a WARN with a
        // stack trace per failed record; the guarded registry keeps a broken registry from doing so.
        MeterRegistry guarded = new GuardedMeterRegistry(registry, context.failures());
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(guarded);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(guarded);
        new CircuitBreakerEvents(context).watch(breakers);
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

    private ScheduledExecutorService scheduler() {
        if (givenScheduler != null) {
            return givenScheduler;
        }
        synchronized (schedulerLock) {
            if (closed) {
                throw new java.util.concurrent.RejectedExecutionException("monitoring is closed");
            }
            if (ownScheduler == null) {
                ownScheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "tradepulse-retry-scheduler");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return ownScheduler;
        }
    }

    @Override
    public void close() {
        synchronized (schedulerLock) {
            closed = true;
            if (ownScheduler != null) {
                ownScheduler.shutdown();
            }
        }
    }

    @Override
    public String toString() {
        return "Monitoring[registry=" + registry.getClass().getSimpleName() + ", retries="
                + retries.getAllRetries().size() + ", circuitBreakers=" + breakers.getAllCircuitBreakers().size() + "]";
    }
}
