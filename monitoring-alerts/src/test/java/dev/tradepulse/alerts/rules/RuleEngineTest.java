package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.core.Monitoring;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, MeterClock.of(clock));
    private final CollectingSink sink = new CollectingSink();
    private final List<Alert> received = sink.received;
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(sink).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    private void step(RuleEngine engine, Duration d) {
        clock.advance(d);
        engine.evaluate();
    }

    @Test
    void a_gauge_rule_fires_only_after_its_for_duration_and_resolves_when_it_clears() {
        double[] freeGb = {5};
        registry.gauge("disk.free.gb", Tags.empty(), freeGb, a -> a[0]);
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false).rule(Rule.when("disk-low",
                Conditions.gauge(registry, "disk.free.gb", Tags.empty())).below(1).forAtLeast(Duration.ofMinutes(2))
                .severity(Severity.HIGH).summary("Disk below 1 GB").build()).build();

        engine.evaluate();
        freeGb[0] = 0.5;
        step(engine, Duration.ofSeconds(5));
        step(engine, Duration.ofMinutes(1));
        assertThat(engine.isFiring("disk-low")).isFalse();
        step(engine, Duration.ofMinutes(1));
        assertThat(engine.isFiring("disk-low")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).summary()).isEqualTo("Disk below 1 GB");
        assertThat(received.get(0).description()).isEqualTo("value 0.5000 < threshold 1.000 for 2 min");

        freeGb[0] = 3;
        step(engine, Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.get(1).status()).isEqualTo(Alert.Status.RESOLVED);
    }

    @Test
    void error_rate_over_a_window_counts_only_the_window() {
        Timer ok = Timer.builder("exchange.requests").tags("outcome", "success").register(registry);
        Timer err = Timer.builder("exchange.requests").tags("outcome", "error").register(registry);
        Condition rate = Conditions.errorRate(registry, "exchange.requests", Duration.ofMinutes(10));
        for (int i = 0; i < 50; i++) {
            err.record(1, TimeUnit.MILLISECONDS); // old errors, before the window
        }
        assertThat(rate.value(clock.instant())).isEmpty(); // no full window yet
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 90; i++) {
            ok.record(1, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 10; i++) {
            err.record(1, TimeUnit.MILLISECONDS);
        }

        OptionalDouble value = rate.value(clock.instant());
        assertThat(value).hasValueCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void the_dead_mans_switch_fires_when_decisions_stop() {
        AtomicReference<Instant> lastDecision = new AtomicReference<>(clock.instant());
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.noEventFor("decision", lastDecision::get, Duration.ofHours(1)).build()).build();

        step(engine, Duration.ofMinutes(59));
        assertThat(engine.isFiring("no-decision")).isFalse();
        step(engine, Duration.ofMinutes(2));
        assertThat(engine.isFiring("no-decision")).isTrue();
        lastDecision.set(clock.instant());
        step(engine, Duration.ofSeconds(5));
        assertThat(engine.isFiring("no-decision")).isFalse();
    }

    @Test
    void circuit_breaker_open_is_read_from_resilience4j_meters() {
        try (Monitoring monitoring = Monitoring.builder().meterRegistry(registry)
                .circuitBreaker("exchange", CircuitBreakerConfig.ofDefaults()).build()) {
            RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                    .rule(Rules.circuitBreakerOpen(registry, "exchange").build()).build();
            engine.evaluate();
            assertThat(engine.isFiring("circuit-breaker-open:exchange")).isFalse();

            monitoring.circuitBreakerRegistry().circuitBreaker("exchange").transitionToOpenState();
            engine.evaluate();

            assertThat(engine.isFiring("circuit-breaker-open:exchange")).isTrue();
        }
    }

    @Test
    void disk_and_heap_helpers_read_micrometers_own_binders() {
        new io.micrometer.core.instrument.binder.system.DiskSpaceMetrics(new java.io.File(".")).bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.diskFreeBelow(registry, Double.MAX_VALUE).build())
                .rule(Rules.heapUsedAbove(registry, 0.0).build())
                .build();

        engine.evaluate();

        assertThat(engine.isFiring("disk-free-low")).isTrue();
        assertThat(engine.isFiring("heap-high")).isTrue();
    }

    @Test
    void a_rule_that_throws_does_not_stop_the_others() {
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rule.when("broken", now -> {
                    throw new IllegalStateException("bad meter");
                }).above(1).build())
                .rule(Rule.when("always", now -> OptionalDouble.of(2)).above(1).build())
                .build();

        engine.evaluate();

        assertThat(engine.isFiring("always")).isTrue();
        assertThatThrownBy(() -> Rule.when("x", now -> OptionalDouble.of(1)).build())
                .hasMessage("rule 'x' needs above(...) or below(...)");
        assertThatThrownBy(() -> RuleEngine.builder(dispatcher).rule(Rule.when("a", n -> OptionalDouble.empty())
                .above(1).build()).rule(Rule.when("a", n -> OptionalDouble.empty()).above(1).build()))
                .hasMessage("a rule named 'a' is already added");
    }
}
