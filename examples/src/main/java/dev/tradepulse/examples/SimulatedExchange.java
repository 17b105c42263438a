package dev.tradepulse.examples;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake exchange over a scripted market. The market moves once per tick ({@link #advance()}),
 * so the random walk, the flash crash and the outage fall on the same ticks in every run with
 * the same seed, however slow the machine. Only the injected faults (latency spikes, bursts of
 * 5xx errors) are drawn per call, from their own random stream.
 */
final class SimulatedExchange implements ExchangeClient {

    /** Ticks the flash crash lasts, 2% down each: about 26% in all. */
    static final int CRASH_TICKS = 15;

    /**
     * Which ticks bring the crash and the outage. The crash comes first, once the strategies
     * have 20 ticks of history and while the circuit breaker is surely closed, so that what it
     * does to a leveraged strategy never depends on thread timing.
     */
    record Scenario(int ticks, int crashStart, int outageStart, int outageEnd) {

        static Scenario over(int ticks) {
            int crash = Math.max(25, ticks * 20 / 100);
            int outage = Math.max(crash + CRASH_TICKS + 5, ticks * 40 / 100);
            return new Scenario(ticks, crash, outage, Math.max(outage + 10, ticks * 65 / 100));
        }

        boolean outage(int tick) {
            return tick >= outageStart && tick < outageEnd;
        }

        boolean crashing(int tick) {
            return tick >= crashStart && tick < crashStart + CRASH_TICKS;
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

    /** Moves the market one tick: a small random step, or 2% down while the crash lasts. */
    synchronized void advance() {
        tick++;
        price *= scenario.crashing(tick) ? 0.98 : 1 + market.nextGaussian() * 0.0005;
    }

    @Override
    public Fill placeOrder(String symbol, String side, double quantity) throws IOException {
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
