package dev.tradepulse.compliance.internal;

import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the writer counts about itself, read by the meters, the health check and the status
 * section. Written by the writer (and the fsyncing callers), read by anyone: thread-safe.
 */
final class JournalStats {

    private final LongAdder lines = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder fsyncs = new LongAdder();
    private volatile long lastCheckpointMicros;
    private volatile long lastCheckpointNanos = System.nanoTime();
    /** One per registry bound; copied on bind, which is rare. */
    private volatile Timer[] fsyncTimers = new Timer[0];

    void wrote(int lineBytes) {
        lines.increment();
        bytes.add(lineBytes);
    }

    void fsynced(long nanos) {
        fsyncs.increment();
        for (Timer t : fsyncTimers) {
            try {
                t.record(nanos, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                // a meter that fails must not fail the journal; Micrometer's own timers do not throw
            }
        }
    }

    void checkpointed(long micros) {
        lastCheckpointMicros = micros;
        lastCheckpointNanos = System.nanoTime();
    }

    synchronized void addFsyncTimer(Timer timer) {
        for (Timer t : fsyncTimers) {
            if (t == timer) {
                return; // bound to the same registry twice: Micrometer returned the same timer
            }
        }
        Timer[] more = Arrays.copyOf(fsyncTimers, fsyncTimers.length + 1);
        more[more.length - 1] = timer;
        fsyncTimers = more;
    }

    long lines() {
        return lines.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    long fsyncs() {
        return fsyncs.sum();
    }

    long lastCheckpointMicros() {
        return lastCheckpointMicros;
    }

    /** Seconds since the last checkpoint, by the monotonic clock. */
    double checkpointAgeSeconds() {
        return (System.nanoTime() - lastCheckpointNanos) / 1e9;
    }
}
