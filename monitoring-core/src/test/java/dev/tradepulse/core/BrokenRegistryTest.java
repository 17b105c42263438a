package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Order;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A meter registry whose timers and counters throw on every record: what TradePulse and the
 * libraries underneath it log must stay bounded, and the caller must never notice.
 */
class BrokenRegistryTest {

    /** Registers fine; every timer record and counter increment throws what {@code failure} throws. */
    static final class BrokenRegistry extends SimpleMeterRegistry {
        private final Runnable failure;

        BrokenRegistry(Clock clock, Runnable failure) {
            super(SimpleConfig.DEFAULT, clock);
            this.failure = failure;
        }

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            return new CumulativeTimer(id, clock, config, pauseDetector, TimeUnit.SECONDS, false) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    failure.run();
                }
            };
        }

        @Override
        protected Counter newCounter(Meter.Id id) {
            return new CumulativeCounter(id) {
                @Override
                public void increment(double amount) {
                    failure.run();
                }
            };
        }
    }

    private final MockClock clock = new MockClock();
    private final BrokenRegistry registry = new BrokenRegistry(clock, () -> {
        throw new IllegalStateException("metrics backend down");
    });
    private final Monitoring monitoring = monitoring(registry);
    private final ScriptedExchange exchange = new ScriptedExchange(clock);
    private final ExchangeClient client = monitoring.instrument(ExchangeClient.class, exchange);
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level rootLevel;
    private Appender<ILoggingEvent> console;

    private Monitoring monitoring(BrokenRegistry broken) {
        return Monitoring.builder()
            .meterRegistry(broken)
            .sleeper(clock::add)
            .retry("exchange", RetryConfig.custom().maxAttempts(2)
                    .intervalFunction(IntervalFunction.of(Duration.ofMillis(10))).build())
            .circuitBreaker("exchange", CircuitBreakerConfig.custom().slidingWindowSize(100)
                    .minimumNumberOfCalls(100).failureRateThreshold(100).build())
            .build();
    }

    /** Every logger at INFO into a list, and not onto the build's console. */
    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        console = root.getAppender("CONSOLE");
        root.detachAppender(console);
        root.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void close() {
        root.detachAppender(log);
        root.setLevel(rootLevel);
        if (console != null) {
            root.addAppender(console);
        }
        monitoring.close();
    }

    private List<ILoggingEvent> warningsAndWorse() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    void ten_thousand_calls_against_a_registry_that_throws_log_a_bounded_handful_of_lines() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            assertThat(client.placeOrder(new Order("BTC", 1))).isEqualTo("order-BTC");
            client.cancel("o-" + i);
            clock.add(Duration.ofMillis(1)); // 10 s in all: within one reporting minute
        }

        List<ILoggingEvent> loud = warningsAndWorse();
        assertThat(loud).as("WARN or worse for 20,000 calls").hasSizeLessThanOrEqualTo(2);
        assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null))
                .as("stack traces in the log").isEmpty();
        assertThat(loud).allSatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("dev.tradepulse.instrumentation"));
        assertThat(monitoring.instrumentationFailures()).isGreaterThanOrEqualTo(20_000);
    }

    @Test
    void failures_and_retries_against_a_registry_that_throws_reach_the_caller_unchanged_and_log_once() {
        exchange.failuresLeft = Integer.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            assertThatThrownBy(() -> client.placeOrder(new Order("BTC", 1)))
                    .isExactlyInstanceOf(IOException.class).hasMessage("timeout");
        }

        List<ILoggingEvent> instrumentation = warningsAndWorse().stream()
                .filter(e -> e.getLoggerName().equals("dev.tradepulse.instrumentation")).toList();
        assertThat(instrumentation).hasSize(1);
        assertThat(instrumentation.get(0).getFormattedMessage()).contains("IllegalStateException: metrics backend down");
        assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null)).isEmpty();
    }

    @Test
    void the_resilience4j_meters_still_reach_the_users_registry_under_their_own_names() throws Exception {
        client.placeOrder(new Order("BTC", 1));

        assertThat(registry.find("resilience4j.circuitbreaker.calls").tags("name", "exchange", "kind", "successful")
                .timer()).isNotNull();
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "exchange", "state", "closed")
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("resilience4j.retry.calls").tags("name", "exchange", "kind", "successful_without_retry")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void a_registry_that_throws_errors_never_replaces_the_callers_result_or_failure() throws Exception {
        BrokenRegistry erroring = new BrokenRegistry(clock, () -> {
            throw new AssertionError("backend assertion");
        });
        try (Monitoring m = monitoring(erroring)) {
            ScriptedExchange scripted = new ScriptedExchange(clock);
            ExchangeClient proxied = m.instrument(ExchangeClient.class, scripted);

            assertThat(proxied.placeOrder(new Order("BTC", 1))).isEqualTo("order-BTC");
            proxied.cancel("o-1");
            assertThatThrownBy(() -> proxied.cancel("")).isExactlyInstanceOf(IOException.class)
                    .hasMessage("unknown order");
            scripted.failuresLeft = 2;
            assertThatThrownBy(() -> proxied.placeOrder(new Order("BTC", 1)))
                    .isExactlyInstanceOf(IOException.class).hasMessage("timeout");
            assertThat(m.instrumentationFailures()).isPositive();
        }
    }
}
