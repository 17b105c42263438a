package dev.tradepulse.health.internal;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registry tells the outside: transition log lines and listeners. Nothing here throws,
 * whatever a listener or the logging backend does: a listener's Error on a health worker would
 * otherwise end the run mid-record, and on the caller's thread fail its {@code /health} request.
 */
final class HealthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottle bookkeepingLog = new LogThrottle(Duration.ofMinutes(1));

    void add(HealthListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    void remove(HealthListener listener) {
        listeners.remove(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** A component's reported status changed: one log line, then every listener. */
    void componentChanged(String name, HealthStatus previous, HealthResult current) {
        logTransition(name, previous, current);
        for (HealthListener listener : listeners) {
            try {
                listener.onComponentChange(name, previous, current);
            } catch (Throwable e) {
                listenerFailed(listener, e);
            }
        }
    }

    void overallChanged(HealthStatus previous, HealthReport report) {
        for (HealthListener listener : listeners) {
            try {
                listener.onOverallChange(previous, report);
            } catch (Throwable e) {
                listenerFailed(listener, e);
            }
        }
    }

    /** The registry's own work (a meter, the refresh schedule) failed; logged at most once a minute. */
    void bookkeepingFailed(Throwable failure, long nowNanos) {
        if (bookkeepingLog.tryAcquire(nowNanos)) {
            try {
                LOG.warn("Health bookkeeping failed (logged at most once a minute): {}", LogText.describe(failure));
            } catch (Throwable ignored) {
                // nothing left to tell it to
            }
        }
    }

    /** Messages come from checks (exceptions, remote bodies), so they go through LogText like every log line. */
    private static void logTransition(String name, HealthStatus previous, HealthResult current) {
        try {
            if (current.status() == HealthStatus.HEALTHY) {
                LOG.info("Health of '{}' is now {} (was {})", name, current.status(), previous);
            } else {
                LOG.warn("Health of '{}' is now {} (was {}): {}", name, current.status(), previous,
                        LogText.clean(current.message().orElse("")));
            }
        } catch (Throwable e) {
            // a broken logging backend must not stop the transition from reaching listeners
        }
    }

    private static void listenerFailed(HealthListener listener, Throwable failure) {
        try {
            LOG.warn("Health listener {} failed: {}", LogText.clean(listener.getClass().getName()),
                    LogText.describe(failure));
        } catch (Throwable ignored) {
            // nothing left to tell it to
        }
    }
}
