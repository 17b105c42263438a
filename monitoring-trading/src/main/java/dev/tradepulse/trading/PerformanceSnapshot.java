package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;

/**
 * Every metric of a {@link PerformanceTracker} at one moment, in named parts: the account's
 * {@link #equity()} and {@link #pnlToday()}, then {@link #returns()}, {@link #risk()} and
 * {@link #tradeStats()}. Ratios are {@code NaN} until there is enough data (two daily returns for
 * volatility and Sharpe, one losing trade for the profit factor to be finite); a profit factor with
 * wins and no losses is {@code +Infinity}. The open book is separate: {@link PerformanceTracker#exposure()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param equity the last equity snapshot, NaN before the first
 * @param pnlToday equity now minus yesterday's closing equity (days in the tracker's zone); on the
 *     first day, minus the first snapshot
 * @param returns the daily returns and the ratios built on them
 * @param risk drawdown and tail risk
 * @param tradeStats what the closed trades add up to
 */
public record PerformanceSnapshot(double equity, double pnlToday, Returns returns, Risk risk, TradeStats tradeStats) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if {@code returns}, {@code risk} or {@code tradeStats} is null
     */
    public PerformanceSnapshot {
        Checks.notNull(returns, "returns");
        Checks.notNull(risk, "risk");
        Checks.notNull(tradeStats, "tradeStats");
    }

    /**
     * Today's return: P&amp;L today over today's opening equity (yesterday's close).
     *
     * @return the fraction, NaN before the first snapshot
     */
    public double todayReturn() {
        double open = equity - pnlToday;
        return open > 0 ? pnlToday / open : Double.NaN;
    }

    /**
     * The daily returns (the last equity of each day, days without a snapshot unchanged) and the
     * annualised figures built on them.
     *
     * <p>Immutable and thread-safe.
     *
     * @param days closed days (daily returns)
     * @param cumulativeReturn the last day close over the first day close, minus one
     * @param cagr compound annual growth rate over the closed days
     * @param volatility annualised standard deviation of daily returns
     * @param sharpe annualised Sharpe ratio
     * @param sortino annualised Sortino ratio
     * @param calmar CAGR over the maximum drawdown
     */
    public record Returns(long days, double cumulativeReturn, double cagr, double volatility, double sharpe,
            double sortino, double calmar) {
    }

    /**
     * How far the equity has fallen, and how bad a day can get.
     *
     * <p>Immutable and thread-safe.
     *
     * @param currentDrawdown the fall from the running peak, 0 to 1
     * @param maxDrawdown the largest fall from a running peak, 0 to 1
     * @param drawdownSeconds how long the current drawdown has lasted, in snapshot time
     * @param var95 the historical 5th percentile of daily returns over the window (a loss is negative)
     * @param parametricVar95 mean − 1.645 σ of daily returns over the window
     * @param cvar95 the mean of the daily returns at or below the 5th percentile (expected shortfall)
     */
    public record Risk(double currentDrawdown, double maxDrawdown, long drawdownSeconds, double var95,
            double parametricVar95, double cvar95) {
    }

    /**
     * What the closed trades add up to. The ratios are worked out from the counts and sums.
     *
     * <p>Immutable and thread-safe.
     *
     * @param trades closed trades
     * @param wins trades with P&amp;L above zero
     * @param losses trades with P&amp;L below zero
     * @param realizedPnl total realised P&amp;L
     * @param grossProfit the sum of winning P&amp;L
     * @param grossLoss the sum of losing P&amp;L (zero or negative)
     * @param longestWinStreak the most consecutive wins
     * @param longestLossStreak the most consecutive losses
     */
    public record TradeStats(long trades, long wins, long losses, double realizedPnl, double grossProfit,
            double grossLoss, int longestWinStreak, int longestLossStreak) {

        /** @return wins over trades, NaN without trades */
        public double winRate() {
            return trades > 0 ? (double) wins / trades : Double.NaN;
        }

        /** @return gross profit over |gross loss|; +Infinity with wins and no losses, NaN with neither */
        public double profitFactor() {
            return losses > 0 ? grossProfit / -grossLoss : wins > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }

        /** @return the average win over the magnitude of the average loss, NaN without both */
        public double payoffRatio() {
            return wins > 0 && losses > 0 ? (grossProfit / wins) / -(grossLoss / losses) : Double.NaN;
        }

        /** @return the average P&amp;L per trade, NaN without trades */
        public double expectancy() {
            return trades > 0 ? realizedPnl / trades : Double.NaN;
        }
    }
}
