package dev.tradepulse.trading;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-size rings, allocated once: the latest period closes (for the equity chart) and the
 * highest equity of each of the last 1,440 minutes (for "balance dropped X% within an hour").
 * Guarded by the tracker's lock.
 */
final class EquityHistory {

    private static final int MINUTES = 1_440;

    private final double[] closes;
    private final long resolutionSeconds;
    private int closeCount;
    private int closeHead;
    private long bucket = Long.MIN_VALUE;
    private double bucketLast;
    private final long[] minute = new long[MINUTES];
    private final double[] minuteHigh = new double[MINUTES];
    private int minuteCount;
    private int minuteHead; // the slot of the newest minute

    EquityHistory(int points, long resolutionSeconds) {
        this.closes = new double[points];
        this.resolutionSeconds = resolutionSeconds;
    }

    /** Records equity; the last value of each finished period becomes a curve point, gaps forward-filled. */
    void point(long epochSecond, double equity) {
        long b = Math.floorDiv(epochSecond, resolutionSeconds);
        if (bucket != Long.MIN_VALUE && b > bucket) {
            long missing = Math.min(b - bucket, closes.length);
            for (long i = 0; i < missing; i++) {
                addClose(bucketLast);
            }
        }
        bucket = b;
        bucketLast = equity;
    }

    private void addClose(double close) {
        closes[closeHead] = close;
        closeHead = (closeHead + 1) % closes.length;
        closeCount = Math.min(closeCount + 1, closes.length);
    }

    void sample(long epochSecond, double equity) {
        long m = Math.floorDiv(epochSecond, 60);
        if (minuteCount > 0 && minute[minuteHead] == m) {
            minuteHigh[minuteHead] = Math.max(minuteHigh[minuteHead], equity);
            return;
        }
        minuteHead = minuteCount == 0 ? 0 : (minuteHead + 1) % MINUTES;
        minute[minuteHead] = m;
        minuteHigh[minuteHead] = equity;
        minuteCount = Math.min(minuteCount + 1, MINUTES);
    }

    /** The highest equity seen in the minutes overlapping [now − window, now]; NaN if none. */
    double highSince(long nowSecond, long windowSeconds) {
        long from = Math.floorDiv(nowSecond - windowSeconds, 60);
        double high = Double.NaN;
        for (int i = 0, at = minuteHead; i < minuteCount; i++, at = (at - 1 + MINUTES) % MINUTES) {
            if (minute[at] < from) {
                break;
            }
            high = Double.isNaN(high) ? minuteHigh[at] : Math.max(high, minuteHigh[at]);
        }
        return high;
    }

    void exportTo(TrackerImage img) {
        img.resolutionSeconds = resolutionSeconds;
        img.closes = new double[closeCount];
        for (int i = 0; i < closeCount; i++) {
            img.closes[i] = closes[(closeHead - closeCount + i + closes.length) % closes.length];
        }
        img.bucket = bucket;
        img.bucketLast = bucketLast;
        img.minutes = new long[minuteCount];
        img.minuteHighs = new double[minuteCount];
        for (int i = 0; i < minuteCount; i++) { // oldest first
            int at = (minuteHead - minuteCount + 1 + i + MINUTES) % MINUTES;
            img.minutes[i] = minute[at];
            img.minuteHighs[i] = minuteHigh[at];
        }
    }

    /**
     * Restores a saved state: the latest closes that fit, and the per-minute highs. A curve saved
     * at another resolution is not restored (its periods mean something else); it starts again.
     */
    void restoreFrom(TrackerImage img) {
        if (img.resolutionSeconds == resolutionSeconds) {
            for (int i = Math.max(0, img.closes.length - closes.length); i < img.closes.length; i++) {
                addClose(img.closes[i]);
            }
            bucket = img.bucket;
            bucketLast = img.bucketLast;
        }
        for (int i = Math.max(0, img.minutes.length - MINUTES); i < img.minutes.length; i++) {
            minuteHead = minuteCount == 0 ? 0 : (minuteHead + 1) % MINUTES;
            minute[minuteHead] = img.minutes[i];
            minuteHigh[minuteHead] = img.minuteHighs[i];
            minuteCount = Math.min(minuteCount + 1, MINUTES);
        }
    }

    List<Double> curve(double current, boolean started) {
        List<Double> out = new ArrayList<>(closeCount + 1);
        for (int i = 0; i < closeCount; i++) {
            out.add(closes[(closeHead - closeCount + i + closes.length) % closes.length]);
        }
        if (started) {
            out.add(current);
        }
        return out;
    }
}
