package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.health.checks.HealthChecks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The health of delivery: per sink (its breaker, and whether a delivery has stalled) and over all
 * ({@code alerts.delivery}: whether alerts lately reached no sink at all). Thread-safe.
 */
final class DeliveryHealth {

    private final Ticker ticker;
    private final Duration window;
    private final List<String> fallbacks;
    private final DispatcherMeters meters;
    // Written on the caller's thread when a full queue drops an alert: plain ordered stores, no
    // allocation, no fence. The check may pair a new alert with an old time for a moment.
    private final AtomicReference<Alert> latest = new AtomicReference<>();
    private final AtomicLong latestAt = new AtomicLong();

    DeliveryHealth(Ticker ticker, DispatcherMeters meters, List<String> fallbacks, Duration window) {
        this.ticker = ticker;
        this.window = window;
        this.meters = meters;
        this.fallbacks = List.copyOf(fallbacks);
    }

    /** Notes an undelivered alert (the meters count it); {@code nowNanos} is the dispatcher clock's monotonic time. */
    void undelivered(Alert alert, long nowNanos) {
        latestAt.lazySet(nowNanos);
        latest.lazySet(alert);
    }

    /** Unhealthy while its breaker is open or one delivery has run past the configured stall time. */
    static HealthCheck sink(SinkWorker worker) {
        HealthCheck breaker = HealthChecks.circuitBreaker(worker.breaker());
        return () -> {
            Duration running = worker.inFlight();
            if (running.compareTo(worker.stallAfter()) >= 0) {
                return HealthResult.unhealthy("stalled: one delivery has run for " + running.toSeconds()
                        + " s without an answer");
            }
            return breaker.check();
        };
    }

    /**
     * Unhealthy for the configured window after a CRITICAL or HIGH alert reached none of its
     * sinks, degraded after a lesser one.
     */
    HealthCheck overall() {
        return () -> {
            Alert l = latest.get();
            if (l == null || ticker.nanos() - latestAt.get() >= window.toNanos()) {
                return HealthResult.healthy(meters.undeliveredTotal() == 0 ? "every alert reached a sink"
                        : "no undelivered alert in the last " + window.toMinutes() + " min");
            }
            String message = meters.undeliveredTotal() + " alerts reached none of their sinks; latest "
                    + LogText.clean(l.key(), 100) + " (" + l.severity() + ")"
                    + (fallbacks.isEmpty() ? ", and no fallback is configured" : ", handed to " + fallbacks);
            return l.severity().compareTo(Severity.HIGH) <= 0 ? HealthResult.unhealthy(message)
                    : HealthResult.degraded(message);
        };
    }
}
