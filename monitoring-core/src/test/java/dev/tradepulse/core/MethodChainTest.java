package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Monitoring#chain}: the chain instrument() builds, for a framework's own interceptor. */
class MethodChainTest {

    private static final Set<Class<? extends Annotation>> ALL =
            Set.of(Timed.class, Counted.class, Retry.class, CircuitBreaker.class);

    private final Harness h = new Harness();
    private final ScriptedExchange exchange = new ScriptedExchange(h.clock);

    @AfterEach
    void close() {
        h.close();
    }

    private static Method placeOrder() throws NoSuchMethodException {
        return ExchangeClient.class.getMethod("placeOrder", Order.class);
    }

    @Test
    void eachAttemptProceedsAndTheWholeCallIsTimedOnceWithInstrumentsTags() throws Throwable {
        MethodChain chain = h.monitoring.chain(placeOrder(), ScriptedExchange.class, ALL).orElseThrow();
        exchange.failuresLeft = 2;
        Order order = new Order("BTC", 1);
        AtomicInteger attempts = new AtomicInteger();

        Object result = chain.call(exchange, new Object[] {order}, () -> {
            attempts.incrementAndGet();
            return exchange.placeOrder(order);
        });

        assertThat(result).isEqualTo("order-BTC");
        assertThat(attempts).hasValue(3);
        assertThat(chain.retries()).isTrue();
        assertThat(h.timerCount("exchange.requests", "class", ExchangeClient.class.getName(), "method", "placeOrder",
                "outcome", "success", "exception", "none")).isEqualTo(1);
    }

    @Test
    void annotationsLeftOutAreNotApplied() throws Throwable {
        MethodChain chain = h.monitoring.chain(placeOrder(), ScriptedExchange.class,
                Set.of(Retry.class, CircuitBreaker.class)).orElseThrow();
        Order order = new Order("BTC", 1);

        chain.call(exchange, new Object[] {order}, () -> exchange.placeOrder(order));

        assertThat(h.registry.find("exchange.requests").timers()).isEmpty();
        assertThat(h.monitoring.chain(placeOrder(), ScriptedExchange.class, Set.of(Counted.class))).isEmpty();
        assertThat(h.monitoring.chain(ExchangeClient.class.getMethod("balance"), ScriptedExchange.class,
                Set.of(Timed.class)).orElseThrow().retries()).isFalse();
    }

    @Test
    void aFallbackIsCalledOnTheTargetWithTheFailure() throws Throwable {
        MethodChain chain = h.monitoring.chain(WithFallback.class.getMethod("price", String.class), WithFallback.class,
                ALL).orElseThrow();

        Object result = chain.call(new WithFallback(), new Object[] {"BTC"}, () -> {
            throw new IOException("down");
        });

        assertThat(result).isEqualTo("cached BTC after down");
    }

    @Test
    void anUnknownRetryNameOrAForeignAnnotationIsRefused() throws NoSuchMethodException {
        assertThatThrownBy(() -> h.monitoring.chain(UnknownRetry.class.getMethod("call"), UnknownRetry.class, ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnknownRetry.call: @Retry(name = \"nowhere\") names no retry");
        assertThatThrownBy(() -> h.monitoring.chain(placeOrder(), ScriptedExchange.class, Set.of(Deprecated.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Deprecated");
    }

    /** A class with a fallback. */
    public static class WithFallback {
        @Retry(name = "exchange", fallbackMethod = "cached")
        public String price(String symbol) throws IOException {
            throw new IOException("down");
        }

        String cached(String symbol, IOException failure) {
            return "cached " + symbol + " after " + failure.getMessage();
        }
    }

    /** A class naming a retry nobody declared. */
    public static class UnknownRetry {
        @Retry(name = "nowhere")
        public String call() {
            return "x";
        }
    }
}
