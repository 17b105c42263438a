package dev.tradepulse.trading;

/**
 * Running counts and sums over closed trades, O(1) per trade. Guarded by the tracker's lock; the
 * fields are plain so that the tracker's optimistic reads see them without a call that could fail.
 */
final class TradeCounts {

    private long trades;
    private long wins;
    private long losses;
    private double grossProfit;
    private double grossLoss;
    private double realizedPnl;
    private int winStreak;
    private int lossStreak;
    private int longestWinStreak;
    private int longestLossStreak;

    void add(double pnl) {
        trades++;
        realizedPnl += pnl;
        if (pnl > 0) {
            wins++;
            grossProfit += pnl;
            winStreak++;
            lossStreak = 0;
            longestWinStreak = Math.max(longestWinStreak, winStreak);
        } else if (pnl < 0) {
            losses++;
            grossLoss += pnl;
            lossStreak++;
            winStreak = 0;
            longestLossStreak = Math.max(longestLossStreak, lossStreak);
        } else {
            winStreak = 0;
            lossStreak = 0;
        }
    }

    void exportTo(TrackerImage img) {
        img.trades = trades;
        img.wins = wins;
        img.losses = losses;
        img.grossProfit = grossProfit;
        img.grossLoss = grossLoss;
        img.realizedPnl = realizedPnl;
        img.winStreak = winStreak;
        img.lossStreak = lossStreak;
        img.longestWinStreak = longestWinStreak;
        img.longestLossStreak = longestLossStreak;
    }

    void restoreFrom(TrackerImage img) {
        trades = img.trades;
        wins = img.wins;
        losses = img.losses;
        grossProfit = img.grossProfit;
        grossLoss = img.grossLoss;
        realizedPnl = img.realizedPnl;
        winStreak = img.winStreak;
        lossStreak = img.lossStreak;
        longestWinStreak = img.longestWinStreak;
        longestLossStreak = img.longestLossStreak;
    }

    PerformanceSnapshot.TradeStats stats() {
        return new PerformanceSnapshot.TradeStats(trades, wins, losses, realizedPnl, grossProfit, grossLoss,
                longestWinStreak, longestLossStreak);
    }
}
