package dev.tradepulse.examples;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A fake exchange with a random-walk price, latency spikes, bursts of 5xx errors, a full
 * outage between two points in time, and a 25% flash crash after it. Deterministic for a given seed (apart from thread timing).
 */
final class SimulatedExchange implements ExchangeClient {

    private final Random random;
    private final LongSupplier elapsedMillis;
    private final long outageStartMillis;
    private final long outageEndMillis;
    private final AtomicLong orderIds = new AtomicLong();
    private double price = 64_000;
    private final long crashStartMillis;
    private int burstLeft;
    private double crashed = 1;

    SimulatedExchange(long seed, LongSupplier elapsedMillis, long outageStartMillis, long outageEndMillis,
            long crashStartMillis) {
        this.random = new Random(seed);
        this.elapsedMillis = elapsedMillis;
        this.outageStartMillis = outageStartMillis;
        this.outageEndMillis = outageEndMillis;
        this.crashStartMillis = crashStartMillis;
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

    private synchronized double respond() throws IOException {
        long now = elapsedMillis.getAsLong();
        if (now >= outageStartMillis && now < outageEndMillis) {
            // A venue in an outage answers 503 fast: no latency spikes, so the breaker sees the failures.
            pause(2 + random.nextInt(5));
            throw new IOException("503 Service Unavailable (exchange outage)");
        }
        pause(random.nextInt(100) < 3 ? 300 + random.nextInt(500) : 2 + random.nextInt(15));
        if (burstLeft == 0 && random.nextInt(100) < 2) {
            burstLeft = 1 + random.nextInt(4);
        }
        if (burstLeft > 0) {
            burstLeft--;
            throw new IOException("502 Bad Gateway");
        }
        price *= 1 + random.nextGaussian() * 0.0005;
        if (now >= crashStartMillis && crashed > 0.75) {
            // A flash crash: 1% a tick until the price is 25% lower.
            price *= 0.99;
            crashed *= 0.99;
        }
        return price;
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
