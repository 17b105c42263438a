package dev.tradepulse.api.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval, whatever the number of threads asking: the shared
 * mechanism behind "count what was dropped, and log it at a bounded rate". Thread-safe and
 * lock-free.
 */
public final class LogThrottle {

    private static final long NEVER = Long.MIN_VALUE;

    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(NEVER);

    /**
     * Creates a throttle whose first request passes.
     *
     * @param interval the least time between two lines
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public LogThrottle(Duration interval) {
        this.intervalNanos = Checks.positive(interval, "interval").toNanos();
    }

    /**
     * Whether the caller may log now; true for exactly one caller per interval.
     *
     * @param nowNanos a monotonic time, such as {@link System#nanoTime()}
     * @return true if the caller should log
     */
    public boolean tryAcquire(long nowNanos) {
        long previous = last.get();
        if (previous != NEVER && nowNanos - previous < intervalNanos) {
            return false;
        }
        return last.compareAndSet(previous, nowNanos);
    }
}
