package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncInstrumentationTest {

    /** Runs scheduled retries at once, remembering the delays asked for. */
    static final class ImmediateScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMillis = new ArrayList<>();

        ImmediateScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            synchronized (delaysMillis) {
                delaysMillis.add(unit.toMillis(delay));
            }
            task.run();
            return new Done();
        }

        static final class Done extends CompletableFuture<Object> implements java.util.concurrent.ScheduledFuture<Object> {
            Done() {
                complete(null);
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return 0;
            }

            @Override
            public int compareTo(Delayed other) {
                return 0;
            }
        }
    }

    private final ImmediateScheduler scheduler = new ImmediateScheduler();
    private final Harness h = new Harness(b -> b.scheduler(scheduler).retry("quick"));
    private final ScriptedExchange exchange = new ScriptedExchange(h.clock);
    private final ExchangeClient client = h.monitoring.instrument(ExchangeClient.class, exchange);

    @AfterEach
    void close() {
        h.close();
        scheduler.shutdownNow();
    }

    @Test
    void a_completable_future_is_timed_until_it_completes_not_until_the_method_returns() throws Exception {
        CompletableFuture<String> result = client.placeOrderAsync(new Order("BTC", 1));
        assertThat(result).isNotDone();
        assertThat(h.timerCount("exchange.async")).isZero();

        h.clock.add(Duration.ofMillis(750));
        exchange.pending.complete("filled");

        assertThat(result.get()).isEqualTo("filled");
        assertThat(h.timerSeconds("exchange.async", "outcome", "success")).isEqualTo(0.75);
    }

    @Test
    void a_failed_stage_is_retried_asynchronously_with_the_configured_waits() throws Exception {
        exchange.failuresLeft = 2;

        CompletableFuture<String> result = client.placeOrderAsync(new Order("BTC", 1));
        exchange.pending.complete("filled");

        assertThat(result.get()).isEqualTo("filled");
        assertThat(exchange.calls).hasValue(3);
        assertThat(scheduler.delaysMillis).containsExactly(1000L, 1000L);
        assertThat(h.waits).as("no thread slept").isEmpty();
    }

    @Test
    void an_exhausted_async_retry_fails_the_stage_with_the_original_exception() {
        exchange.failuresLeft = 99;

        CompletableFuture<String> result = client.placeOrderAsync(new Order("BTC", 1));

        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).hasCauseExactlyInstanceOf(IOException.class);
        assertThat(exchange.calls).hasValue(4);
        assertThat(h.timerCount("exchange.async", "outcome", "error", "exception", "IOException")).isEqualTo(1);
    }

    interface AsyncVenue {
        @CircuitBreaker(name = "exchange", fallbackMethod = "offline")
        CompletionStage<String> quote(String symbol);

        @Retry(name = "quick")
        CompletionStage<String> book(String symbol);
    }

    static class OfflineVenue implements AsyncVenue {
        int bookCalls;

        @Override
        public CompletionStage<String> quote(String symbol) {
            throw new IllegalStateException("thrown before any stage exists");
        }

        @Override
        public CompletionStage<String> book(String symbol) {
            bookCalls++;
            return bookCalls < 2 ? CompletableFuture.failedFuture(new IOException("reset")) : Fixtures.completed("book");
        }

        CompletionStage<String> offline(String symbol, CallNotPermittedException e) {
            return Fixtures.completed("breaker open");
        }

        CompletionStage<String> offline(String symbol, Exception e) {
            return Fixtures.completed("fallback: " + e.getMessage());
        }
    }

    @Test
    void an_async_fallback_answers_for_a_synchronous_throw_and_for_an_open_breaker() throws Exception {
        AsyncVenue venue = h.monitoring.instrument(AsyncVenue.class, new OfflineVenue());

        assertThat(venue.quote("BTC").toCompletableFuture().get()).isEqualTo("fallback: thrown before any stage exists");
        h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();
        assertThat(venue.quote("BTC").toCompletableFuture().get()).isEqualTo("breaker open");
    }

    @Test
    void the_default_scheduler_runs_real_async_retries() throws Exception {
        try (Monitoring monitoring = Monitoring.builder()
                .retry("quick", RetryConfig.custom().maxAttempts(2)
                        .intervalFunction(IntervalFunction.of(Duration.ofMillis(1))).build())
                .circuitBreaker("exchange", io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.ofDefaults())
                .build()) {
            AsyncVenue venue = monitoring.instrument(AsyncVenue.class, new OfflineVenue());

            assertThat(venue.book("BTC").toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("book");
        }
    }
}
