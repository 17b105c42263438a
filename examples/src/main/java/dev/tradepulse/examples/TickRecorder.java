package dev.tradepulse.examples;

import dev.tradepulse.trading.Side;
import java.io.IOException;
import java.time.Clock;

/** Tells the {@link ExchangeWatch} how each price request went, for the exchange and market-data checks. */
final class TickRecorder implements ExchangeClient {

    private final ExchangeClient delegate;
    private final ExchangeWatch watch;
    private final Clock clock;

    TickRecorder(ExchangeClient delegate, ExchangeWatch watch, Clock clock) {
        this.delegate = delegate;
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public Fill placeOrder(String symbol, Side side, double quantity, double referencePrice) throws IOException {
        return delegate.placeOrder(symbol, side, quantity, referencePrice);
    }

    @Override
    public Fill closePosition(String symbol, Side side, double quantity) throws IOException {
        return delegate.closePosition(symbol, side, quantity);
    }

    @Override
    public double lastPrice(String symbol) throws IOException {
        double price;
        try {
            price = delegate.lastPrice(symbol);
        } catch (IOException | RuntimeException e) { // RuntimeException: the open breaker's CallNotPermittedException
            watch.requestFailed(e);
            throw e;
        }
        watch.priceArrived(clock.instant());
        return price;
    }

    @Override
    public void cancelAll(String symbol) {
        delegate.cancelAll(symbol);
    }
}
