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
    /** Whether older trades were dropped on a restore (the saved tape kept only the latest). */
    private boolean truncated;

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

    /** Saves at most the latest {@code limit} trades, oldest first. */
    void exportTo(TrackerImage img, int limit) {
        int n = Math.min(count, limit);
        img.tapeTimes = new long[n];
        img.tapePnl = new double[n];
        for (int i = 0; i < n; i++) {
            int at = (head - n + i + closedAt.length) % closedAt.length;
            img.tapeTimes[i] = closedAt[at];
            img.tapePnl[i] = pnl[at];
        }
        img.tapeTruncated = truncated || n < count;
    }

    void restoreFrom(TrackerImage img) {
        int n = img.tapeTimes.length;
        for (int i = Math.max(0, n - closedAt.length); i < n; i++) {
            add(img.tapeTimes[i], img.tapePnl[i]);
        }
        truncated = img.tapeTruncated || n > closedAt.length;
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
        // A restored tape may have lost its oldest trades the same way.
        int oldest = (head - count + closedAt.length) % closedAt.length;
        boolean complete = (count < closedAt.length && !truncated) || (count > 0 && closedAt[oldest] < from);
        return new PeriodStats(trades, wins, profit + loss, profit, loss, complete);
    }
}
