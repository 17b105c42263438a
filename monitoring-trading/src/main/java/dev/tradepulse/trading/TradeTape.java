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

    /** Trades closed in [from, to): count, wins, P&amp;L, gross profit and loss, and whether the tape reaches back far enough. */
    PeriodStats between(long from, long to) {
        int trades = 0;
        int wins = 0;
        double profit = 0;
        double loss = 0;
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
        // Once the tape is full, trades older than the oldest kept one are gone: the period is
        // complete only if that oldest trade is already before it.
        boolean complete = count < closedAt.length || closedAt[head] < from;
        return new PeriodStats(trades, wins, profit + loss, profit, loss, complete);
    }
}
