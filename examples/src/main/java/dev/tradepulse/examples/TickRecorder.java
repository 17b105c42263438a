package dev.tradepulse.examples;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Notes when the last price arrived, for the data-freshness health check. */
final class TickRecorder implements ExchangeClient {

    private final ExchangeClient delegate;
    private final AtomicReference<Instant> lastTick;

    TickRecorder(ExchangeClient delegate, AtomicReference<Instant> lastTick) {
        this.delegate = delegate;
        this.lastTick = lastTick;
    }

    @Override
    public Fill placeOrder(String symbol, String side, double quantity) throws IOException {
        return delegate.placeOrder(symbol, side, quantity);
    }

    @Override
    public double lastPrice(String symbol) throws IOException {
        double price = delegate.lastPrice(symbol);
        lastTick.set(Instant.now());
        return price;
    }

    @Override
    public void cancelAll(String symbol) {
        delegate.cancelAll(symbol);
    }
}
