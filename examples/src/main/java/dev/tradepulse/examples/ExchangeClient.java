package dev.tradepulse.examples;

import dev.tradepulse.trading.Side;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.io.IOException;

/**
 * The exchange API as the bot sees it, annotated the way a Spring bot would be. The demo puts
 * each strategy's pre-trade gate in front of {@link #placeOrder} and {@link #closePosition}
 * ({@code Strategy.guard}); cancels and prices pass.
 */
public interface ExchangeClient {

    /** A filled order. */
    record Fill(String orderId, String symbol, Side side, double quantity, double price) {
    }

    /**
     * A market order that opens or adds to a position.
     *
     * @param symbol the instrument
     * @param side buy or sell
     * @param quantity how much
     * @param referencePrice the last price, which the gate values the order at
     * @return the fill
     * @throws IOException if the exchange fails
     */
    @Timed(value = "exchange.requests", extraTags = {"endpoint", "order"}, percentiles = {0.5, 0.95, 0.99})
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    Fill placeOrder(String symbol, Side side, double quantity, double referencePrice) throws IOException;

    /**
     * A reduce-only market order that closes an open position.
     *
     * @param symbol the instrument
     * @param side the closing order's side: SELL closes a long
     * @param quantity the position's quantity
     * @return the fill
     * @throws IOException if the exchange fails
     */
    @Timed(value = "exchange.requests", extraTags = {"endpoint", "close"}, percentiles = {0.5, 0.95, 0.99})
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    Fill closePosition(String symbol, Side side, double quantity) throws IOException;

    @Timed(value = "exchange.requests", extraTags = {"endpoint", "ticker"})
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    double lastPrice(String symbol) throws IOException;

    @Counted("exchange.cancels")
    void cancelAll(String symbol);
}
