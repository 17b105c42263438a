package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.Severity;
import dev.tradepulse.health.HealthCheck;
import dev.tradepulse.health.HealthResult;
import dev.tradepulse.health.checks.HealthChecks;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The health of delivery: per sink (its breaker, and whether a delivery has stalled) and over all
 * ({@code alerts.delivery}: whether alerts lately reached no sink at all).
 */
final class DeliveryHealth {

    /** How long one undelivered alert keeps {@code alerts.delivery} unhealthy or degraded. */
    static final Duration UNDELIVERED_WINDOW = Duration.ofMinutes(15);

    private record Latest(String key, Severity severity, long atNanos) {
    }

    private final Clock clock;
    private final List<String> fallbacks;
    private final AtomicLong undelivered = new AtomicLong();
    private volatile Latest latest;

    DeliveryHealth(Clock clock, List<String> fallbacks) {
        this.clock = clock;
        this.fallbacks = List.copyOf(fallbacks);
    }

    void undelivered(Alert alert) {
        undelivered.incrementAndGet();
        latest = new Latest(alert.key(), alert.severity(), clock.monotonicTime());
    }

    /** Unhealthy while its breaker is open or one delivery has run past {@link SinkWorker#STALL_AFTER}. */
    static HealthCheck sink(SinkWorker worker) {
        HealthCheck breaker = HealthChecks.circuitBreaker(worker.breaker());
        return () -> {
            Duration running = worker.inFlight();
            if (running.compareTo(SinkWorker.STALL_AFTER) >= 0) {
                return HealthResult.unhealthy("stalled: one delivery has run for " + running.toSeconds()
                        + " s without an answer");
            }
            return breaker.check();
        };
    }

    /**
     * Unhealthy for {@link #UNDELIVERED_WINDOW} after a CRITICAL or HIGH alert reached none of its
     * sinks, degraded after a lesser one.
     */
    HealthCheck overall() {
        return () -> {
            Latest l = latest;
            if (l == null || clock.monotonicTime() - l.atNanos() >= UNDELIVERED_WINDOW.toNanos()) {
                return HealthResult.healthy(undelivered.get() == 0 ? "every alert reached a sink"
                        : "no undelivered alert in the last " + UNDELIVERED_WINDOW.toMinutes() + " min");
            }
            String message = undelivered.get() + " alerts reached none of their sinks; latest "
                    + LogLines.clean(l.key(), 100) + " (" + l.severity() + ")"
                    + (fallbacks.isEmpty() ? ", and no fallback is configured" : ", handed to " + fallbacks);
            return l.severity().compareTo(Severity.HIGH) <= 0 ? HealthResult.unhealthy(message)
                    : HealthResult.degraded(message);
        };
    }
}
