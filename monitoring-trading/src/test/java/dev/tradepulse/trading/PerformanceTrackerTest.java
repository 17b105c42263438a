package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

/** Every expected value here is worked out by hand (or by the formula in the comment), independently of the tracker. */
class PerformanceTrackerTest {

    private static final Instant DAY0 = Instant.parse("2026-01-05T15:00:00Z");

    private static Trade trade(double pnl) {
        return new Trade("BTCUSDT", Side.BUY, 100, 100 + pnl, 1, pnl, 0, DAY0, DAY0.plusSeconds(60));
    }

    /** Equity at 15:00 UTC on consecutive days, then one more snapshot so the last day closes. */
    private static PerformanceTracker withDailyCloses(PerformanceTracker t, double... closes) {
        for (int i = 0; i < closes.length; i++) {
            t.recordEquity(DAY0.plus(Duration.ofDays(i)), closes[i]);
        }
        t.recordEquity(DAY0.plus(Duration.ofDays(closes.length)), closes[closes.length - 1]);
        return t;
    }

    @Test
    void trade_statistics_come_from_closed_trades() {
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        for (double pnl : new double[] {100, -50, 30, 30, -20, 0, 40}) {
            t.recordTrade(trade(pnl));
        }
        PerformanceSnapshot s = t.snapshot();

        assertThat(s.tradeStats().trades()).isEqualTo(7);
        assertThat(s.tradeStats().wins()).isEqualTo(4);
        assertThat(s.tradeStats().losses()).isEqualTo(2);
        assertThat(s.tradeStats().realizedPnl()).isEqualTo(130.0);
        assertThat(s.tradeStats().winRate()).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(s.tradeStats().profitFactor()).isCloseTo(200.0 / 70, within(1e-12)); // gross profit 200, gross loss 70
        assertThat(s.tradeStats().payoffRatio()).isCloseTo(50.0 / 35, within(1e-12)); // average win 50, average loss 35
        assertThat(s.tradeStats().expectancy()).isCloseTo(130.0 / 7, within(1e-12));
        assertThat(s.tradeStats().longestWinStreak()).isEqualTo(2);
        assertThat(s.tradeStats().longestLossStreak()).isEqualTo(1);
    }

    @Test
    void with_no_trades_ratios_are_nan_and_with_only_wins_the_profit_factor_is_infinite() {
        PerformanceTracker t = PerformanceTracker.builder("idle").build();
        assertThat(t.snapshot().tradeStats().winRate()).isNaN();
        assertThat(t.snapshot().tradeStats().profitFactor()).isNaN();
        t.recordTrade(trade(10));
        t.recordTrade(trade(5));
        assertThat(t.snapshot().tradeStats().profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.snapshot().tradeStats().payoffRatio()).isNaN();
    }

    @Test
    void daily_returns_give_volatility_sharpe_sortino_drawdown_and_cagr_as_empyrical_defines_them() {
        // Closes 100, 110, 99, 108.9: returns +10%, -10%, +10%.
        PerformanceSnapshot s = withDailyCloses(PerformanceTracker.builder("s").build(), 100, 110, 99, 108.9).snapshot();

        double mean = 0.1 / 3;
        double sd = Math.sqrt(((0.1 - mean) * (0.1 - mean) * 2 + (-0.1 - mean) * (-0.1 - mean)) / 2); // ddof 1
        double downside = Math.sqrt(0.01 / 3); // RMS of the negative returns over all 3 days
        assertThat(s.returns().days()).isEqualTo(3);
        assertThat(s.returns().volatility()).isCloseTo(sd * Math.sqrt(252), within(1e-9));
        assertThat(s.returns().sharpe()).isCloseTo(mean / sd * Math.sqrt(252), within(1e-9));
        assertThat(s.returns().sortino()).isCloseTo(mean * 252 / (downside * Math.sqrt(252)), within(1e-9));
        assertThat(s.returns().cumulativeReturn()).isCloseTo(0.089, within(1e-12));
        assertThat(s.returns().cagr()).isCloseTo(Math.pow(1.089, 252.0 / 3) - 1, within(1e-6 * Math.pow(1.089, 84)));
        assertThat(s.risk().maxDrawdown()).isCloseTo(0.1, within(1e-12)); // 110 -> 99
        assertThat(s.returns().calmar()).isCloseTo(s.returns().cagr() / 0.1, within(1e-9 * s.returns().cagr()));
        assertThat(s.risk().currentDrawdown()).isCloseTo(1 - 108.9 / 110, within(1e-12));
    }

    @Test
    void the_risk_free_rate_is_annual_and_crypto_annualises_over_365_days() {
        PerformanceSnapshot s = withDailyCloses(PerformanceTracker.builder("s").config(PerformanceTrackerConfig.custom()
                .periodsPerYear(365).riskFreeRate(0.0365).build()).build(), 100, 110, 99, 108.9).snapshot();
        double mean = 0.1 / 3;
        double sd = Math.sqrt(((0.1 - mean) * (0.1 - mean) * 2 + (-0.1 - mean) * (-0.1 - mean)) / 2);
        assertThat(s.returns().sharpe()).isCloseTo((mean - 0.0001) / sd * Math.sqrt(365), within(1e-9));
    }

    @Test
    void a_single_day_and_zero_volatility_leave_the_ratios_undefined_not_infinite() {
        PerformanceTracker one = PerformanceTracker.builder("s").build();
        one.recordEquity(DAY0, 100);
        assertThat(one.snapshot().returns().sharpe()).isNaN();
        assertThat(one.snapshot().returns().cumulativeReturn()).isZero();

        PerformanceSnapshot flat = withDailyCloses(PerformanceTracker.builder("s").build(), 100, 100, 100, 100).snapshot();
        assertThat(flat.returns().volatility()).isZero();
        assertThat(flat.returns().sharpe()).isNaN();
        assertThat(flat.returns().sortino()).isNaN();
        assertThat(flat.risk().maxDrawdown()).isZero();
    }

    @Test
    void days_without_a_snapshot_count_as_unchanged() {
        PerformanceTracker t = PerformanceTracker.builder("s").build();
        t.recordEquity(DAY0, 100);
        t.recordEquity(DAY0.plus(Duration.ofDays(2)), 110); // day 1 missing
        t.recordEquity(DAY0.plus(Duration.ofDays(3)), 110);

        PerformanceSnapshot s = t.snapshot();
        assertThat(s.returns().days()).isEqualTo(2); // day 1: 0%, day 2: +10%
        assertThat(s.returns().cumulativeReturn()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void the_zone_decides_where_a_day_ends() {
        Instant lateEvening = Instant.parse("2026-01-05T23:30:00Z");
        Instant afterMidnightUtc = Instant.parse("2026-01-06T00:30:00Z");
        PerformanceTracker utc = PerformanceTracker.builder("s").build();
        PerformanceTracker newYork = PerformanceTracker.builder("s")
                .config(PerformanceTrackerConfig.custom().zone(ZoneId.of("America/New_York")).build()).build();
        for (PerformanceTracker t : List.of(utc, newYork)) {
            t.recordEquity(lateEvening, 100);
            t.recordEquity(lateEvening.plus(Duration.ofMinutes(10)), 105);
            t.recordEquity(afterMidnightUtc, 101);
        }
        assertThat(utc.snapshot().pnlToday()).isCloseTo(-4.0, within(1e-12)); // a new day in UTC, opened at 105
        assertThat(newYork.snapshot().pnlToday()).isCloseTo(1.0, within(1e-12)); // New York's day opened at 100
    }

    @Test
    void on_the_first_day_todays_pnl_counts_from_the_first_snapshot() {
        PerformanceTracker t = PerformanceTracker.builder("s").build();
        t.recordEquity(DAY0, 10_000);
        t.recordEquity(DAY0.plus(Duration.ofHours(5)), 8_000);

        PerformanceSnapshot s = t.snapshot();
        assertThat(s.pnlToday()).isCloseTo(-2_000, within(1e-9));
        assertThat(s.returns().days()).as("no day has closed, so there is no daily return yet").isZero();
    }

    @Test
    void historical_and_parametric_var_and_cvar_use_the_rolling_window() {
        // 100 daily returns -5.0%, -4.9%, ..., +4.9%, in a shuffled order.
        List<Double> rs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rs.add((i - 50) / 1000.0);
        }
        Collections.shuffle(rs, new Random(7));
        PerformanceTracker t = PerformanceTracker.builder("s").build();
        double close = 1000;
        t.recordEquity(DAY0, close);
        for (int i = 0; i < rs.size(); i++) {
            close *= 1 + rs.get(i);
            t.recordEquity(DAY0.plus(Duration.ofDays(i + 1)), close);
        }
        t.recordEquity(DAY0.plus(Duration.ofDays(rs.size() + 1)), close);
        PerformanceSnapshot s = t.snapshot();

        assertThat(s.returns().days()).isEqualTo(100);
        // numpy.percentile(r, 5): position 4.95 between -4.6% and -4.5%.
        assertThat(s.risk().var95()).isCloseTo(-0.046 + 0.95 * 0.001, within(1e-9));
        // empyrical CVaR: mean of the int(99 * 0.05) + 1 = 5 lowest.
        assertThat(s.risk().cvar95()).isCloseTo(-0.048, within(1e-9));
        double mean = -0.0005;
        double sd = Math.sqrt(rs.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / 99);
        assertThat(s.risk().parametricVar95()).isCloseTo(mean - 1.6448536269514722 * sd, within(1e-9));
    }

    @Test
    void the_var_window_slides_without_resorting_and_forgets_old_days() {
        PerformanceTracker t = PerformanceTracker.builder("s")
                .config(PerformanceTrackerConfig.custom().varWindow(20).build()).build();
        double close = 100;
        t.recordEquity(DAY0, close);
        int day = 1;
        for (int i = 0; i < 5; i++) { // five crash days, then 30 calm ones push them out of the window
            close *= 0.8;
            t.recordEquity(DAY0.plus(Duration.ofDays(day++)), close);
        }
        for (int i = 0; i < 30; i++) {
            close *= 1.001;
            t.recordEquity(DAY0.plus(Duration.ofDays(day++)), close);
        }
        t.recordEquity(DAY0.plus(Duration.ofDays(day)), close);

        assertThat(t.snapshot().risk().var95()).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void properties_hold_on_a_random_walk() {
        Random random = new Random(42);
        double[] closes = new double[500];
        closes[0] = 1000;
        for (int i = 1; i < closes.length; i++) {
            closes[i] = closes[i - 1] * (1 + random.nextGaussian() * 0.02);
        }
        double[] scaled = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            scaled[i] = closes[i] * 7.3;
        }
        PerformanceSnapshot a = withDailyCloses(PerformanceTracker.builder("s").build(), closes).snapshot();
        PerformanceSnapshot b = withDailyCloses(PerformanceTracker.builder("s").build(), scaled).snapshot();

        assertThat(a.risk().maxDrawdown()).isBetween(0.0, 1.0);
        assertThat(a.risk().currentDrawdown()).isBetween(0.0, a.risk().maxDrawdown());
        assertThat(b.returns().sharpe()).as("Sharpe is unchanged when equity is scaled").isCloseTo(a.returns().sharpe(), within(1e-9));
        assertThat(b.risk().maxDrawdown()).isCloseTo(a.risk().maxDrawdown(), within(1e-12));
        assertThat(a.risk().cvar95()).isLessThanOrEqualTo(a.risk().var95());
    }

    @Test
    void metrics_are_published_as_gauges_tagged_by_strategy() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        t.bindTo(registry);
        t.recordTrade(trade(25));

        assertThat(registry.get("trading.pnl.realized").tag("strategy", "momentum").gauge().value()).isEqualTo(25.0);
        assertThat(registry.get("trading.win.rate").tag("strategy", "momentum").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("trading.sharpe").tag("strategy", "momentum").gauge()).isNotNull();
    }

    @Test
    void bad_input_is_rejected_naming_the_problem() {
        PerformanceTracker t = PerformanceTracker.builder("s").build();
        t.recordEquity(DAY0, 100);
        assertThatThrownBy(() -> t.recordEquity(DAY0.minusSeconds(1), 100))
                .hasMessageContaining("equity snapshots must come in time order");
        assertThatThrownBy(() -> t.recordEquity(DAY0, 0)).hasMessage("value must be a positive finite equity, got 0.0");
        assertThatThrownBy(() -> t.recordEquity(DAY0, Double.NaN)).hasMessageContaining("positive finite");
        assertThatThrownBy(() -> t.recordTrade(null)).hasMessage("trade must not be null");
        assertThatThrownBy(() -> trade(Double.POSITIVE_INFINITY)).hasMessageContaining("realizedPnl must be a finite");
        assertThatThrownBy(() -> PerformanceTracker.builder(" ")).hasMessage("strategy must not be blank");
        assertThatThrownBy(() -> PerformanceTrackerConfig.custom().varWindow(5)).hasMessage("days must be at least 20, got 5");
    }

    @Test
    void progress_against_the_seeds_targets_is_reported_and_published_as_gauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PerformanceTracker t = PerformanceTracker.builder("s")
                .config(PerformanceTrackerConfig.custom().targets(Targets.seeds()).build()).build();
        t.bindTo(registry);
        t.recordEquity(DAY0, 100);
        t.recordEquity(DAY0.plus(Duration.ofDays(1)), 110);
        t.recordEquity(DAY0.plus(Duration.ofDays(2)), 99);
        t.recordEquity(DAY0.plus(Duration.ofDays(3)), 99); // closes day 2: returns +10%, -10%
        t.recordTrade(trade(5));
        t.recordTrade(trade(5));
        t.recordTrade(trade(-3));

        double cagr = Math.pow(0.99, 252 / 2.0) - 1;
        assertThat(t.targetProgress()).extracting(Targets.Progress::name)
                .containsExactly("annual_return", "sharpe", "win_rate", "max_drawdown");
        Targets.Progress annual = t.targetProgress().get(0);
        assertThat(annual.actual()).isCloseTo(cagr, within(1e-12));
        assertThat(annual.progress()).isCloseTo(cagr / 0.28, within(1e-12));
        assertThat(annual.met()).isFalse();
        assertThat(t.targetProgress().get(1).actual()).as("mean return 0").isCloseTo(0, within(1e-12));
        assertThat(t.targetProgress().get(2).progress()).isCloseTo((2 / 3.0) / 0.65, within(1e-12));
        assertThat(t.targetProgress().get(2).met()).isTrue();
        Targets.Progress drawdown = t.targetProgress().get(3);
        assertThat(drawdown.actual()).isCloseTo(0.1, within(1e-12));
        assertThat(drawdown.progress()).as("two thirds of the allowed drawdown used").isCloseTo(0.1 / 0.15,
                within(1e-12));
        assertThat(drawdown.met()).isTrue();
        assertThat(registry.get("trading.target.met").tags("strategy", "s", "target", "win_rate").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("trading.target.met").tags("target", "annual_return").gauge().value()).isZero();
        assertThat(registry.get("trading.target.progress").tags("target", "max_drawdown").gauge().value())
                .isCloseTo(0.1 / 0.15, within(1e-12));
    }

    @Test
    void targets_may_be_left_unset_but_not_set_to_nonsense() {
        PerformanceTracker t = PerformanceTracker.builder("s").config(PerformanceTrackerConfig.custom()
                .targets(new Targets(Double.NaN, 1.8, Double.NaN, Double.NaN)).build()).build();
        assertThat(t.targetProgress()).extracting(Targets.Progress::name).containsExactly("sharpe");
        assertThat(t.targetProgress().get(0).met()).as("no Sharpe yet").isFalse();
        assertThat(PerformanceTracker.builder("s").build().targetProgress()).isEmpty();
        assertThatThrownBy(() -> new Targets(0.28, 1.8, 65, 0.15)).hasMessageContaining("winRate")
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Targets(0.28, -1, 0.65, 0.15)).hasMessageContaining("sharpe");
        assertThatThrownBy(() -> new Targets(Double.POSITIVE_INFINITY, 1, 0.65, 0.15))
                .hasMessageContaining("annualReturn");
    }

    @Test
    void the_tracker_is_a_meter_binder_and_binding_twice_registers_each_gauge_once() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterBinder binder = PerformanceTracker.builder("twice").build();

        binder.bindTo(registry);
        binder.bindTo(registry);

        assertThat(registry.find("trading.equity").tag("strategy", "twice").gauges()).hasSize(1);
        assertThat(registry.getMeters()).hasSize(18);
    }

    @Test
    void the_snapshot_parts_name_each_figure_and_trade_ratios_come_from_the_counts() {
        PerformanceTracker t = PerformanceTracker.builder("parts").build();
        for (double pnl : new double[] {100, -50, 30, -20}) {
            t.recordTrade(trade(pnl));
        }
        t.recordEquity(DAY0, 10_000);
        t.recordEquity(DAY0.plusSeconds(3600), 9_500);

        PerformanceSnapshot s = t.snapshot();

        assertThat(s.tradeStats().grossProfit()).isEqualTo(130.0);
        assertThat(s.tradeStats().grossLoss()).isEqualTo(-70.0);
        assertThat(s.tradeStats().profitFactor()).isCloseTo(130.0 / 70, within(1e-12));
        assertThat(s.tradeStats().payoffRatio()).isCloseTo(65.0 / 35, within(1e-12));
        assertThat(s.equity()).isEqualTo(9_500.0);
        assertThat(s.pnlToday()).isEqualTo(-500.0);
        assertThat(s.todayReturn()).isCloseTo(-0.05, within(1e-12));
        assertThat(s.risk().currentDrawdown()).isCloseTo(0.05, within(1e-12));
        assertThat(s.risk().drawdownSeconds()).isEqualTo(3600);
        assertThat(s.returns().days()).isZero();
        assertThat(PerformanceTracker.builder("empty").build().snapshot().todayReturn()).isNaN();
    }
}
