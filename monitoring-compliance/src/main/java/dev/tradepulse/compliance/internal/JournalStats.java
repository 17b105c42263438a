package dev.tradepulse.compliance.internal;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** What the writer counts about itself, read by the meters, the health check and the status section. */
final class JournalStats {

    private final LongAdder lines = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder fsyncs = new LongAdder();
    private volatile long lastCheckpointMicros;
    private volatile long lastCheckpointNanos = System.nanoTime();
    private volatile Timer fsyncTimer;

    void wrote(int lineBytes) {
        lines.increment();
        bytes.add(lineBytes);
    }

    void fsynced(long nanos) {
        fsyncs.increment();
        Timer t = fsyncTimer;
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void checkpointed(long micros) {
        lastCheckpointMicros = micros;
        lastCheckpointNanos = System.nanoTime();
    }

    void fsyncTimer(Timer timer) {
        this.fsyncTimer = timer;
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
