package dev.tradepulse.runtime.internal;

import io.micrometer.core.instrument.Clock;
import java.util.function.LongSupplier;

/**
 * Micrometer's clock over the runtime's {@code java.time.Clock}, for the registries the runtime
 * builds itself: wall time (a push's timestamps, its step boundaries) from that clock, so a test's
 * {@code MutableClock} shows in the payload; monotonic time (durations) from
 * {@link System#nanoTime()}, which a {@code java.time.Clock} does not offer. Thread-safe if the
 * supplier is.
 */
final class MicrometerClock implements Clock {

    private final LongSupplier wallMillis;

    /** @param wallMillis the runtime clock's {@code millis()} */
    MicrometerClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    @Override
    public long wallTime() {
        return wallMillis.getAsLong();
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }
}
