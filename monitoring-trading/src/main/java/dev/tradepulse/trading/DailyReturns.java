package dev.tradepulse.trading;

import java.util.Arrays;

/**
 * The daily returns seen so far: Welford's running mean and variance, the downside sum of
 * squares, and a rolling window kept sorted (binary search and one array shift per day, never a
 * re-sort) for historical VaR, parametric VaR and CVaR. Guarded by the tracker's lock; the
 * fields are plain so that the tracker's optimistic reads see them without a call.
 */
final class DailyReturns {

    private static final double Z95 = 1.6448536269514722;

    long count;
    double mean;
    private double m2;
    double downsideSquares;
    double var95 = Double.NaN;
    double parametricVar95 = Double.NaN;
    double cvar95 = Double.NaN;

    // the rolling window: arrival order and sorted order
    private final double[] window;
    private final double[] sorted;
    private int windowSize;
    private int windowHead;
    private double windowMean;
    private double windowM2;

    DailyReturns(int windowDays) {
        this.window = new double[windowDays];
        this.sorted = new double[windowDays];
    }

    void add(double r) {
        count++;
        double delta = r - mean;
        mean += delta / count;
        m2 += delta * (r - mean);
        if (r < 0) {
            downsideSquares += r * r;
        }
        slide(r);
    }

    /** @return the window's capacity, in days */
    int capacity() {
        return window.length;
    }

    /** @return the window's returns in arrival order, oldest first (a new array) */
    double[] windowInOrder() {
        int n = Math.min(windowSize, window.length);
        double[] out = new double[n];
        int start = n == window.length ? windowHead : 0;
        for (int i = 0; i < n; i++) {
            out[i] = window[(start + i) % window.length];
        }
        return out;
    }

    /**
     * Writes the state for {@link TrackerImage}: the running moments, the tail figures and the
     * window's running mean and second moment, then the window itself (oldest first).
     */
    void exportTo(TrackerImage img) {
        img.returnsCount = count;
        img.returnsMean = mean;
        img.returnsM2 = m2;
        img.downsideSquares = downsideSquares;
        img.var95 = var95;
        img.parametricVar95 = parametricVar95;
        img.cvar95 = cvar95;
        img.windowCapacity = window.length;
        img.windowMean = windowMean;
        img.windowM2 = windowM2;
        img.window = windowInOrder();
    }

    /**
     * Restores a saved state. With the same window capacity the restore is exact (every figure as
     * saved); with another capacity the latest returns that fit are slid in again.
     */
    void restoreFrom(TrackerImage img) {
        count = img.returnsCount;
        mean = img.returnsMean;
        m2 = img.returnsM2;
        downsideSquares = img.downsideSquares;
        double[] values = img.window;
        if (img.windowCapacity == window.length && values.length <= window.length) {
            System.arraycopy(values, 0, window, 0, values.length);
            windowSize = values.length;
            windowHead = values.length % window.length;
            System.arraycopy(values, 0, sorted, 0, values.length);
            Arrays.sort(sorted, 0, values.length);
            windowMean = img.windowMean;
            windowM2 = img.windowM2;
            var95 = img.var95;
            parametricVar95 = img.parametricVar95;
            cvar95 = img.cvar95;
            return;
        }
        for (int i = Math.max(0, values.length - window.length); i < values.length; i++) {
            slide(values[i]);
        }
    }

    /** Sample standard deviation (ddof 1), NaN below two returns. */
    double sd() {
        return count > 1 ? Math.sqrt(m2 / (count - 1)) : Double.NaN;
    }

    /**
     * Slides the window by one return: a binary search and an array shift each way, a sliding
     * Welford update of the window's mean and variance, and a sum over the 5% tail; no pass over
     * the whole window.
     */
    private void slide(double r) {
        int capacity = window.length;
        if (windowSize == capacity) {
            double oldest = window[windowHead];
            int at = Arrays.binarySearch(sorted, 0, windowSize, oldest);
            System.arraycopy(sorted, at + 1, sorted, at, windowSize - at - 1);
            // Replace the oldest with the newest: the window's size stays the same.
            double oldMean = windowMean;
            windowMean += (r - oldest) / windowSize;
            windowM2 += (r - oldest) * (r - windowMean + oldest - oldMean);
            windowM2 = Math.max(0, windowM2);
        } else {
            double delta = r - windowMean;
            windowMean += delta / (windowSize + 1);
            windowM2 += delta * (r - windowMean);
        }
        int n = windowSize == capacity ? windowSize - 1 : windowSize;
        window[windowHead] = r;
        windowHead = (windowHead + 1) % capacity;
        int insert = Arrays.binarySearch(sorted, 0, n, r);
        if (insert < 0) {
            insert = -insert - 1;
        }
        System.arraycopy(sorted, insert, sorted, insert + 1, n - insert);
        sorted[insert] = r;
        windowSize = n + 1;
        var95 = percentile(0.05);
        int cutoff = (int) ((windowSize - 1) * 0.05);
        double tail = 0;
        for (int i = 0; i <= cutoff; i++) {
            tail += sorted[i];
        }
        cvar95 = tail / (cutoff + 1);
        if (windowSize > 1) {
            parametricVar95 = windowMean - Z95 * Math.sqrt(windowM2 / (windowSize - 1));
        }
    }

    /** Linear-interpolated percentile of the sorted window, as numpy's default. */
    private double percentile(double p) {
        double pos = p * (windowSize - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, windowSize - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
