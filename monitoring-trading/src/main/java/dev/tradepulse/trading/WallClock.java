package dev.tradepulse.trading;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@code java.time.Clock}'s milliseconds seen as Micrometer's {@link Clock}, for the one
 * monitoring-health factory ({@code HealthChecks.freshness}) that still takes Micrometer's
 * type; delete it once that factory takes {@code java.time.Clock} like every other public API.
 * Thread-safe if the millisecond source is.
 */
final class WallClock implements Clock {

    private final LongSupplier millis;

    WallClock(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public long wallTime() {
        return millis.getAsLong();
    }

    @Override
    public long monotonicTime() {
        return TimeUnit.MILLISECONDS.toNanos(millis.getAsLong());
    }
}
