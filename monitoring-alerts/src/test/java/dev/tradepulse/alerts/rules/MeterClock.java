package dev.tradepulse.alerts.rules;

import io.micrometer.core.instrument.Clock;
import java.time.Instant;

/** A meter registry's own clock reading a test's {@code java.time.Clock}, so that one move of it moves both. */
final class MeterClock implements Clock {

    private final java.time.Clock clock;

    private MeterClock(java.time.Clock clock) {
        this.clock = clock;
    }

    static Clock of(java.time.Clock clock) {
        return new MeterClock(clock);
    }

    @Override
    public long wallTime() {
        return clock.millis();
    }

    @Override
    public long monotonicTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
