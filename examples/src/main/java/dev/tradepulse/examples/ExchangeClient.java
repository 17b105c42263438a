package dev.tradepulse.examples;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.io.IOException;

/** The exchange API as the bot sees it, annotated the way a Spring bot would be. */
public interface ExchangeClient {

    /** A filled order. */
    record Fill(String orderId, String symbol, String side, double quantity, double price) {
    }

    @Timed(value = "exchange.requests", extraTags = {"endpoint", "order"}, percentiles = {0.5, 0.95, 0.99})
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    Fill placeOrder(String symbol, String side, double quantity) throws IOException;

    @Timed(value = "exchange.requests", extraTags = {"endpoint", "ticker"})
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    double lastPrice(String symbol) throws IOException;

    @Counted("exchange.cancels")
    void cancelAll(String symbol);
}
