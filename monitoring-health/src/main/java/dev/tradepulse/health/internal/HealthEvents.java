package dev.tradepulse.health.internal;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.time.Duration;
import dev.tradepulse.api.support.Checks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registry tells the outside: transition log lines and listeners. Nothing here throws,
 * whatever a listener or the logging backend does: a listener's Error on a health worker would
 * otherwise end the run mid-record, and on the caller's thread fail its {@code /health} request.
 * A failing listener is logged at most once a minute, with the number of failures left unlogged.
 * Thread-safe.
 */
final class HealthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottle bookkeepingLog = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle listenerLog = new LogThrottle(Duration.ofMinutes(1));
    private final AtomicLong listenerFailuresUnlogged = new AtomicLong();

    void add(HealthListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
    }

    void remove(HealthListener listener) {
        listeners.remove(Checks.notNull(listener, "listener"));
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

    /** Close waited its full timeout and a worker is still running a check (one that ignores interrupts). */
    void closeTimedOut(Duration timeout) {
        try {
            LOG.warn("Health registry closed, but a check was still running after {}; its daemon worker ends when it"
                    + " returns", timeout);
        } catch (Throwable ignored) {
            // nothing left to tell it to
        }
    }

    private void listenerFailed(HealthListener listener, Throwable failure) {
        if (!listenerLog.tryAcquire(System.nanoTime())) {
            listenerFailuresUnlogged.incrementAndGet();
            return;
        }
        try {
            LOG.warn("Health listener {} failed ({} more listener failures since the last line, logged at most once a"
                    + " minute): {}", LogText.clean(listener.getClass().getName()),
                    listenerFailuresUnlogged.getAndSet(0), LogText.describe(failure));
        } catch (Throwable ignored) {
            // nothing left to tell it to
        }
    }
}
