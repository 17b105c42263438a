package dev.tradepulse.trading;

import java.time.Instant;
import java.time.zone.ZoneRules;

/**
 * The equity snapshots folded into days: today's open, the previous close, the first close, the
 * running peak and the drawdowns; each day that closes hands its return to {@link DailyReturns}.
 * Guarded by the tracker's lock. The fields an optimistic reader uses are primitives, so a read
 * racing a write sees stale or torn numbers (and retries) but can never fail.
 */
final class EquityDays {

    private static final long SECONDS_PER_DAY = 86_400L;

    private final ZoneRules zone;
    private final DailyReturns daily;

    boolean started;
    double equity;
    /** The previous day's closing equity, once a day has closed. */
    double prevClose;
    /** Today's opening equity: yesterday's close, or on the first day the first snapshot. */
    double dayOpen;
    double firstClose;
    boolean haveClose;
    /** The current day, as days since the epoch in the tracker's zone. */
    private long day;
    double peak;
    long peakAtSecond;
    long lastAtSecond;
    double maxDrawdown;
    /** The last snapshot's time, for the ordering check only (writers hold the lock). */
    private Instant lastAt = Instant.MIN;

    EquityDays(ZoneRules zone, DailyReturns daily) {
        this.zone = zone;
        this.daily = daily;
    }

    /** Whether a snapshot at {@code at} would come before the last one. */
    boolean isBeforeLast(Instant at) {
        return started && at.isBefore(lastAt);
    }

    Instant lastAt() {
        return lastAt;
    }

    /** @return the current day, as days since the epoch in the tracker's zone (0 before the first snapshot) */
    long day() {
        return day;
    }

    /** The day of {@code at} in this tracker's zone, as days since the epoch. */
    long dayOf(Instant at) {
        // Day number without allocating a LocalDate: the zone's rules hand back cached offsets.
        return Math.floorDiv(at.getEpochSecond() + zone.getOffset(at).getTotalSeconds(), SECONDS_PER_DAY);
    }

    void exportTo(TrackerImage img) {
        img.started = started;
        img.equity = equity;
        img.prevClose = prevClose;
        img.dayOpen = dayOpen;
        img.firstClose = firstClose;
        img.haveClose = haveClose;
        img.day = day;
        img.peak = peak;
        img.peakAtSecond = peakAtSecond;
        img.lastAtSecond = lastAtSecond;
        img.maxDrawdown = maxDrawdown;
        img.lastAt = lastAt;
    }

    /**
     * Restores a saved state. {@code sameZone} false (the zone changed since the save) places the
     * saved last snapshot in this zone's day instead of the saved day number.
     */
    void restoreFrom(TrackerImage img, boolean sameZone) {
        started = img.started;
        equity = img.equity;
        prevClose = img.prevClose;
        dayOpen = img.dayOpen;
        firstClose = img.firstClose;
        haveClose = img.haveClose;
        day = sameZone || !img.started ? img.day : dayOf(img.lastAt);
        peak = img.peak;
        peakAtSecond = img.peakAtSecond;
        lastAtSecond = img.lastAtSecond;
        maxDrawdown = img.maxDrawdown;
        lastAt = img.lastAt;
    }

    void record(Instant at, double value) {
        long today = dayOf(at);
        long second = at.getEpochSecond();
        if (!started) {
            day = today;
            dayOpen = value;
            peak = value;
            peakAtSecond = second;
            started = true;
        } else if (today > day) {
            // Close the day: its return is close over the previous close; the first day has none.
            if (haveClose) {
                daily.add(equity / prevClose - 1);
            } else {
                firstClose = equity;
                haveClose = true;
            }
            prevClose = equity;
            dayOpen = equity;
            // Days with no snapshot: the equity did not change (forward fill).
            for (long d = day + 1; d < today; d++) {
                daily.add(0);
            }
            day = today;
        }
        equity = value;
        lastAt = at;
        lastAtSecond = second;
        if (value >= peak) {
            peak = value;
            peakAtSecond = second;
        }
        maxDrawdown = Math.max(maxDrawdown, (peak - value) / peak);
    }
}
