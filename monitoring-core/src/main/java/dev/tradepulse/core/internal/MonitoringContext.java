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
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every layer of every chain shares: the clocks, the registry, listeners and the guard.
 * Thread-safe.
 */
final class MonitoringContext {

    /** Where an asynchronous retry waits for its next attempt. */
    interface RetryScheduler {
        /**
         * Runs {@code attempt} after {@code delayMillis}, or {@code abandon} instead if the
         * monitoring closes first.
         *
         * @throws RejectedExecutionException if the monitoring is closed
         */
        void schedule(Runnable attempt, long delayMillis, Runnable abandon);
    }

    private final Supplier<Instant> wallClock;
    private final Clock ticker;
    private final MeterRegistry registry;
    private final FailureReporter failures;
    private final Sleeper sleeper;
    private final RetryScheduler scheduler;
    private final Duration defaultSlowCall;
    private final Map<String, Duration> slowCallByName;
    private final List<MonitoringListener> listeners = new CopyOnWriteArrayList<>();

    MonitoringContext(Supplier<Instant> wallClock, MeterRegistry registry, Sleeper sleeper, RetryScheduler scheduler,
            Duration defaultSlowCall, Map<String, Duration> slowCallByName) {
        this.wallClock = wallClock;
        this.ticker = registry.config().clock();
        this.registry = registry;
        this.sleeper = sleeper;
        this.scheduler = scheduler;
        this.defaultSlowCall = defaultSlowCall;
        this.slowCallByName = Map.copyOf(slowCallByName);
        this.failures = new FailureReporter(ticker);
        this.failures.bindTo(registry);
    }

    /** The meter registry's clock, whose monotonic time measures every duration, as Micrometer's own timers do. */
    Clock ticker() {
        return ticker;
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

    void scheduleRetry(Runnable attempt, long delayMillis, Runnable abandon) {
        scheduler.schedule(attempt, delayMillis, abandon);
    }

    /** The time of an event, from the monitoring's wall clock. */
    Instant now() {
        return wallClock.get();
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
