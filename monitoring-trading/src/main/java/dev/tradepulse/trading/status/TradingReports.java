package dev.tradepulse.trading.status;

import static dev.tradepulse.trading.status.TradingSections.money;
import static dev.tradepulse.trading.status.TradingSections.pct;
import static dev.tradepulse.trading.status.TradingSections.signed;

import dev.tradepulse.api.report.ReportSection;
import dev.tradepulse.trading.Exposure;
import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PeriodStats;
import dev.tradepulse.trading.Targets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Report sections for the alerts module's {@code ReportScheduler}: the ROMA seed's daily summary
 * and a weekly report that adds drawdown and risk figures. Stateless; the sections read the
 * tracker, which is thread-safe, so they may render on any thread.
 */
public final class TradingReports {

    private TradingReports() {
    }

    /**
     * Balance, P&amp;L for the period and today, trades in the period and in total, win rate,
     * profit factor, Sharpe, open positions and, when the tracker has targets, progress against them.
     *
     * @param tracker the strategy's tracker
     * @return the section
     */
    public static ReportSection daily(PerformanceTracker tracker) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        return new ReportSection() {
            @Override
            public String title() {
                return "Daily summary: " + tracker.strategy();
            }

            @Override
            public String render(Instant from, Instant to) {
                return summary(tracker, from, to);
            }
        };
    }

    /**
     * The daily figures over the week, plus drawdown, volatility, VaR, CVaR, Sortino, Calmar and
     * streaks.
     *
     * @param tracker the strategy's tracker
     * @return the section
     */
    public static ReportSection weekly(PerformanceTracker tracker) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        return new ReportSection() {
            @Override
            public String title() {
                return "Weekly report: " + tracker.strategy();
            }

            @Override
            public String render(Instant from, Instant to) {
                PerformanceSnapshot s = tracker.snapshot();
                return summary(tracker, from, to)
                        + "\nMax drawdown: " + pct(s.risk().maxDrawdown()) + " (current " + pct(s.risk().currentDrawdown()) + ")"
                        + "\nVolatility (annual): " + pct(s.returns().volatility())
                        + "\nVaR 95% (1 day): " + pct(s.risk().var95()) + ", CVaR 95%: " + pct(s.risk().cvar95())
                        + "\nSortino: " + ratio(s.returns().sortino()) + ", Calmar: " + ratio(s.returns().calmar())
                        + "\nLongest streaks: " + s.tradeStats().longestWinStreak() + " wins, " + s.tradeStats().longestLossStreak() + " losses";
            }
        };
    }

    private static String summary(PerformanceTracker tracker, Instant from, Instant to) {
        PerformanceSnapshot s = tracker.snapshot();
        PeriodStats period = tracker.tradesBetween(from, to);
        Exposure e = tracker.exposure();
        return "Balance: " + money(s.equity())
                + "\nP&L in period (closed trades): " + signed(period.realizedPnl()) + ", today: " + signed(s.pnlToday())
                + "\nTrades in period: " + period.trades() + (period.complete() ? "" : " (older trades not kept)")
                + ", total: " + s.tradeStats().trades()
                + "\nWin rate: " + pct(period.winRate()) + " in period, " + pct(s.tradeStats().winRate()) + " overall"
                + "\nProfit factor: " + ratio(period.profitFactor()) + " in period, " + ratio(s.tradeStats().profitFactor())
                + " overall"
                + "\nSharpe: " + ratio(s.returns().sharpe())
                + "\nOpen positions: " + e.openPositions() + " (unrealised " + signed(e.unrealizedPnl()) + ")"
                + targets(tracker);
    }

    /** "Targets: annual return 31.0% of 28.0% (met), …", or nothing without targets. */
    private static String targets(PerformanceTracker tracker) {
        StringBuilder out = new StringBuilder();
        for (Targets.Progress p : tracker.targetProgress()) {
            boolean fraction = p.metric().isFraction();
            out.append(out.length() == 0 ? "\nTargets: " : ", ").append(p.name().replace('_', ' ')).append(' ')
                    .append(fraction ? pct(p.actual()) : ratio(p.actual()))
                    .append(p.metric().isFloor() ? " (target " : " (limit ")
                    .append(fraction ? pct(p.target()) : ratio(p.target()))
                    .append(p.met() ? ", met)" : ", not met)");
        }
        return out.toString();
    }

    /** Ratios: n/a when undefined, and "∞ (no losses)" for an infinite profit factor. */
    static String ratio(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Double.isInfinite(v) ? "∞ (no losses)" : String.format(Locale.ROOT, "%.2f", v);
    }
}
