package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRiskMappingTest {

    private final MutableClock clock = MutableClock.start();
    private final HealthRegistry health = HealthRegistry.builder().clock(clock).build();
    private final AtomicReference<Instant> lastTick = new AtomicReference<>(clock.instant());
    private final AtomicReference<HealthResult> journal = new AtomicReference<>(HealthResult.healthy());
    private final RecordingTarget target = new RecordingTarget("health:audit-journal");

    @AfterEach
    void close() {
        health.close();
    }

    private void registerDemoChecks() {
        health.register("market-data", HealthChecks.freshness(lastTick::get, Duration.ofSeconds(5), clock));
        health.register("audit-journal", journal::get);
        health.register("heap", HealthResult::healthy);
    }

    @Test
    void stale_market_data_moves_to_reducing_and_fresh_data_lifts_it() {
        registerDemoChecks();
        HealthRiskMapping mapping = HealthRiskMapping.builder(target).build();
        health.addListener(mapping);
        health.check();
        assertThat(target.state()).isEqualTo(TradingState.ACTIVE);

        clock.advance(Duration.ofSeconds(10));
        health.check();

        await().atMost(Duration.ofSeconds(10)).until(() -> target.state() == TradingState.REDUCING);
        assertThat(target.causes()).containsExactly("health:market-data");
        assertThat(target.calls).anySatisfy(c -> assertThat(c).startsWith(
                "lower REDUCING health:market-data: health of 'market-data' is unhealthy"));

        lastTick.set(clock.instant());
        health.check();

        await().atMost(Duration.ofSeconds(10)).until(() -> target.state() == TradingState.ACTIVE);
        assertThat(target.causes()).isEmpty();
    }

    @Test
    void an_unhealthy_journal_halts_and_only_an_operator_lifts_the_halt() {
        registerDemoChecks();
        health.addListener(HealthRiskMapping.builder(target).build());
        health.check();

        journal.set(HealthResult.unhealthy("disk full"));
        health.check();
        await().atMost(Duration.ofSeconds(10)).until(() -> target.state() == TradingState.HALTED);

        journal.set(HealthResult.healthy());
        health.check();

        assertThat(target.state()).as("the default mapping of the journal does not recover by itself")
                .isEqualTo(TradingState.HALTED);
        assertThat(target.calls).noneMatch(c -> c.equals("lift health:audit-journal"));
        target.operatorLift("health:audit-journal");
        assertThat(target.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void a_check_bad_from_its_first_run_is_caught_by_applying_the_first_report() {
        lastTick.set(clock.instant().minusSeconds(60));
        registerDemoChecks();
        HealthRiskMapping mapping = HealthRiskMapping.builder(target).build();
        health.addListener(mapping);

        mapping.apply(health.check());

        assertThat(target.state()).isEqualTo(TradingState.REDUCING);
        assertThat(target.causes()).containsExactly("health:market-data");
    }

    @Test
    void a_custom_mapping_replaces_a_default_and_a_degraded_threshold_applies() {
        HealthRiskMappingConfig config = HealthRiskMappingConfig.custom()
                .map("audit-journal*", HealthStatus.UNHEALTHY, TradingState.REDUCING, true)
                .map("exchange.breaker", HealthStatus.DEGRADED, TradingState.HALTED, true)
                .unmap("journal*").build();
        RecordingTarget target = new RecordingTarget();
        HealthRiskMapping mapping = HealthRiskMapping.builder(target).config(config).build();

        assertThat(config.mappings()).extracting(HealthRiskMappingConfig.Mapping::pattern).containsExactly(
                "market-data*", "exchange*", "audit-journal*", "exchange.breaker");
        // the first matching mapping wins: "exchange*" is tried before "exchange.breaker"
        assertThat(config.mappingFor("exchange.breaker")).get().extracting(HealthRiskMappingConfig.Mapping::pattern)
                .isEqualTo("exchange*");
        mapping.apply("audit-journal", HealthResult.unhealthy("disk full"));
        assertThat(target.state()).isEqualTo(TradingState.REDUCING);
        mapping.apply("audit-journal", HealthResult.healthy());
        assertThat(target.state()).isEqualTo(TradingState.ACTIVE);
        mapping.apply("journal", HealthResult.unhealthy("gone"));
        assertThat(target.state()).as("unmapped").isEqualTo(TradingState.ACTIVE);
        mapping.apply("exchange", HealthResult.degraded("slow"));
        assertThat(target.state()).as("the default exchange mapping needs UNHEALTHY").isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void a_failing_target_is_counted_and_never_breaks_the_health_registry() {
        registerDemoChecks();
        RiskTarget broken = new RiskTarget() {
            @Override
            public void lower(TradingState to, String cause, String reason) {
                throw new StackOverflowError("deep");
            }

            @Override
            public void lift(String cause) {
                throw new IllegalStateException("no");
            }
        };
        HealthRiskMapping mapping = HealthRiskMapping.builder(broken).build();
        health.addListener(mapping);
        health.check();
        clock.advance(Duration.ofSeconds(10));

        assertThat(health.check().components().get("market-data").result().status()).isEqualTo(HealthStatus.UNHEALTHY);
        await().atMost(Duration.ofSeconds(10)).until(() -> mapping.targetFailures() >= 1);
        mapping.apply("market-data", HealthResult.healthy());
        assertThat(mapping.targetFailures()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_bad_mapping_is_refused_naming_the_field() {
        HealthRiskMappingConfig.Builder b = HealthRiskMappingConfig.custom();
        assertThatThrownBy(() -> b.map("a*b", HealthStatus.UNHEALTHY, TradingState.HALTED, false))
                .hasMessage("pattern must be a check name with an optional trailing '*', got 'a*b'");
        assertThatThrownBy(() -> b.map("x", HealthStatus.HEALTHY, TradingState.HALTED, false))
                .hasMessage("at must be DEGRADED or UNHEALTHY, got HEALTHY");
        assertThatThrownBy(() -> b.map("x", HealthStatus.UNHEALTHY, TradingState.ACTIVE, false))
                .hasMessage("to must be REDUCING or HALTED, got ACTIVE");
        assertThatThrownBy(() -> HealthRiskMapping.builder(null)).hasMessage("target must not be null");
        assertThat(HealthRiskMappingConfig.from(HealthRiskMappingConfig.ofDefaults()).build())
                .isEqualTo(HealthRiskMappingConfig.ofDefaults());
        assertThat(HealthRiskMappingConfig.custom().clear().build().mappingFor("market-data")).isEmpty();
    }
}
