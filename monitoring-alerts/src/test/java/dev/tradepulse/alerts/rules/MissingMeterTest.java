package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import io.micrometer.core.instrument.Counter;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MissingMeterTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, MeterClock.of(clock));
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(new CollectingSink())
            .build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    private RuleEngine.Builder engineWithATypo() {
        Timer.builder("exchange.requests").tag("outcome", "success").register(registry);
        return RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.errorRateAbove(registry, "exchange.request", 0.1, Duration.ofMinutes(10)).build())
                .rule(Rules.errorRateAbove(registry, "exchange.requests", 0.1, Duration.ofMinutes(10)).build());
    }

    @Test
    void a_rule_on_a_meter_that_does_not_exist_is_warned_about_once_when_the_engine_starts() {
        try (LogCapture log = new LogCapture()) {
            RuleEngine engine = engineWithATypo().interval(Duration.ofHours(1)).build();
            engine.evaluate();
            engine.evaluate();
            engine.close();

            assertThat(log.lines(Level.WARN)).containsExactly("Rule 'error-rate:exchange.request' reads meters that "
                    + "do not exist: exchange.request; it cannot fire until they are registered");
        }
    }

    @Test
    void the_first_evaluation_warns_when_the_engine_is_never_started_and_a_meter_registered_after_build_is_fine() {
        try (LogCapture log = new LogCapture()) {
            RuleEngine engine = engineWithATypo().build();
            Timer.builder("exchange.request").tag("outcome", "success").register(registry);
            engine.evaluate();
            RuleEngine other = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                    .rule(Rules.diskFreeBelow(registry, 1e9).build()).build();
            other.evaluate();
            other.evaluate();

            assertThat(log.lines(Level.WARN)).containsExactly("Rule 'disk-free-low' reads meters that do not exist: "
                    + "disk.free; it cannot fire until they are registered");
        }
    }

    @Test
    void the_engine_is_degraded_while_a_rules_meter_is_missing_and_healthy_once_it_exists() throws Exception {
        RuleEngine engine = engineWithATypo().build();

        HealthResult missing = engine.healthCheck().check();
        assertThat(missing.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(missing.message()).hasValue("1 of 2 rules read missing meters and cannot fire: "
                + "error-rate:exchange.request");
        assertThat(missing.details()).containsExactly(Map.entry("error-rate:exchange.request", "exchange.request"));
        assertThat(engine.missingMeters()).containsExactly(Map.entry("error-rate:exchange.request",
                List.of("exchange.request")));

        Timer.builder("exchange.request").tag("outcome", "success").register(registry);

        assertThat(engine.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(engine.missingMeters()).isEmpty();
    }

    @Test
    void meters_are_named_with_their_tags_and_combined_conditions_report_every_part() {
        Counter.builder("orders").tag("side", "buy").register(registry);
        Condition increase = Conditions.increase(registry, "orders", Tags.of("side", "sell"), Duration.ofMinutes(1));
        Condition heap = Rules.heapUsedAbove(registry, 0.9).build().condition();
        Condition custom = now -> OptionalDouble.of(1);

        assertThat(increase.missingMeters()).containsExactly("orders{side=sell}");
        assertThat(heap.missingMeters()).containsExactly("jvm.memory.used{area=heap}", "jvm.memory.max{area=heap}");
        assertThat(custom.missingMeters()).isEmpty();
        assertThat(Rules.retriesPerHourAbove(registry, "exchange", 100).build().condition().missingMeters())
                .containsExactly("resilience4j.retry.calls{name=exchange}");
    }
}
