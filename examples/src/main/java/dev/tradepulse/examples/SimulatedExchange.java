package dev.tradepulse.examples;

import dev.tradepulse.trading.Side;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake exchange over a scripted market. The market moves once per tick ({@link #advance()}),
 * so the random walk, the outage, the flash crash and the whipsaw fall on the same ticks in every
 * run with the same seed, however slow the machine. Only the injected faults (latency spikes,
 * bursts of 5xx errors) are drawn per call, from their own random stream.
 */
final class SimulatedExchange implements ExchangeClient {

    /** Ticks the flash crash lasts, 2% down each: about 26% in all. */
    static final int CRASH_TICKS = 15;

    /** Ticks between two jumps of the whipsaw. */
    static final int WHIPSAW_PERIOD = 5;

    /** How far the whipsaw jumps, alternately up and down: beyond the momentum strategy's stop. */
    static final double WHIPSAW_JUMP = 0.015;

    /**
     * Which ticks bring the outage, the crash and the whipsaw, in that order and all within the
     * run's first 95%. The outage comes first, so that both strategies are ACTIVE when it moves
     * them to REDUCING. The crash comes at half time, long after the circuit breaker has had time
     * to close again (its open-wait is a twentieth of the run) and the strategies have 20 prices
     * of history, so that what it does to a leveraged strategy does not depend on thread timing.
     * The whipsaw then jumps against the momentum strategy's positions until its stop-losses lock
     * the symbol: it needs about four jumps, and has six.
     */
    record Scenario(int ticks, int outageStart, int outageEnd, int crashStart, int whipsawStart, int whipsawEnd) {

        static Scenario over(int ticks) {
            int outage = Math.max(10, ticks * 10 / 100);
            int outageEnd = outage + Math.max(10, ticks * 12 / 100);
            int crash = Math.max(outageEnd + 18, ticks * 50 / 100);
            int whipsaw = crash + CRASH_TICKS + 3;
            return new Scenario(ticks, outage, outageEnd, crash, whipsaw,
                    whipsaw + Math.max(6 * WHIPSAW_PERIOD, ticks * 25 / 100));
        }

        boolean outage(int tick) {
            return tick >= outageStart && tick < outageEnd;
        }

        boolean crashing(int tick) {
            return tick >= crashStart && tick < crashStart + CRASH_TICKS;
        }

        /** @return the whipsaw's move on this tick: +1 a jump up, -1 a jump down, 0 none */
        int whipsaw(int tick) {
            if (tick < whipsawStart || tick >= whipsawEnd || (tick - whipsawStart) % WHIPSAW_PERIOD != 0) {
                return 0;
            }
            return ((tick - whipsawStart) / WHIPSAW_PERIOD) % 2 == 0 ? 1 : -1;
        }
    }

    private final Scenario scenario;
    private final Random market;
    private final Random faults;
    private final AtomicLong orderIds = new AtomicLong();
    private int tick = -1;
    private double price = 64_000;
    private int burstLeft;

    SimulatedExchange(long seed, Scenario scenario) {
        this.scenario = scenario;
        this.market = new Random(seed);
        this.faults = new Random(seed * 7919 + 1);
    }

    /** Moves the market one tick: a small random step, 2% down while the crash lasts, or a whipsaw jump. */
    synchronized void advance() {
        tick++;
        int jump = scenario.whipsaw(tick);
        price *= scenario.crashing(tick) ? 0.98
                : jump > 0 ? 1 + WHIPSAW_JUMP : jump < 0 ? 1 / (1 + WHIPSAW_JUMP) : 1 + market.nextGaussian() * 0.0005;
    }

    /** @return the tick the market is on, from 0 */
    synchronized int tick() {
        return tick;
    }

    @Override
    public Fill placeOrder(String symbol, Side side, double quantity, double referencePrice) throws IOException {
        double fillPrice = respond();
        return new Fill("o-" + orderIds.incrementAndGet(), symbol, side, quantity, fillPrice);
    }

    @Override
    public Fill closePosition(String symbol, Side side, double quantity) throws IOException {
        double fillPrice = respond();
        return new Fill("o-" + orderIds.incrementAndGet(), symbol, side, quantity, fillPrice);
    }

    @Override
    public double lastPrice(String symbol) throws IOException {
        return respond();
    }

    @Override
    public void cancelAll(String symbol) {
        // nothing is resting in the simulation
    }

    private double respond() throws IOException {
        boolean outage;
        long latency;
        boolean fail;
        double now;
        synchronized (this) {
            outage = scenario.outage(tick);
            // A venue in an outage answers 503 fast: no latency spikes, so the breaker sees the failures.
            latency = outage ? 2 + faults.nextInt(5)
                    : faults.nextInt(100) < 1 ? 300 + faults.nextInt(500) : 2 + faults.nextInt(15);
            if (!outage && burstLeft == 0 && faults.nextInt(100) < 2) {
                burstLeft = 1 + faults.nextInt(4);
            }
            fail = !outage && burstLeft > 0;
            if (fail) {
                burstLeft--;
            }
            now = price;
        }
        pause(latency);
        if (outage) {
            throw new IOException("503 Service Unavailable (exchange outage)");
        }
        if (fail) {
            throw new IOException("502 Bad Gateway");
        }
        return now;
    }

    /** Simulated network latency: this is a demo exchange, so it really waits. */
    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
