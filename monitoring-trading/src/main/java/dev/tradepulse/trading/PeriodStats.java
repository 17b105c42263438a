package dev.tradepulse.trading;

/**
 * Trades closed within a period, for reports.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trades how many closed
 * @param wins how many with P&amp;L above zero
 * @param realizedPnl their total P&amp;L
 * @param grossProfit the sum of winning P&amp;L
 * @param grossLoss the sum of losing P&amp;L (zero or negative)
 * @param complete false if the tracker's trade tape no longer reaches back to the period's start
 */
public record PeriodStats(int trades, int wins, double realizedPnl, double grossProfit, double grossLoss,
        boolean complete) {

    /** @return wins over trades, or NaN without trades */
    public double winRate() {
        return trades == 0 ? Double.NaN : (double) wins / trades;
    }

    /** @return gross profit over |gross loss|; +Infinity with wins and no losses, NaN without trades */
    public double profitFactor() {
        if (grossLoss < 0) {
            return grossProfit / -grossLoss;
        }
        return grossProfit > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
}
