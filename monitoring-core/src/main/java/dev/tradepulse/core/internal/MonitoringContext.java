package dev.tradepulse.core.internal;

import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What every layer of every chain shares: the clock, the registry, listeners and the guard. */
public final class MonitoringContext {

    private final Clock clock;
    private final MeterRegistry registry;
    private final FailureReporter failures;
    private final Sleeper sleeper;
    private final Supplier<ScheduledExecutorService> scheduler;
    private final Duration defaultSlowCall;
    private final Map<String, Duration> slowCallByName;
    private final List<MonitoringListener> listeners = new CopyOnWriteArrayList<>();

    MonitoringContext(Clock clock, MeterRegistry registry, Sleeper sleeper, Supplier<ScheduledExecutorService> scheduler,
            Duration defaultSlowCall, Map<String, Duration> slowCallByName) {
        this.clock = clock;
        this.registry = registry;
        this.sleeper = sleeper;
        this.scheduler = scheduler;
        this.defaultSlowCall = defaultSlowCall;
        this.slowCallByName = Map.copyOf(slowCallByName);
        this.failures = new FailureReporter(clock);
        this.failures.bindTo(registry);
    }

    Clock clock() {
        return clock;
    }

    MeterRegistry registry() {
        return registry;
    }

    FailureReporter failures() {
        return failures;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    ScheduledExecutorService scheduler() {
        return scheduler.get();
    }

    Instant now() {
        return Instant.ofEpochMilli(clock.wallTime());
    }

    Duration slowCallThreshold(String metricName, @Nullable Duration explicit) {
        if (explicit != null) {
            return explicit;
        }
        return slowCallByName.getOrDefault(metricName, defaultSlowCall);
    }

    List<MonitoringListener> listeners() {
        return listeners;
    }

    void retryExhausted(RetryExhausted event) {
        for (MonitoringListener listener : listeners) {
            tell(listener, "onRetryExhausted", l -> l.onRetryExhausted(event));
        }
    }

    void circuitBreakerStateChanged(CircuitBreakerStateChange event) {
        for (MonitoringListener listener : listeners) {
            tell(listener, "onCircuitBreakerStateChange", l -> l.onCircuitBreakerStateChange(event));
        }
    }

    /**
     * Runs one listener call. Listeners are user code on the caller's thread, so anything they
     * throw is contained: an Error would replace the caller's real failure, and a sneaky checked
     * exception would reach it as an UndeclaredThrowableException from the proxy.
     */
    private void tell(MonitoringListener listener, String method, Consumer<MonitoringListener> call) {
        try {
            call.accept(listener);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // swallowed here, so keep the thread's interrupt
            }
            failures.report("listener " + listener.getClass().getName() + "." + method, e);
        }
    }
}
