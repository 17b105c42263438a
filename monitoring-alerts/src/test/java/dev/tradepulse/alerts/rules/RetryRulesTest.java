package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.Monitoring;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.FunctionCounter;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules over resilience4j's retry meters, with a real Retry bound to a real registry. */
class RetryRulesTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, MeterClock.of(clock));
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(new CollectingSink())
            .build();
    private final Monitoring monitoring = Monitoring.builder().meterRegistry(registry).sleeper(wait -> { })
            .retry("exchange", RetryConfig.custom().maxAttempts(5).build()).build();
    private final Decoration exchange = monitoring.decoration("exchange.order").retry("exchange").build();

    @AfterEach
    void close() {
        monitoring.close();
        dispatcher.close(Duration.ofSeconds(5));
    }

    private Instant now() {
        return clock.instant();
    }

    /** Makes {@code calls} calls that each fail {@code failures} times before they succeed. */
    private void calls(int calls, int failures) throws Exception {
        for (int i = 0; i < calls; i++) {
            AtomicInteger attempt = new AtomicInteger();
            exchange.call(() -> {
                if (attempt.incrementAndGet() <= failures) {
                    throw new IOException("exchange timed out");
                }
                return "filled";
            });
        }
    }

    @Test
    void increase_and_rate_read_resilience4j_retry_calls_which_are_function_counters() throws Exception {
        Tags retried = Tags.of("name", "exchange", "kind", "successful_with_retry");
        assertThat(registry.find("resilience4j.retry.calls").tags(retried).meter()).isInstanceOf(FunctionCounter.class);
        Condition increase = Conditions.increase(registry, "resilience4j.retry.calls", retried, Duration.ofMinutes(10));
        Condition rate = Conditions.rate(registry, "resilience4j.retry.calls", retried, Duration.ofMinutes(10));
        calls(3, 1); // before the window
        increase.value(now());
        rate.value(now());

        clock.advance(Duration.ofMinutes(10));
        calls(6, 2);

        assertThat(increase.value(now())).hasValue(6);
        assertThat(rate.value(now())).hasValue(6 / 600.0);
    }

    @Test
    void the_retried_calls_rule_fires_on_resilience4j_meters() throws Exception {
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.retriesPerHourAbove(registry, "exchange", 10).build()).build();
        engine.evaluate();
        clock.advance(Duration.ofMinutes(5));
        calls(10, 1);
        engine.evaluate();
        assertThat(engine.isFiring("retries-per-hour:exchange")).isFalse();

        clock.advance(Duration.ofMinutes(5));
        calls(1, 1);
        engine.evaluate();

        assertThat(engine.isFiring("retries-per-hour:exchange")).as("11 retried calls within the first hour").isTrue();
    }

    @Test
    void the_retries_rule_counts_retry_attempts_as_the_seed_means_not_calls() throws Exception {
        var retry = monitoring.retryRegistry().retry("exchange");
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.retriesPerHourAbove(retry, 100).build()).build();
        Condition attempts = Conditions.retries(retry, Duration.ofHours(1));
        engine.evaluate();
        attempts.value(now());

        clock.advance(Duration.ofMinutes(20));
        calls(25, 4); // 25 calls, 4 retries each: 100 retries, not yet more than 100
        engine.evaluate();
        assertThat(attempts.value(now())).hasValue(100);
        assertThat(engine.isFiring("retries-per-hour:exchange")).isFalse();

        clock.advance(Duration.ofMinutes(20));
        calls(1, 1);
        engine.evaluate();
        assertThat(attempts.value(now())).hasValue(101);
        assertThat(engine.isFiring("retries-per-hour:exchange")).as("101 retries in 40 minutes").isTrue();
        assertThat(Rules.retriesPerHourAbove(retry, 100).build().summary())
                .isEqualTo("More than 100 retries an hour on 'exchange'");

        clock.advance(Duration.ofMinutes(61));
        engine.evaluate();
        assertThat(attempts.value(now())).as("nothing retried in the last hour").hasValue(0);
        assertThat(engine.isFiring("retries-per-hour:exchange")).isFalse();
    }
}
