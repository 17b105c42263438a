package dev.tradepulse.runtime.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.trading.PerformanceTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the trackers' restart-safe state off the trading thread: at once when a day's baseline
 * changed, otherwise every {@code state.save-interval} while something changed, and once more at
 * close. The trading thread only ever flips counters; the fsync happens here.
 */
final class StateSaver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime");
    private static final long POLL_MS = 100;

    private final List<PerformanceTracker> trackers;
    private final Clock clock;
    private final long intervalMillis;
    private final long[] lastSave;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    // One slot per tracker: a save that works for one strategy must not hide another's failure.
    private final AtomicReferenceArray<@Nullable String> lastFailures;

    StateSaver(List<PerformanceTracker> trackers, Clock clock, Duration interval) {
        this.trackers = List.copyOf(trackers);
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.lastSave = new long[trackers.size()];
        this.lastFailures = new AtomicReferenceArray<>(trackers.size());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("state-saver"));
        scheduler.scheduleWithFixedDelay(this::round, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void round() {
        long now = clock.millis();
        for (int i = 0; i < trackers.size(); i++) {
            PerformanceTracker t = trackers.get(i);
            if (t.baselineUnsaved() || (t.stateDirty() && now - lastSave[i] >= intervalMillis)) {
                save(i, now);
            }
        }
    }

    private void save(int i, long now) {
        PerformanceTracker t = trackers.get(i);
        try {
            t.saveState();
            lastSave[i] = now;
            saves.incrementAndGet();
            lastFailures.set(i, null);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            failures.incrementAndGet();
            lastFailures.set(i, e.getClass().getSimpleName());
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.error("Saving the state of strategy {} failed ({} failures so far); a restart now would lose "
                        + "what changed since the last save: {}", LogText.clean(t.strategy()), failures.get(),
                        LogText.clean(String.valueOf(e.getMessage()), 300));
            }
        }
    }

    /**
     * DEGRADED while the last save of any strategy failed: the bot trades, but a restart would lose
     * that strategy's recent state. Names every failing strategy, not only the latest.
     */
    HealthCheck healthCheck() {
        return () -> {
            StringJoiner failing = new StringJoiner(", ");
            for (int i = 0; i < trackers.size(); i++) {
                String failure = lastFailures.get(i);
                if (failure != null) {
                    failing.add(LogText.clean(trackers.get(i).strategy()) + ": " + failure);
                }
            }
            return failing.length() == 0 ? HealthResult.healthy()
                    : HealthResult.degraded("the last state save failed (" + failing + "); " + failures.get() + " failures");
        };
    }

    /** Stops the rounds, then saves what changed: the last word before the state store closes. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            long now = clock.millis();
            for (int i = 0; i < trackers.size(); i++) {
                if (trackers.get(i).stateDirty() || trackers.get(i).baselineUnsaved()) {
                    save(i, now);
                }
            }
        }
    }
}
