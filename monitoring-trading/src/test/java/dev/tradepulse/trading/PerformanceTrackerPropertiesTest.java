package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that hold for any equity series and trade list: 200 seeded random histories with
 * gaps, intraday snapshots, several zones, wins, losses and break-evens.
 */
class PerformanceTrackerPropertiesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Lord_Howe"));

    record Snapshot(Instant at, double equity) {
    }

    record History(long seed, ZoneId zone, List<Snapshot> equity, List<Trade> trades) {

        static History random(long seed) {
            Random r = new Random(seed);
            Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(r.nextInt(86_400));
            double equity = 1_000 + r.nextDouble() * 1_000_000;
            List<Snapshot> snaps = new ArrayList<>();
            int days = 2 + r.nextInt(400);
            double vol = r.nextInt(10) == 0 ? 0 : 0.001 + r.nextDouble() * 0.05;
            for (int i = 0; i < days; i++) {
                for (int k = 0, n = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3); k < n; k++) {
                    equity = Math.max(0.01, equity * (1 + r.nextGaussian() * vol));
                    snaps.add(new Snapshot(at.plusSeconds(k * 3_600L), equity));
                }
                at = at.plus(Duration.ofDays(1));
            }
            List<Trade> trades = new ArrayList<>();
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0, n = r.nextInt(300); i < n; i++) {
                double pnl = switch (r.nextInt(10)) {
                    case 0 -> 0;
                    case 1, 2, 3, 4 -> -r.nextDouble() * 500;
                    default -> r.nextDouble() * 700;
                };
                trades.add(new Trade("BTCUSDT", Side.BUY, 100, 100, 1, pnl, 0, t, t.plusSeconds(60)));
                t = t.plusSeconds(3_600);
            }
            return new History(seed, ZONES.get(r.nextInt(ZONES.size())), snaps, trades);
        }

        PerformanceTracker replay(double equityScale, double pnlScale, Duration shift, List<Trade> order) {
            PerformanceTracker tracker = PerformanceTracker.builder("p")
                    .config(PerformanceTrackerConfig.custom().zone(zone).varWindow(30).build()).build();
            for (Snapshot s : equity) {
                tracker.recordEquity(s.at().plus(shift), s.equity() * equityScale);
            }
            for (Trade trade : order) {
                tracker.recordTrade(new Trade(trade.symbol(), trade.side(), trade.entryPrice(), trade.exitPrice(),
                        trade.quantity(), trade.realizedPnl() * pnlScale, 0, trade.openedAt(), trade.closedAt()));
            }
            return tracker;
        }

        PerformanceSnapshot snapshot() {
            return replay(1, 1, Duration.ZERO, trades).snapshot();
        }

        @Override
        public String toString() {
            return "seed " + seed + " (" + equity.size() + " snapshots, " + trades.size() + " trades, " + zone + ")";
        }
    }

    static List<History> histories() {
        List<History> out = new ArrayList<>();
        for (long seed = 1; seed <= 200; seed++) {
            out.add(History.random(seed));
        }
        return out;
    }

    /** Scale-free metrics: a fraction or a ratio of equity or of P&amp;L. */
    private static final List<ToDoubleFunction<PerformanceSnapshot>> EQUITY_SCALE_FREE = List.of(
            x -> x.returns().cumulativeReturn(), x -> x.returns().cagr(), x -> x.returns().volatility(),
            x -> x.returns().sharpe(), x -> x.returns().sortino(), x -> x.returns().calmar(),
            x -> x.risk().maxDrawdown(), x -> x.risk().currentDrawdown(), x -> x.risk().var95(),
            x -> x.risk().parametricVar95(), x -> x.risk().cvar95(), s -> s.returns().days(), s -> s.risk().drawdownSeconds());

    private static final List<ToDoubleFunction<PerformanceSnapshot>> TRADE_ORDER_FREE = List.of(
            s -> s.tradeStats().trades(), s -> s.tradeStats().wins(), s -> s.tradeStats().losses(), x -> x.tradeStats().winRate(),
            x -> x.tradeStats().profitFactor(), x -> x.tradeStats().payoffRatio(), x -> x.tradeStats().expectancy(),
            x -> x.tradeStats().realizedPnl());

    private static void assertSame(double actual, double expected, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertThat(Double.compare(actual, expected)).as(what + ": " + actual + " vs " + expected).isZero();
        } else {
            assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                    .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void drawdowns_are_fractions_and_the_current_one_never_exceeds_the_maximum(History h) {
        PerformanceSnapshot s = h.snapshot();
        assertThat(s.risk().maxDrawdown()).isBetween(0.0, 1.0);
        assertThat(s.risk().currentDrawdown()).isBetween(0.0, s.risk().maxDrawdown());
        assertThat(s.risk().drawdownSeconds()).isNotNegative();
        if (s.risk().currentDrawdown() == 0) {
            assertThat(s.risk().drawdownSeconds()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void scaling_the_equity_changes_no_ratio_and_scales_todays_pnl(History h) {
        double k = 0.001 + new Random(h.seed()).nextDouble() * 1_000;
        PerformanceSnapshot a = h.snapshot();
        PerformanceSnapshot b = h.replay(k, 1, Duration.ZERO, h.trades()).snapshot();
        for (int i = 0; i < EQUITY_SCALE_FREE.size(); i++) {
            assertSame(EQUITY_SCALE_FREE.get(i).applyAsDouble(b), EQUITY_SCALE_FREE.get(i).applyAsDouble(a),
                    "equity-scale-free metric #" + i);
        }
        assertSame(b.pnlToday() / k, a.pnlToday(), "today's P&L scales");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void trade_statistics_ignore_the_order_of_trades_and_the_scale_of_pnl(History h) {
        List<Trade> shuffled = new ArrayList<>(h.trades());
        Collections.shuffle(shuffled, new Random(h.seed()));
        PerformanceSnapshot a = h.snapshot();
        PerformanceSnapshot b = h.replay(1, 1, Duration.ZERO, shuffled).snapshot();
        PerformanceSnapshot scaled = h.replay(1, 3.7, Duration.ZERO, h.trades()).snapshot();
        for (int i = 0; i < TRADE_ORDER_FREE.size(); i++) {
            assertSame(TRADE_ORDER_FREE.get(i).applyAsDouble(b), TRADE_ORDER_FREE.get(i).applyAsDouble(a),
                    "order-free trade metric #" + i);
        }
        assertSame(scaled.tradeStats().winRate(), a.tradeStats().winRate(), "win rate");
        assertSame(scaled.tradeStats().profitFactor(), a.tradeStats().profitFactor(), "profit factor");
        assertSame(scaled.tradeStats().payoffRatio(), a.tradeStats().payoffRatio(), "payoff ratio");
        assertSame(scaled.tradeStats().expectancy(), a.tradeStats().expectancy() * 3.7, "expectancy scales");
        if (a.tradeStats().trades() > 0) {
            assertThat(a.tradeStats().winRate()).isBetween(0.0, 1.0);
            assertThat(a.tradeStats().wins() + a.tradeStats().losses()).isLessThanOrEqualTo(a.tradeStats().trades());
            assertThat(a.tradeStats().longestWinStreak()).isLessThanOrEqualTo((int) a.tradeStats().wins());
            assertThat(a.tradeStats().longestLossStreak()).isLessThanOrEqualTo((int) a.tradeStats().losses());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void moving_the_whole_history_by_whole_weeks_changes_nothing(History h) {
        PerformanceSnapshot a = h.snapshot();
        // Weeks, not days, and away from the zones' DST changes: every snapshot keeps its local day.
        PerformanceSnapshot b = h.replay(1, 1, Duration.ofDays(7 * 52), h.trades()).snapshot();
        if (h.zone().getRules().isFixedOffset()) {
            assertThat(b).isEqualTo(a);
        } else {
            assertThat(b.returns().days()).isEqualTo(a.returns().days());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void the_tail_figures_are_ordered_and_the_day_count_is_the_calendar_span(History h) {
        PerformanceSnapshot s = h.snapshot();
        LocalDate first = h.equity().get(0).at().atZone(h.zone()).toLocalDate();
        LocalDate last = h.equity().get(h.equity().size() - 1).at().atZone(h.zone()).toLocalDate();
        long closedDays = last.toEpochDay() - first.toEpochDay();
        assertThat(s.returns().days()).as("one return per closed day after the first").isEqualTo(Math.max(0, closedDays - 1));
        if (s.returns().days() > 0) {
            assertThat(s.risk().cvar95()).isLessThanOrEqualTo(s.risk().var95());
            assertThat(s.returns().volatility()).satisfiesAnyOf(v -> assertThat(v).isNaN(), v -> assertThat(v).isNotNegative());
        }
        assertThat(h.snapshot()).as("reading twice without writes gives the same figures").isEqualTo(s);
    }
}
