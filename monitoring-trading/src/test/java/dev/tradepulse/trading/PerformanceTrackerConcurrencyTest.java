package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PerformanceTrackerConcurrencyTest {

    /** Small trackers, so that thousands can be made quickly. */
    private static final PerformanceTrackerConfig SMALL = PerformanceTrackerConfig.custom().tradeTape(1)
            .varWindow(20).equityCurve(1, Duration.ofDays(1)).build();

    /**
     * Regression: the optimistic read used to dereference the last and peak snapshot times, which
     * are still null while the first {@code recordEquity} is half done, so a gauge scraped at that
     * moment threw a NullPointerException into the registry. The read now uses primitives only.
     * The race is narrow, so on the old code this fails often but not always (it caught it in 3 of
     * 5 runs); on the new code it cannot fail, since the read dereferences nothing a writer sets.
     */
    @Test
    void a_snapshot_racing_the_first_equity_snapshot_never_throws() throws Exception {
        AtomicReference<PerformanceTracker> current = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            reading.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                PerformanceTracker t = current.get();
                if (t != null) {
                    try {
                        t.snapshot();
                        t.exposure();
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            }
        }, "snapshot-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            // Bounded by time, not by a count: a slow machine gets fewer rounds, never a longer test.
            while (System.nanoTime() < deadline && failure.get() == null) {
                PerformanceTracker t = PerformanceTracker.builder("race").config(SMALL).build();
                current.set(t);
                for (int spin = 0; spin < 50; spin++) {
                    Thread.onSpinWait(); // give the reader time to start on the new tracker
                }
                t.recordEquity(at, 100);
            }
        } finally {
            reader.interrupt();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }
}
