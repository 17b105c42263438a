package dev.tradepulse.health.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.CheckOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One registered check and its state: the run in flight (at most one), and the reported,
 * flap-damped result. Guarded by its own monitor.
 */
final class RegisteredCheck {

    final String name;
    final HealthCheck check;
    final CheckOptions options;

    private @Nullable CompletableFuture<HealthResult> inFlight;
    private long inFlightStartNanos;
    private @Nullable HealthResult reported;
    private int worseStreak;
    private int betterStreak;
    private volatile boolean active = true;
    volatile @Nullable ScheduledFuture<?> refresh;

    RegisteredCheck(String name, HealthCheck check, CheckOptions options) {
        this.name = name;
        this.check = check;
        this.options = options;
    }

    boolean active() {
        return active;
    }

    void deactivate() {
        active = false;
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
        }
    }

    /** The run in flight, or null if a new one should start; marks the new one as started. */
    synchronized @Nullable CompletableFuture<HealthResult> joinOrStart(CompletableFuture<HealthResult> candidate, long nowNanos) {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        inFlight = candidate;
        inFlightStartNanos = nowNanos;
        return null;
    }

    synchronized long inFlightStartNanos() {
        return inFlightStartNanos;
    }

    /** The reported result, or null before any settles. */
    synchronized @Nullable HealthResult reported() {
        return reported;
    }

    /**
     * Applies flap damping to a raw result and returns the status before, or null if the
     * reported status did not change.
     */
    synchronized @Nullable HealthStatus accept(HealthResult raw) {
        if (reported == null) {
            HealthStatus initial = options.initialStatus().orElse(null);
            if (initial == null) {
                reported = raw;
                return null;
            }
            reported = HealthResult.builder(initial).message("initial status").build().withTiming(raw.duration(),
                    raw.checkedAt());
        }
        HealthStatus current = reported.status();
        HealthStatus next = raw.status();
        if (next == current) {
            worseStreak = 0;
            betterStreak = 0;
            reported = raw;
            return null;
        }
        boolean worse = next.ordinal() > current.ordinal();
        int needed;
        if (worse) {
            betterStreak = 0;
            needed = options.failureAttempts();
            if (++worseStreak < needed) {
                return null;
            }
        } else {
            worseStreak = 0;
            needed = options.successAttempts();
            if (++betterStreak < needed) {
                return null;
            }
        }
        worseStreak = 0;
        betterStreak = 0;
        reported = raw;
        return current;
    }

    /** For the status gauge: 1 healthy, 0.5 degraded, 0 unhealthy, NaN before the first result. */
    double statusValue() {
        HealthResult r = reported();
        if (r == null) {
            return Double.NaN;
        }
        return switch (r.status()) {
            case HEALTHY -> 1.0;
            case DEGRADED -> 0.5;
            case UNHEALTHY -> 0.0;
        };
    }
}
