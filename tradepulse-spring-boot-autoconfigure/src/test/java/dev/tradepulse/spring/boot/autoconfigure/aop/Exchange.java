package dev.tradepulse.spring.boot.autoconfigure.aop;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spring bean (a class, no interface) whose calls fail the first {@link #failFirst} times. Its
 * state is read through methods, since a class-based proxy's own fields are not the target's.
 */
public class Exchange {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger breakerCalls = new AtomicInteger();
    private volatile int failures;

    /** @param failures how many calls of placeOrder fail first */
    public void failFirst(int failures) {
        this.failures = failures;
    }

    /** @return how often placeOrder and price ran */
    public int calls() {
        return calls.get();
    }

    /** @return how often cancel ran */
    public int breakerCalls() {
        return breakerCalls.get();
    }

    @Timed("exchange.orders")
    @Counted("exchange.orders.counted")
    @Retry(name = "exchange")
    public String placeOrder(String symbol) throws IOException {
        if (calls.incrementAndGet() <= failures) {
            throw new IOException("exchange down for " + symbol);
        }
        return "filled " + symbol;
    }

    @Retry(name = "exchange", fallbackMethod = "lastPrice")
    public String price(String symbol) throws IOException {
        calls.incrementAndGet();
        throw new IOException("no price for " + symbol);
    }

    String lastPrice(String symbol, IOException failure) {
        return "cached " + symbol;
    }

    @CircuitBreaker(name = "venue")
    public String cancel(String id) throws IOException {
        breakerCalls.incrementAndGet();
        throw new IOException("venue refused " + id);
    }

    public String plain() {
        return "plain";
    }
}
