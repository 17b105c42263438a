package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreWarningTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(T0);
    private final CapturingSink sink = new CapturingSink();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { }).sink(sink)
            .build();
    private final PerformanceTracker tracker = PerformanceTracker.builder("grid").clock(clock).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    private void equity(double value) {
        tracker.recordEquity(clock.instant(), value);
    }

    @Test
    void the_daily_loss_warns_at_80_percent_of_the_halt_and_then_halts() {
        AtomicInteger halts = new AtomicInteger();
        RiskRulesConfig limits = RiskRulesConfig.custom().dailyLoss(Double.NaN, -0.15).balanceDrop(Double.NaN,
                Duration.ofHours(1)).build();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            KillSwitch ks = KillSwitch.create("grid", (rule, reason) -> halts.incrementAndGet(), audit, dispatcher);
            RuleEngine.Builder b = RuleEngine.builder(dispatcher).clock(clock).scheduled(false);
            RiskRules.forStrategy(tracker, ks, limits).forEach(b::rule);
            try (RuleEngine engine = b.build()) {
                equity(10_000);
                clock.advance(Duration.ofMinutes(10));
                equity(8_900); // -11%: short of the -12% pre-warning
                engine.evaluate();
                assertThat(engine.isFiring("risk.daily-loss.pre-warning:grid")).isFalse();

                clock.advance(Duration.ofMinutes(10));
                equity(8_750); // -12.5%: past the pre-warning, short of the -15% halt
                engine.evaluate();

                assertThat(engine.isFiring("risk.daily-loss.pre-warning:grid")).isTrue();
                assertThat(ks.isHalted()).as("a pre-warning halts nothing").isFalse();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.firingKeys()
                        .contains("risk.daily-loss.pre-warning:grid"));
                Alert warning = sink.received().get(0);
                assertThat(warning.severity()).isEqualTo(Severity.HIGH);
                assertThat(warning.summary()).isEqualTo("Daily loss of 'grid' below -12.0%, 80.0% of the -15.0% halt");

                clock.advance(Duration.ofMinutes(10));
                equity(8_400); // -16%
                engine.evaluate();

                assertThat(ks.isHalted()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.firingKeys()
                        .contains("risk.daily-loss.halt:grid"));
                assertThat(sink.firingKeys()).containsSubsequence("risk.daily-loss.pre-warning:grid",
                        "risk.daily-loss.halt:grid");
                await().atMost(Duration.ofSeconds(10)).until(() -> ks.halt().orElseThrow().callbackSucceeded());
                assertThat(halts).hasValue(1);
            }
        }
    }

    @Test
    void the_balance_drop_warns_at_80_percent_of_the_halt_within_its_window_and_then_halts() {
        RiskRulesConfig limits = RiskRulesConfig.custom().dailyLoss(Double.NaN, Double.NaN)
                .balanceDrop(0.20, Duration.ofHours(1)).preWarning(0.75).build();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            KillSwitch ks = KillSwitch.create("grid", (rule, reason) -> { }, audit, dispatcher);
            RuleEngine.Builder b = RuleEngine.builder(dispatcher).clock(clock).scheduled(false);
            RiskRules.forStrategy(tracker, ks, limits).forEach(b::rule);
            try (RuleEngine engine = b.build()) {
                equity(10_000);
                clock.advance(Duration.ofMinutes(20));
                equity(8_400); // 16% drop: past 75% of 20% (15%)
                engine.evaluate();

                assertThat(engine.isFiring("risk.balance-drop.pre-warning:grid")).isTrue();
                assertThat(ks.isHalted()).isFalse();

                clock.advance(Duration.ofMinutes(20));
                equity(7_900); // 21%
                engine.evaluate();

                assertThat(ks.isHalted()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.firingKeys().contains("risk.balance-drop:grid"));
                // Both delivered; which reaches the sink first is the dispatcher's (CRITICAL may overtake
                // a HIGH in its group wait). That the warning came first is shown by the engine above.
                assertThat(sink.firingKeys()).contains("risk.balance-drop.pre-warning:grid", "risk.balance-drop:grid");
            }
        }
    }

    @Test
    void the_pre_warning_fraction_defaults_to_80_percent_and_is_checked() {
        assertThat(RiskRulesConfig.ofDefaults().preWarning()).isEqualTo(0.8);
        assertThat(RiskRulesConfig.ofDefaults().toString()).contains("preWarning=0.8");
        assertThatThrownBy(() -> RiskRulesConfig.custom().preWarning(1)).hasMessage("fraction must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> RiskRules.dailyLossPreWarning(tracker, -0.15, 0))
                .hasMessage("at must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> RiskRules.balanceDropPreWarning(tracker, 0.2, Duration.ofHours(1), 1.5))
                .hasMessage("at must be in (0, 1), got 1.5");
        assertThat(RiskRules.dailyLossPreWarning(tracker, -0.15, 0.8).build().threshold()).isEqualTo(-0.12,
                within(1e-12));
    }
}
