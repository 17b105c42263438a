package dev.tradepulse.trading;

/**
 * The close time and P&amp;L of the latest trades in fixed arrays, for period reports ("trades
 * today"). Guarded by the tracker's lock; allocates nothing per trade.
 */
final class TradeTape {

    private final long[] closedAt;
    private final double[] pnl;
    private int count;
    private int head;

    TradeTape(int capacity) {
        closedAt = new long[capacity];
        pnl = new double[capacity];
    }

    void add(long closedEpochSecond, double realizedPnl) {
        closedAt[head] = closedEpochSecond;
        pnl[head] = realizedPnl;
        head = (head + 1) % closedAt.length;
        count = Math.min(count + 1, closedAt.length);
    }

    /** Trades closed in [from, to): count, wins, losses, gross profit, gross loss, complete. */
    PeriodStats between(long from, long to) {
        int trades = 0;
        int wins = 0;
        double profit = 0;
        double loss = 0;
        boolean complete = count < closedAt.length;
        for (int i = 0; i < count; i++) {
            int at = (head - 1 - i + closedAt.length) % closedAt.length;
            long t = closedAt[at];
            if (t >= from && t < to) {
                trades++;
                if (pnl[at] > 0) {
                    wins++;
                    profit += pnl[at];
                } else {
                    loss += pnl[at];
                }
            }
        }
        if (count == closedAt.length) {
            // the oldest kept trade is inside the period: older ones may have been dropped
            int oldest = head;
            complete = closedAt[oldest] < from;
        }
        return new PeriodStats(trades, wins, profit + loss, profit, loss, complete);
    }
}
