package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What operators see: the log lines, the listener events, and the resilience4j meters. */
class ResilienceEventsTest {

    private final List<CircuitBreakerStateChange> changes = new CopyOnWriteArrayList<>();
    private final List<RetryExhausted> exhausted = new CopyOnWriteArrayList<>();
    private final Harness h = new Harness(b -> b.listener(new MonitoringListener() {
        @Override
        public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
            changes.add(event);
        }

        @Override
        public void onRetryExhausted(RetryExhausted event) {
            exhausted.add(event);
        }
    }));
    private final ScriptedExchange exchange = new ScriptedExchange(h.clock);
    private final ExchangeClient client = h.monitoring.instrument(ExchangeClient.class, exchange);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void each_failed_attempt_is_logged_with_the_wait_and_giving_up_is_logged_once() {
        exchange.failuresLeft = 99;
        try (LogCapture log = LogCapture.of("dev.tradepulse.retry")) {
            assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1))).isInstanceOf(IOException.class);

            assertThat(log.lines()).containsExactly(
                    "WARN Attempt 1/4 failed for ExchangeClient.placeOrder: IOException: timeout. Retrying in 1.00s...",
                    "WARN Attempt 2/4 failed for ExchangeClient.placeOrder: IOException: timeout. Retrying in 1.00s...",
                    "WARN Attempt 3/4 failed for ExchangeClient.placeOrder: IOException: timeout. Retrying in 1.00s...",
                    "ERROR All 4 attempts failed for ExchangeClient.placeOrder: IOException: timeout");
        }
        assertThat(exhausted).singleElement().satisfies(e -> {
            assertThat(e.retryName()).isEqualTo("exchange");
            assertThat(e.operation()).isEqualTo("ExchangeClient.placeOrder");
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.lastFailure()).isInstanceOf(IOException.class);
        });
    }

    @Test
    void the_breaker_logs_opening_with_the_failure_count_and_rate_and_then_its_recovery() throws Exception {
        var breaker = h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange");
        try (LogCapture log = LogCapture.of("dev.tradepulse.circuitbreaker")) {
            // 3 successes and 5 failures fill the 8-call window: 62.5% > 50% opens it.
            for (int i = 0; i < 3; i++) {
                breaker.onSuccess(0, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < 5; i++) {
                breaker.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, new IOException("down"));
            }
            breaker.transitionToHalfOpenState();
            assertThat(client.placeOrder(new Order("BTC", 1))).isEqualTo("order-BTC");

            assertThat(log.lines()).containsExactly(
                    "ERROR Circuit breaker 'exchange' OPENED after 5 failures (failure rate 62.5%)",
                    "INFO Circuit breaker 'exchange' half-open: letting trial calls through.",
                    "INFO Circuit breaker 'exchange' recovered. Closing circuit.");
        }
        assertThat(changes).extracting(CircuitBreakerStateChange::to)
                .containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
        assertThat(changes.get(0).failureRate()).isEqualTo(62.5f);
        assertThat(changes.get(0).failedCalls()).isEqualTo(5);
    }

    @Test
    void a_listener_that_throws_is_contained_counted_and_does_not_reach_the_caller() throws Exception {
        h.monitoring.addListener(new MonitoringListener() {
            @Override
            public void onRetryExhausted(RetryExhausted event) {
                throw new IllegalStateException("pager offline");
            }

            @Override
            public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                throw new IllegalStateException("pager offline");
            }
        });
        exchange.failuresLeft = 4;

        assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1)))
                .isExactlyInstanceOf(IOException.class).hasMessage("timeout");
        h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(2);
        assertThat(h.counter("tradepulse.instrumentation.failures")).isEqualTo(2);
        assertThat(exhausted).hasSize(1);
        assertThat(changes).hasSize(1);
    }

    @Test
    void a_removed_listener_hears_nothing_more() {
        List<CircuitBreakerStateChange> heard = new CopyOnWriteArrayList<>();
        MonitoringListener listener = new MonitoringListener() {
            @Override
            public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                heard.add(event);
            }
        };
        h.monitoring.addListener(listener);
        var breaker = h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange");
        breaker.transitionToOpenState();
        h.monitoring.removeListener(listener);
        breaker.transitionToHalfOpenState();

        assertThat(heard).singleElement().extracting(CircuitBreakerStateChange::to).isEqualTo(State.OPEN);
    }

    @Test
    void retry_and_breaker_meters_are_bound_to_the_users_registry() throws Exception {
        exchange.failuresLeft = 1;
        client.placeOrder(new Order("BTC", 1));

        assertThat(h.registry.get("resilience4j.retry.calls")
                .tags("name", "exchange", "kind", "successful_with_retry").functionCounter().count()).isEqualTo(1);
        assertThat(h.registry.get("resilience4j.circuitbreaker.calls")
                .tags("name", "exchange", "kind", "failed").timer().count()).isEqualTo(1);
        assertThat(h.registry.get("resilience4j.circuitbreaker.state")
                .tags("name", "exchange", "state", "closed").gauge().value()).isEqualTo(1);
    }

    @Test
    void a_removed_breaker_takes_its_meters_out_of_the_users_registry() {
        assertThat(h.registry.find("resilience4j.circuitbreaker.state").tags("name", "exchange").gauges())
                .hasSize(State.values().length);

        h.monitoring.circuitBreakerRegistry().remove("exchange");

        assertThat(h.registry.find("resilience4j.circuitbreaker.state").tags("name", "exchange").gauges()).isEmpty();
        assertThat(h.registry.find("resilience4j.circuitbreaker.calls").tags("name", "exchange").timers()).isEmpty();
    }

    @Test
    void an_exception_message_cannot_forge_log_lines() {
        var decoration = h.monitoring.decoration("placeOrder").retry("exchange").build();
        try (LogCapture log = LogCapture.of("dev.tradepulse.retry")) {
            assertThatThrownBy(() -> decoration.run(() -> {
                throw new IllegalStateException("bad\nERROR forged line\r");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(log.lines(Level.ERROR)).containsExactly(
                    "All 4 attempts failed for placeOrder: IllegalStateException: bad\\nERROR forged line\\r");
        }
    }
}
