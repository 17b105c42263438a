package dev.tradepulse.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} a test moves by hand, so tests never sleep to let time pass. Thread-safe: one
 * thread may {@link #advance} while others read.
 */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    private MutableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock at {@code start} in UTC.
     *
     * @param start the first instant
     * @return the clock
     * @throws NullPointerException if {@code start} is null
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(Objects.requireNonNull(start, "start must not be null"), ZoneOffset.UTC);
    }

    /**
     * A clock at 2026-01-05T00:00:00Z, a Monday.
     *
     * @return the clock
     */
    public static MutableClock start() {
        return at(Instant.parse("2026-01-05T00:00:00Z"));
    }

    /**
     * Moves the clock forward.
     *
     * @param by how far; must not be negative
     * @return this clock
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public synchronized MutableClock advance(Duration by) {
        Objects.requireNonNull(by, "by must not be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("by must not be negative, but was " + by);
        }
        now = now.plus(by);
        return this;
    }

    /**
     * Sets the clock, forward or back (a wall clock can step back).
     *
     * @param instant the new instant
     * @return this clock
     */
    public MutableClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant must not be null");
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        MutableClock c = new MutableClock(now, Objects.requireNonNull(newZone, "newZone must not be null"));
        return c;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public String toString() {
        return "MutableClock[" + now + "]";
    }
}
