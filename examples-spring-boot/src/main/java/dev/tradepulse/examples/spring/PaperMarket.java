package dev.tradepulse.examples.spring;

import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A simulated market for one symbol: a seeded random walk of about 0.1% a tick, and a scripted
 * flash crash of five ticks of -4% each from {@code crashAtTick} on. {@link #next} is called by the
 * trading loop only (under its lock); {@link #lastTickAt()} may be read from any thread (the
 * market-data health check).
 */
public final class PaperMarket {

    private static final int CRASH_TICKS = 5;
    private static final double CRASH_STEP = -0.04;

    private final String symbol;
    private final long crashAtTick;
    private final Random random;
    private double price = 60_000;
    private long tick;
    private volatile @Nullable Instant lastTickAt;

    /**
     * @param symbol the symbol quoted
     * @param seed the random seed
     * @param crashAtTick the first tick of the crash; zero: none
     * @throws NullPointerException if {@code symbol} is null
     * @throws IllegalArgumentException if {@code crashAtTick} is negative
     */
    public PaperMarket(String symbol, long seed, long crashAtTick) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (crashAtTick < 0) {
            throw new IllegalArgumentException("crashAtTick must not be negative, got " + crashAtTick);
        }
        this.crashAtTick = crashAtTick;
        this.random = new Random(seed);
    }

    /** @return the symbol quoted */
    public String symbol() {
        return symbol;
    }

    /**
     * Moves the market one tick.
     *
     * @param at when the price arrives
     * @return the new price
     * @throws NullPointerException if {@code at} is null
     */
    double next(Instant at) {
        Objects.requireNonNull(at, "at");
        tick++;
        boolean crashing = crashAtTick > 0 && tick >= crashAtTick && tick < crashAtTick + CRASH_TICKS;
        price *= 1 + (crashing ? CRASH_STEP : random.nextGaussian() * 0.001);
        lastTickAt = at;
        return price;
    }

    /** @return when the last price arrived, or null before the first */
    public @Nullable Instant lastTickAt() {
        return lastTickAt;
    }
}
