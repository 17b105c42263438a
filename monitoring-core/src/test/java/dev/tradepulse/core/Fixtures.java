package dev.tradepulse.core;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared test types: an exchange client as a trading bot would write it, and a fake clock. */
final class Fixtures {

    private Fixtures() {
    }

    /** A registry and monitoring on a fake clock whose retry waits move that clock. */
    static final class Harness implements AutoCloseable {
        final MockClock clock = new MockClock();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        final List<Duration> waits = new ArrayList<>();
        final Monitoring monitoring;

        Harness() {
            this(b -> b);
        }

        Harness(java.util.function.UnaryOperator<Monitoring.Builder> customize) {
            Monitoring.Builder builder = Monitoring.builder()
                    .meterRegistry(registry)
                    .sleeper(d -> {
                        synchronized (waits) {
                            waits.add(d);
                        }
                        clock.add(d);
                    })
                    .retry("exchange", RetryConfig.custom().maxAttempts(4)
                            .intervalFunction(IntervalFunction.of(Duration.ofSeconds(1))).build())
                    .circuitBreaker("exchange", CircuitBreakerConfig.custom()
                            .slidingWindowSize(8).minimumNumberOfCalls(8).failureRateThreshold(50)
                            .permittedNumberOfCallsInHalfOpenState(1)
                            .automaticTransitionFromOpenToHalfOpenEnabled(false).build());
            monitoring = customize.apply(builder).build();
        }

        double timerCount(String name, String... tags) {
            var timer = registry.find(name).tags(tags).timer();
            return timer == null ? 0 : timer.count();
        }

        double timerSeconds(String name, String... tags) {
            return registry.get(name).tags(tags).timer().totalTime(TimeUnit.NANOSECONDS) / 1e9;
        }

        double counter(String name, String... tags) {
            var counter = registry.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        @Override
        public void close() {
            monitoring.close();
        }
    }

    record Order(String symbol, double quantity) {
    }

    /** The interface a bot proxies. */
    interface ExchangeClient {

        @Timed("exchange.requests")
        @Retry(name = "exchange")
        @CircuitBreaker(name = "exchange")
        String placeOrder(Order order) throws IOException;

        @Timed(value = "exchange.balance", extraTags = {"kind", "read"})
        double balance();

        @Counted("exchange.cancels")
        void cancel(String orderId) throws IOException;

        @Timed("exchange.async")
        @Retry(name = "exchange")
        CompletableFuture<String> placeOrderAsync(Order order);

        String ping();

        default String describe() {
            return "exchange client for " + ping();
        }
    }

    /** An implementation whose failures and latency the test scripts. */
    static class ScriptedExchange implements ExchangeClient {
        final MockClock clock;
        final AtomicInteger calls = new AtomicInteger();
        volatile int failuresLeft;
        volatile Duration latency = Duration.ZERO;
        volatile CompletableFuture<String> pending;

        ScriptedExchange(MockClock clock) {
            this.clock = clock;
        }

        @Override
        public String placeOrder(Order order) throws IOException {
            calls.incrementAndGet();
            clock.add(latency);
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IOException("timeout");
            }
            return "order-" + order.symbol();
        }

        @Override
        public double balance() {
            clock.add(latency);
            return 1000.0;
        }

        @Override
        public void cancel(String orderId) throws IOException {
            if (orderId.isEmpty()) {
                throw new IOException("unknown order");
            }
        }

        @Override
        public CompletableFuture<String> placeOrderAsync(Order order) {
            calls.incrementAndGet();
            if (failuresLeft > 0) {
                failuresLeft--;
                return CompletableFuture.failedFuture(new IOException("timeout"));
            }
            CompletableFuture<String> future = new CompletableFuture<>();
            pending = future;
            return future;
        }

        @Override
        public String ping() {
            return "pong";
        }

        @Override
        public String toString() {
            return "ScriptedExchange";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ScriptedExchange;
        }

        @Override
        public int hashCode() {
            return 42;
        }
    }

    static CompletionStage<String> completed(String value) {
        return CompletableFuture.completedFuture(value);
    }
}
