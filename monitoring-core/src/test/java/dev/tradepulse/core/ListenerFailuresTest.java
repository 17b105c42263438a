package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener that throws anything at all never changes what the caller sees. */
class ListenerFailuresTest {

    private final Harness h = new Harness();
    private final ScriptedExchange exchange = new ScriptedExchange(h.clock);
    private final ExchangeClient client = h.monitoring.instrument(ExchangeClient.class, exchange);

    @AfterEach
    void close() {
        h.close();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private void listenerThrowing(Supplier<Throwable> failure) {
        h.monitoring.addListener(new MonitoringListener() {
            @Override
            public void onRetryExhausted(RetryExhausted event) {
                sneaky(failure.get());
            }

            @Override
            public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                sneaky(failure.get());
            }
        });
    }

    private void assertTheCallerSeesOnlyItsOwnFailure() {
        exchange.failuresLeft = 4;
        assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1)))
                .isExactlyInstanceOf(IOException.class).hasMessage("timeout");
    }

    @Test
    void a_sneaky_checked_exception_from_a_listener_does_not_become_an_undeclared_throwable() {
        listenerThrowing(() -> new Exception("pager offline"));

        assertTheCallerSeesOnlyItsOwnFailure();

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(1);
    }

    @Test
    void an_assertion_error_from_a_listener_does_not_replace_the_real_failure() {
        listenerThrowing(() -> new AssertionError("listener bug"));

        assertTheCallerSeesOnlyItsOwnFailure();

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(1);
        assertThat(h.counter("tradepulse.instrumentation.failures")).isEqualTo(1);
    }

    @Test
    void a_stack_overflow_in_a_listener_does_not_replace_the_real_failure() {
        listenerThrowing(StackOverflowError::new);

        assertTheCallerSeesOnlyItsOwnFailure();

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(1);
    }

    @Test
    void an_error_from_a_breaker_listener_is_counted_and_never_reaches_whoever_moved_the_breaker() {
        listenerThrowing(() -> new AssertionError("listener bug"));

        h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(1);
    }

    @Test
    void a_sneaky_interrupt_from_a_listener_is_contained_and_leaves_the_thread_interrupted() {
        listenerThrowing(() -> new InterruptedException("listener was interrupted"));

        assertTheCallerSeesOnlyItsOwnFailure();

        assertThat(Thread.interrupted()).as("interrupt flag restored (and cleared here)").isTrue();
        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(1);
    }
}
