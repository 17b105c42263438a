package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.support.Checks;
import java.time.Clock;
import java.time.Instant;

/**
 * Time for the alerts module, read from one {@link Clock}: wall time for what people see, and
 * "nanos" for windows, back-offs and latency. With the system clock, nanos are
 * {@link System#nanoTime()}, so a wall clock that steps (NTP) moves no window; with any other clock
 * (a test's {@code MutableClock}), nanos are the clock's own instants, so moving it moves every window.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ticker {

    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    private final Clock clock;
    private final boolean system;

    private Ticker(Clock clock) {
        this.clock = clock;
        this.system = SYSTEM_CLOCK.isInstance(clock);
    }

    /**
     * The time source of a clock.
     *
     * @param clock the clock
     * @return its ticker
     * @throws NullPointerException if {@code clock} is null
     */
    public static Ticker of(Clock clock) {
        return new Ticker(Checks.notNull(clock, "clock"));
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return whether this is the system clock, whose nanos are {@link System#nanoTime()} */
    public boolean isSystem() {
        return system;
    }

    /** @return a monotonic time in nanoseconds, only for differences */
    public long nanos() {
        if (system) {
            return System.nanoTime();
        }
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** @return the wall time in epoch milliseconds */
    public long wallMillis() {
        return clock.millis();
    }

    /** @return the wall time */
    public Instant instant() {
        return clock.instant();
    }
}
