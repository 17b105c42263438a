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
 * and a weekly report that adds drawdown and risk figures.
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
                        + "\nMax drawdown: " + pct(s.maxDrawdown()) + " (current " + pct(s.currentDrawdown()) + ")"
                        + "\nVolatility (annual): " + pct(s.volatility())
                        + "\nVaR 95% (1 day): " + pct(s.var95()) + ", CVaR 95%: " + pct(s.cvar95())
                        + "\nSortino: " + ratio(s.sortino()) + ", Calmar: " + ratio(s.calmar())
                        + "\nLongest streaks: " + s.longestWinStreak() + " wins, " + s.longestLossStreak() + " losses";
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
                + ", total: " + s.trades()
                + "\nWin rate: " + pct(period.winRate()) + " in period, " + pct(s.winRate()) + " overall"
                + "\nProfit factor: " + ratio(period.profitFactor()) + " in period, " + ratio(s.profitFactor())
                + " overall"
                + "\nSharpe: " + ratio(s.sharpe())
                + "\nOpen positions: " + e.openPositions() + " (unrealised " + signed(e.unrealizedPnl()) + ")"
                + targets(tracker);
    }

    /** "Targets: annual return 31.0% of 28.0% (met), …", or nothing without targets. */
    private static String targets(PerformanceTracker tracker) {
        StringBuilder out = new StringBuilder();
        for (Targets.Progress p : tracker.targetProgress()) {
            boolean fraction = !p.name().equals("sharpe");
            out.append(out.length() == 0 ? "\nTargets: " : ", ").append(p.name().replace('_', ' ')).append(' ')
                    .append(fraction ? pct(p.actual()) : ratio(p.actual()))
                    .append(p.name().equals("max_drawdown") ? " (limit " : " (target ")
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
