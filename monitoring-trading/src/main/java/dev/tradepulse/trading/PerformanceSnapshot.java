package dev.tradepulse.trading;

/**
 * Every metric of a {@link PerformanceTracker} at one moment. Ratios are {@code NaN} until there
 * is enough data (two daily returns for volatility and Sharpe, one losing trade for the profit
 * factor to be finite); a profit factor with wins and no losses is {@code +Infinity}.
 *
 * @param trades closed trades
 * @param wins trades with P&amp;L above zero
 * @param losses trades with P&amp;L below zero
 * @param realizedPnl total realised P&amp;L
 * @param equity the last equity snapshot
 * @param pnlToday equity now minus yesterday's closing equity (days in the tracker's zone)
 * @param cumulativeReturn the last day close over the first day close, minus one
 * @param cagr compound annual growth rate over the closed days
 * @param volatility annualised standard deviation of daily returns
 * @param sharpe annualised Sharpe ratio
 * @param sortino annualised Sortino ratio
 * @param calmar CAGR over the maximum drawdown
 * @param currentDrawdown the fall from the running peak, 0 to 1
 * @param maxDrawdown the largest fall from a running peak, 0 to 1
 * @param drawdownSeconds how long the current drawdown has lasted
 * @param var95 the historical 5th percentile of daily returns over the window (a loss is negative)
 * @param parametricVar95 mean − 1.645 σ of daily returns over the window
 * @param cvar95 the mean of the daily returns at or below the 5th percentile (expected shortfall)
 * @param winRate wins over trades
 * @param profitFactor gross profit over gross loss
 * @param payoffRatio average win over the magnitude of the average loss
 * @param expectancy average P&amp;L per trade
 * @param longestWinStreak the most consecutive wins
 * @param longestLossStreak the most consecutive losses
 * @param days closed days (daily returns)
 */
public record PerformanceSnapshot(long trades, long wins, long losses, double realizedPnl, double equity, double pnlToday,
        double cumulativeReturn, double cagr, double volatility, double sharpe, double sortino, double calmar,
        double currentDrawdown, double maxDrawdown, long drawdownSeconds, double var95, double parametricVar95,
        double cvar95, double winRate, double profitFactor, double payoffRatio, double expectancy, int longestWinStreak,
        int longestLossStreak, long days) {
}
