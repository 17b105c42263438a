package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskRulesConfigTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.start();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(LogSink.create()).build();
    private final PerformanceTracker tracker = PerformanceTracker.builder("grid").build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void the_defaults_are_the_seeds_limits_and_make_one_rule_each() {
        RiskRulesConfig seeds = RiskRulesConfig.ofDefaults();
        assertThat(seeds.dailyLossWarning()).isEqualTo(-0.10);
        assertThat(seeds.dailyLossHalt()).isEqualTo(-0.15);
        assertThat(seeds.balanceDrop()).isEqualTo(0.20);
        assertThat(seeds.balanceDropWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(seeds.maxDrawdown()).isEqualTo(0.15);
        assertThat(seeds.minWinRate()).isEqualTo(0.40);
        assertThat(seeds.winRateAfterTrades()).isEqualTo(20);
        assertThat(seeds.minProfitFactor()).isEqualTo(1.0);
        assertThat(seeds.maxOpenPositions()).isEqualTo(3);
        assertThat(seeds.maxLeverage()).isNaN();
        assertThat(seeds.maxSilence()).contains(Duration.ofHours(1));

        try (ComplianceLogger audit = audit()) {
            List<Rule> rules = RiskRules.forStrategy(tracker, killSwitch(audit, new AtomicInteger()), seeds);

            assertThat(rules).extracting(Rule::name).containsExactly("risk.daily-loss.warn:grid",
                    "risk.daily-loss.pre-warning:grid", "risk.daily-loss.halt:grid",
                    "risk.balance-drop.pre-warning:grid", "risk.balance-drop:grid", "risk.max-drawdown:grid",
                    "risk.win-rate:grid", "risk.profit-factor:grid", "risk.positions:grid", "risk.liquidation:grid",
                    "risk.var-breach:grid", "risk.no-decision:grid");
            assertThat(rules.get(8).threshold()).isEqualTo(3);
        }
    }

    @Test
    void an_unset_limit_makes_no_rule_and_a_set_one_adds_its_rule() {
        RiskRulesConfig some = RiskRulesConfig.custom().dailyLoss(Double.NaN, -0.2).balanceDrop(Double.NaN,
                Duration.ofHours(1)).maxDrawdown(Double.NaN).minWinRate(Double.NaN, 0).minProfitFactor(Double.NaN)
                .maxOpenPositions(0).liquidationDistance(Double.NaN).varBreach(false).maxSilence(null)
                .maxLeverage(3).maxConcentration(0.5).preWarning(Double.NaN).build();

        try (ComplianceLogger audit = audit()) {
            List<Rule> rules = RiskRules.forStrategy(tracker, killSwitch(audit, new AtomicInteger()), some);

            assertThat(rules).extracting(Rule::name).containsExactly("risk.daily-loss.halt:grid",
                    "risk.leverage:grid", "risk.concentration:grid");
            assertThat(rules.get(0).threshold()).isEqualTo(-0.2);
        }
    }

    @Test
    void from_copies_every_limit() {
        RiskRulesConfig base = RiskRulesConfig.custom().dailyLoss(-0.05, -0.08).maxLeverage(2).maxSilence(
                Duration.ofMinutes(5)).build();

        assertThat(RiskRulesConfig.from(base).build()).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(RiskRulesConfig.from(base).maxLeverage(Double.NaN).build()).isNotEqualTo(base);
        assertThat(RiskRulesConfig.custom().build()).isEqualTo(RiskRulesConfig.ofDefaults());
        assertThat(base.toString()).contains("dailyLossWarning=-0.05", "dailyLossHalt=-0.08", "maxLeverage=2.0",
                "maxSilence=5 min", "balanceDrop=0.2 within 1 h");
    }

    @Test
    void a_limit_with_the_wrong_sign_or_range_is_refused_naming_it() {
        RiskRulesConfig.Builder b = RiskRulesConfig.custom();
        assertThatThrownBy(() -> b.dailyLoss(0.10, -0.15)).hasMessage("warnAt must be a loss in (-1, 0), got 0.1");
        assertThatThrownBy(() -> b.dailyLoss(-0.15, -0.10))
                .hasMessage("haltAt must be at or beyond warnAt, got haltAt -0.1 and warnAt -0.15");
        assertThatThrownBy(() -> b.balanceDrop(20, Duration.ofHours(1))).hasMessage("fraction must be in (0, 1], got 20.0");
        assertThatThrownBy(() -> b.balanceDrop(0.2, Duration.ofDays(2)))
                .hasMessageStartingWith("window must be at most 1 day");
        assertThatThrownBy(() -> b.minWinRate(0.4, -1)).hasMessage("afterTrades must not be negative, got -1");
        assertThatThrownBy(() -> b.minProfitFactor(0)).hasMessage("factor must be a positive finite number, got 0.0");
        assertThatThrownBy(() -> b.maxOpenPositions(-1)).hasMessage("max must not be negative, got -1");
        assertThatThrownBy(() -> b.maxSilence(Duration.ZERO)).hasMessage("silence must be positive, but was PT0S");
        assertThatThrownBy(() -> RiskRulesConfig.from(null)).hasMessage("base must not be null");
    }

    @Test
    void the_single_rule_factories_refuse_a_threshold_that_would_always_or_never_fire() {
        // A warning at +10% instead of -10% would fire all day long.
        assertThatThrownBy(() -> RiskRules.dailyLossWarning(tracker, 0.10))
                .hasMessage("warnAt must be a loss in (-1, 0), got 0.1");
        assertThatThrownBy(() -> RiskRules.maxDrawdownAbove(tracker, 15)).hasMessage("fraction must be in (0, 1], got 15.0");
        assertThatThrownBy(() -> RiskRules.winRateBelow(tracker, Double.NaN, 20)).hasMessageStartingWith("fraction");
        assertThatThrownBy(() -> RiskRules.leverageAbove(tracker, Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("max must be a positive finite number");
        assertThatThrownBy(() -> RiskRules.openPositionsAbove(tracker, -1)).hasMessage("max must not be negative, got -1");
        assertThatThrownBy(() -> RiskRules.noDecisionFor(tracker, Duration.ofSeconds(-1)))
                .hasMessage("maxSilence must be positive, but was PT-1S");
        assertThatThrownBy(() -> RiskRules.forStrategy(tracker, null, RiskRulesConfig.ofDefaults()))
                .hasMessage("killSwitch must not be null");
    }

    @Test
    void the_rules_from_the_config_halt_through_the_rule_engine() {
        AtomicInteger halts = new AtomicInteger();
        try (ComplianceLogger audit = audit()) {
            KillSwitch ks = killSwitch(audit, halts);
            RuleEngine.Builder b = RuleEngine.builder(dispatcher).clock(clock).scheduled(false);
            RiskRules.forStrategy(tracker, ks, RiskRulesConfig.ofDefaults()).forEach(b::rule);
            RuleEngine engine = b.build();
            tracker.recordEquity(T0, 10_000);
            tracker.recordEquity(T0.plus(Duration.ofMinutes(30)), 8_400); // -16% today, -16% within the hour

            engine.evaluate();

            assertThat(ks.isHalted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> ks.halt().orElseThrow().callbackSucceeded());
            assertThat(halts).hasValue(1);
            engine.close();
        }
    }

    private ComplianceLogger audit() {
        return ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build();
    }

    private KillSwitch killSwitch(ComplianceLogger audit, AtomicInteger halts) {
        return KillSwitch.create("grid", (rule, reason) -> halts.incrementAndGet(), audit, dispatcher);
    }
}
