package dev.tradepulse.trading.risk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sliding-window order counts, one second and one minute, without a lock or an allocation.
 *
 * <p>Each allowed order takes the next number of one shared sequence and writes its time in
 * each window's ring at that number (the ring's size is a power of two of at least the limit, so
 * the slot is a mask, not a division). An order is allowed exactly when the order {@code limit}
 * numbers earlier is at least a window old. Reserving a number is one compare-and-set; a thread
 * that loses the race reads again. The count can run over by the number of threads descheduled
 * between their reservation and their write while {@code limit} other orders pass, which needs a
 * thread to stall for a whole window's worth of orders.
 *
 * The slot writes are release stores (no fence on the order path): a reader on another core sees
 * the time a moment later at worst, which, like the stall above, errs by a slot at most.
 *
 * <p>A wall clock that steps back never blocks orders: a slot time in the future counts as old.
 * Thread-safe.
 */
final class OrderRateLimiter {

    /** Reservation outcomes. */
    static final int OK = 0;
    static final int PER_SECOND = 1;
    static final int PER_MINUTE = 2;

    private static final long EMPTY = Long.MIN_VALUE / 4;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;

    private final int perSecond;
    private final int perMinute;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray seconds;
    private final AtomicLongArray minutes;
    private final long secondsMask;
    private final long minutesMask;

    /** @param perSecond the limit per second, 0 for none; @param perMinute the limit per minute, 0 for none */
    OrderRateLimiter(int perSecond, int perMinute) {
        this.perSecond = perSecond;
        this.perMinute = perMinute;
        this.seconds = filled(ringSize(perSecond));
        this.minutes = filled(ringSize(perMinute));
        this.secondsMask = seconds.length() - 1L;
        this.minutesMask = minutes.length() - 1L;
    }

    /** The least power of two not below {@code limit}; 1 for no limit. */
    private static int ringSize(int limit) {
        return limit <= 1 ? 1 : Integer.highestOneBit(limit - 1) << 1;
    }

    private static AtomicLongArray filled(int n) {
        AtomicLongArray a = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, EMPTY);
        }
        return a;
    }

    /**
     * Counts an order at {@code nowMillis} if both windows have room.
     *
     * @param nowMillis the clock's milliseconds
     * @return {@link #OK}, or which window is full (nothing is counted then)
     */
    int tryReserve(long nowMillis) {
        while (true) {
            long seq = sequence.get();
            // the slot of the order `limit` numbers back: never yet written while seq < limit
            if (perSecond > 0 && recent(seconds.get((int) ((seq - perSecond) & secondsMask)), nowMillis, SECOND)) {
                return PER_SECOND;
            }
            if (perMinute > 0 && recent(minutes.get((int) ((seq - perMinute) & minutesMask)), nowMillis, MINUTE)) {
                return PER_MINUTE;
            }
            if (sequence.compareAndSet(seq, seq + 1)) {
                if (perSecond > 0) {
                    seconds.lazySet((int) (seq & secondsMask), nowMillis);
                }
                if (perMinute > 0) {
                    minutes.lazySet((int) (seq & minutesMask), nowMillis);
                }
                return OK;
            }
        }
    }

    /** @return how many orders were counted so far */
    long counted() {
        return sequence.get();
    }

    boolean limited() {
        return perSecond > 0 || perMinute > 0;
    }

    private static boolean recent(long at, long now, long window) {
        long age = now - at;
        return age >= 0 && age < window;
    }
}
