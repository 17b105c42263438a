package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnnotationInstrumentationTest {

    private final Harness h = new Harness();
    private final ScriptedExchange exchange = new ScriptedExchange(h.clock);
    private final ExchangeClient client = h.monitoring.instrument(ExchangeClient.class, exchange);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void timed_records_the_duration_with_class_method_outcome_and_extra_tags() {
        exchange.latency = Duration.ofMillis(40);

        assertThat(client.balance()).isEqualTo(1000.0);

        var timer = h.registry.get("exchange.balance")
                .tags("class", ExchangeClient.class.getName(), "method", "balance", "kind", "read",
                        "outcome", "success", "exception", "none")
                .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    }

    @Test
    void a_checked_exception_comes_out_as_declared_and_is_tagged_on_the_timer() {
        exchange.failuresLeft = 10;

        assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1)))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("timeout");
        assertThat(h.timerCount("exchange.requests", "outcome", "error", "exception", "IOException")).isEqualTo(1);
    }

    @Test
    void retry_then_success_is_timed_once_over_the_whole_call_including_the_backoff() throws Exception {
        exchange.failuresLeft = 2;
        exchange.latency = Duration.ofMillis(100);

        assertThat(client.placeOrder(new Order("ETH", 2))).isEqualTo("order-ETH");

        assertThat(exchange.calls).hasValue(3);
        assertThat(h.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(h.timerCount("exchange.requests", "outcome", "success")).isEqualTo(1);
        assertThat(h.timerSeconds("exchange.requests", "outcome", "success")).isEqualTo(2.3);
    }

    @Test
    void counted_counts_successes_and_failures_with_result_and_exception_tags() throws Exception {
        client.cancel("o-1");
        client.cancel("o-2");
        assertThatThrownBy(() -> client.cancel("")).isInstanceOf(IOException.class);

        assertThat(h.counter("exchange.cancels", "result", "success", "exception", "none")).isEqualTo(2);
        assertThat(h.counter("exchange.cancels", "result", "failure", "exception", "IOException")).isEqualTo(1);
    }

    @Test
    void unannotated_and_default_methods_pass_straight_through() {
        assertThat(client.ping()).isEqualTo("pong");
        assertThat(client.describe()).isEqualTo("exchange client for pong");
        assertThat(h.registry.getMeters()).noneMatch(m -> m.getId().getTags().stream()
                .anyMatch(t -> t.getValue().equals("ping") || t.getValue().equals("describe")));
    }

    @Test
    void equals_hashCode_and_toString_are_the_targets() {
        ExchangeClient other = h.monitoring.instrument(ExchangeClient.class, new ScriptedExchange(h.clock));

        assertThat(client.toString()).isEqualTo("ScriptedExchange");
        assertThat(client.hashCode()).isEqualTo(42);
        assertThat(client).isEqualTo(other);
        assertThat(client.equals(exchange)).isTrue();
        assertThat(client.equals(null)).isFalse();
        assertThat(Proxy.isProxyClass(client.getClass())).isTrue();
    }

    @Test
    void an_open_circuit_breaker_rejects_each_attempt_and_the_retry_gives_up() {
        h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();

        assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1)))
                .isInstanceOf(CallNotPermittedException.class);
        assertThat(exchange.calls).hasValue(0);
        assertThat(h.waits).hasSize(3);
    }

    // --- annotations read from the implementation, the class, and repeated ---

    interface Quotes {
        double quote(String symbol);

        double spread(String symbol);
    }

    @Timed("quotes.class-level")
    static class AnnotatedQuotes implements Quotes {
        @Override
        @Timed("quotes.quote")
        @Timed(value = "quotes.quote.long", longTask = true)
        public double quote(String symbol) {
            return 101.5;
        }

        @Override
        public double spread(String symbol) {
            return 0.5;
        }
    }

    @Test
    void method_annotations_on_the_implementation_win_and_class_level_ones_cover_the_rest() {
        Quotes quotes = h.monitoring.instrument(Quotes.class, new AnnotatedQuotes());

        quotes.quote("BTC");
        quotes.spread("BTC");

        assertThat(h.timerCount("quotes.quote", "method", "quote")).isEqualTo(1);
        assertThat(h.registry.get("quotes.quote.long").longTaskTimer().activeTasks()).isZero();
        assertThat(h.timerCount("quotes.class-level", "method", "spread")).isEqualTo(1);
        assertThat(h.timerCount("quotes.class-level", "method", "quote")).isZero();
    }

    // --- fallbacks ---

    interface Prices {
        @Retry(name = "exchange", fallbackMethod = "cached")
        double price(String symbol) throws IOException;

        @CircuitBreaker(name = "exchange", fallbackMethod = "fromBreaker")
        double depth(String symbol);
    }

    static class FlakyPrices implements Prices {
        @Override
        public double price(String symbol) throws IOException {
            throw new IOException("exchange down");
        }

        @Override
        public double depth(String symbol) {
            throw new IllegalStateException("book unavailable");
        }

        private double cached(String symbol, IOException e) {
            return 99.0;
        }

        private double cached(String symbol, Throwable t) {
            return -1.0;
        }

        double fromBreaker(String symbol, RuntimeException e) {
            return e instanceof CallNotPermittedException ? -2.0 : 0.0;
        }
    }

    @Test
    void the_most_specific_fallback_answers_once_the_retry_is_exhausted() throws Exception {
        Prices prices = h.monitoring.instrument(Prices.class, new FlakyPrices());

        assertThat(prices.price("BTC")).isEqualTo(99.0);
        assertThat(h.waits).hasSize(3);
    }

    @Test
    void a_circuit_breaker_fallback_also_answers_when_the_breaker_is_open() {
        Prices prices = h.monitoring.instrument(Prices.class, new FlakyPrices());

        assertThat(prices.depth("BTC")).isEqualTo(0.0);
        h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();
        assertThat(prices.depth("BTC")).isEqualTo(-2.0);
    }

    // --- plain classes through a generated subclass ---

    @Timed("book.class")
    static class OrderBook {
        private final StringBuilder journal = new StringBuilder();

        @Timed("book.add")
        @Counted("book.adds")
        public String add(String order) throws IOException {
            if (order.isEmpty()) {
                throw new IOException("empty order");
            }
            journal.append(order);
            return journal.toString();
        }

        protected int size() {
            return journal.length();
        }

        @Override
        public String toString() {
            return "OrderBook(" + journal + ")";
        }
    }

    @Test
    void a_plain_class_is_proxied_by_a_subclass_that_delegates_to_the_target() throws Exception {
        OrderBook target = new OrderBook();
        OrderBook book = h.monitoring.instrument(OrderBook.class, target);

        assertThat(book.add("a")).isEqualTo("a");
        assertThat(book.add("b")).isEqualTo("ab");
        assertThatThrownBy(() -> book.add("")).isExactlyInstanceOf(IOException.class);

        assertThat(book.getClass()).isNotEqualTo(OrderBook.class);
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.toString()).isEqualTo("OrderBook(ab)");
        assertThat(h.timerCount("book.add", "outcome", "success")).isEqualTo(2);
        assertThat(h.timerCount("book.class", "method", "size")).isEqualTo(1);
        assertThat(h.counter("book.adds", "result", "failure", "exception", "IOException")).isEqualTo(1);
    }

    @Test
    void a_slow_call_is_logged_at_warn_in_the_seed_phrasing_and_a_fast_one_at_debug() {
        try (LogCapture log = LogCapture.of(ScriptedExchange.class)) {
            exchange.latency = Duration.ofMillis(2450);
            client.balance();
            exchange.latency = Duration.ofMillis(3);
            client.balance();

            assertThat(log.lines(Level.WARN)).containsExactly("Function ExchangeClient.balance completed in 2.45s");
            assertThat(log.lines(Level.DEBUG)).containsExactly("Function ExchangeClient.balance completed in 0.00s");
        }
    }
}
