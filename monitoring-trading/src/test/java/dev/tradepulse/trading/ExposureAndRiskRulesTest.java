package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposureAndRiskRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { })
            .sink(dev.tradepulse.alerts.sinks.LogSink.create()).build();
    private final PerformanceTracker tracker = PerformanceTracker.builder("grid").build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void exposure_sums_unrealised_pnl_and_derives_leverage_concentration_and_the_nearest_liquidation() {
        tracker.recordEquity(T0, 10_000);
        // long 0.1 BTC: notional 5,200, +200; liquidation 7,000 away from 52,000
        tracker.updatePosition(new Position("BTCUSDT", Side.BUY, 0.1, 50_000, 52_000, 45_000));
        // short 2 ETH: notional 6,200, -200; liquidation 155 away from 3,100
        tracker.updatePosition(new Position("ETHUSDT", Side.SELL, 2, 3_000, 3_100, 3_255));

        Exposure e = tracker.exposure();

        assertThat(e.openPositions()).isEqualTo(2);
        assertThat(e.unrealizedPnl()).isCloseTo(0, within(1e-9));
        assertThat(e.grossNotional()).isCloseTo(11_400, within(1e-9));
        assertThat(e.leverage()).isCloseTo(1.14, within(1e-12));
        assertThat(e.concentration()).isCloseTo(6_200.0 / 11_400, within(1e-12));
        assertThat(e.nearestLiquidation()).isCloseTo(0.05, within(1e-12));

        tracker.closePosition("ETHUSDT");
        assertThat(tracker.exposure().unrealizedPnl()).isCloseTo(200, within(1e-9));
        assertThat(tracker.positions()).extracting(Position::symbol).containsExactly("BTCUSDT");
        assertThat(Position.of("X", Side.BUY, 1, 1, 1).liquidationDistance()).isNaN();
        assertThatThrownBy(() -> Position.of("X", Side.parse("LONG"), 1, 1, 1)).hasMessageContaining("side must be BUY or SELL");
        assertThatThrownBy(() -> Position.of("X", null, 1, 1, 1)).hasMessage("side must not be null");
        assertThatThrownBy(() -> Position.of("X", Side.BUY, 0, 1, 1)).hasMessageContaining("quantity");
    }

    @Test
    void the_drop_within_a_window_runs_from_the_highest_equity_inside_it() {
        tracker.recordEquity(T0, 10_000);
        tracker.recordEquity(T0.plus(Duration.ofMinutes(20)), 12_000);
        tracker.recordEquity(T0.plus(Duration.ofMinutes(50)), 9_000);

        assertThat(tracker.dropWithin(Duration.ofHours(1))).isCloseTo(0.25, within(1e-12));

        tracker.recordEquity(T0.plus(Duration.ofMinutes(85)), 9_000); // 12,000 is now more than an hour ago
        assertThat(tracker.dropWithin(Duration.ofHours(1))).isZero();
        assertThat(tracker.dropWithin(Duration.ofHours(2))).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void the_equity_curve_holds_each_closed_day_then_the_latest_equity() {
        tracker.recordEquity(T0, 100);
        tracker.recordEquity(T0.plus(Duration.ofDays(1)), 110);
        tracker.recordEquity(T0.plus(Duration.ofDays(3)), 90); // a gap day is forward-filled
        tracker.recordEquity(T0.plus(Duration.ofDays(3)).plusSeconds(60), 95);

        assertThat(tracker.equityCurve()).containsExactly(100.0, 110.0, 110.0, 95.0);
    }

    @Test
    void trades_between_two_instants_count_wins_pnl_and_profit_factor_for_reports() {
        Instant day = T0.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        tracker.recordTrade(new Trade("BTCUSDT", Side.BUY, 1, 2, 1, 30, 0, day.minusSeconds(7200), day.minusSeconds(60)));
        tracker.recordTrade(new Trade("BTCUSDT", Side.BUY, 1, 2, 1, 20, 0, day, day.plusSeconds(60)));
        tracker.recordTrade(new Trade("BTCUSDT", Side.SELL, 1, 2, 1, -10, 0, day, day.plusSeconds(120)));

        PeriodStats today = tracker.tradesBetween(day, day.plus(Duration.ofDays(1)));

        assertThat(today.trades()).isEqualTo(2);
        assertThat(today.wins()).isEqualTo(1);
        assertThat(today.realizedPnl()).isEqualTo(10);
        assertThat(today.profitFactor()).isEqualTo(2.0);
        assertThat(today.complete()).isTrue();
        assertThat(tracker.tradesBetween(day.minusSeconds(3600), day).profitFactor()).isInfinite();
    }

    @Test
    void a_balance_drop_within_an_hour_trips_the_kill_switch_once() {
        AtomicInteger halts = new AtomicInteger();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            KillSwitch ks = KillSwitch.create("grid", (rule, reason) -> halts.incrementAndGet(), audit, dispatcher);
            RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                    .rule(RiskRules.balanceDropHalt(tracker, 0.20, Duration.ofHours(1), ks).build()).build();
            tracker.recordEquity(T0, 10_000);
            tracker.recordEquity(T0.plus(Duration.ofMinutes(30)), 8_100); // -19%
            engine.evaluate();
            assertThat(ks.isHalted()).isFalse();

            tracker.recordEquity(T0.plus(Duration.ofMinutes(40)), 7_900); // -21%
            engine.evaluate();
            engine.evaluate();

            assertThat(ks.isHalted()).isTrue();
            assertThat(ks.halt()).get().extracting(KillSwitch.Halt::reason).isEqualTo("balance dropped 21.0% within 1 h");
            await().atMost(Duration.ofSeconds(10)).until(() -> ks.halt().orElseThrow().callbackSucceeded());
            assertThat(halts).hasValue(1);
        }
    }

    @Test
    void position_leverage_liquidation_var_api_error_and_dead_mans_switch_rules_fire_on_their_thresholds() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Timer errors = Timer.builder("exchange.requests").tag("outcome", "error").register(meters);
        Instant[] decided = {null};
        java.time.Clock decisions = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return decided[0];
            }
        };
        PerformanceTracker t = PerformanceTracker.builder("maker").clock(decisions).build();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.openPositionsAbove(t, 1).build())
                .rule(RiskRules.nearLiquidation(t, 0.10).build())
                .rule(RiskRules.leverageAbove(t, 2.0).build())
                .rule(RiskRules.concentrationAbove(t, 0.9).build())
                .rule(RiskRules.apiErrorsAbove(meters, "exchange.requests", 5, Duration.ofMinutes(10)).build())
                .rule(RiskRules.noDecisionFor(t, Duration.ofHours(1)).build())
                .build();
        t.recordEquity(T0, 10_000);
        t.updatePosition(new Position("BTCUSDT", Side.BUY, 0.1, 50_000, 50_000, 40_000));
        decided[0] = clock.instant();
        t.recordDecision();
        engine.evaluate();
        assertThat(firing(engine, "risk.positions:maker", "risk.liquidation:maker", "risk.leverage:maker",
                "risk.api-errors:exchange.requests", "risk.no-decision:maker")).isZero();
        assertThat(engine.isFiring("risk.concentration:maker")).isTrue(); // one position is 100% of exposure

        t.updatePosition(new Position("ETHUSDT", Side.BUY, 6, 3_000, 3_000, 2_800)); // 6.7% from liquidation
        for (int i = 0; i < 6; i++) {
            errors.record(5, TimeUnit.MILLISECONDS);
        }
        clock.advance(Duration.ofMinutes(61));
        engine.evaluate();

        assertThat(engine.isFiring("risk.positions:maker")).isTrue();
        assertThat(engine.isFiring("risk.liquidation:maker")).isTrue();
        assertThat(engine.isFiring("risk.leverage:maker")).isTrue(); // 23,000 / 10,000
        assertThat(engine.isFiring("risk.api-errors:exchange.requests")).isTrue();
        assertThat(engine.isFiring("risk.no-decision:maker")).isTrue();
        assertThat(engine.isFiring("risk.concentration:maker")).isFalse();
    }

    @Test
    void a_var_breach_fires_when_todays_loss_is_worse_than_the_one_day_var() {
        PerformanceTracker t = PerformanceTracker.builder("var")
                .config(PerformanceTrackerConfig.custom().varWindow(20).build()).build();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false).rule(RiskRules.varBreach(t).build()).build();
        Instant day = T0;
        double equity = 10_000;
        for (int i = 0; i < 30; i++) { // alternating +1% / -1% days: VaR 95% is -1%
            equity *= i % 2 == 0 ? 1.01 : 0.99;
            t.recordEquity(day, equity);
            day = day.plus(Duration.ofDays(1));
        }
        t.recordEquity(day, equity * 0.995);
        engine.evaluate();
        assertThat(engine.isFiring("risk.var-breach:var")).isFalse();

        t.recordEquity(day.plusSeconds(60), equity * 0.98);
        engine.evaluate();
        assertThat(engine.isFiring("risk.var-breach:var")).isTrue();
    }

    @Test
    void halting_rules_refuse_a_null_kill_switch_when_built_since_they_could_alert_but_never_halt() {
        assertThatThrownBy(() -> RiskRules.dailyLossHalt(tracker, -0.15, null))
                .isInstanceOf(NullPointerException.class).hasMessage("killSwitch must not be null");
        assertThatThrownBy(() -> RiskRules.balanceDropHalt(tracker, 0.20, Duration.ofHours(1), null))
                .isInstanceOf(NullPointerException.class).hasMessage("killSwitch must not be null");
        assertThatThrownBy(() -> RiskRules.dailyLossWarning(null, -0.10))
                .isInstanceOf(NullPointerException.class).hasMessage("tracker must not be null");
    }

    @Test
    void risk_rule_summaries_write_short_windows_as_people_do() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            KillSwitch ks = KillSwitch.create("grid", (rule, reason) -> { }, audit, dispatcher);

            assertThat(RiskRules.noDecisionFor(tracker, Duration.ofSeconds(30)).build().summary())
                    .isEqualTo("No decision from 'grid' for more than 30 s");
            assertThat(RiskRules.apiErrorsAbove(meters, "exchange.requests", 5, Duration.ofSeconds(90)).build()
                    .summary()).isEqualTo("Exchange API errors above 5 in 1 min 30 s");
            assertThat(RiskRules.balanceDropHalt(tracker, 0.2, Duration.ofMinutes(90), ks).build().summary())
                    .isEqualTo("Balance of 'grid' dropped more than 20.0% within 1 h 30 min");
        }
    }

    private static long firing(RuleEngine engine, String... names) {
        return java.util.Arrays.stream(names).filter(engine::isFiring).count();
    }
}
