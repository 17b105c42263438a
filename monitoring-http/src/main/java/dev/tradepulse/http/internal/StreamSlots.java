package dev.tradepulse.http.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The bounded pool of long-lived streams (SSE {@code /events} and the WebSocket endpoint) one
 * server shares, with slots kept for authenticated clients: of {@code total} slots, clients
 * without the bearer token may hold at most {@code anonymousMax}, so an operator with the token
 * still gets a stream while anonymous viewers (or a hostile page) hold theirs.
 *
 * <p>Use: {@code Slot slot = slots.acquire(authorized); if (slot == null) -> 503 + Retry-After;}
 * otherwise keep the slot for the stream's life and call {@link Slot#release()} when it ends (on
 * every path: close, error, client gone). Releasing is idempotent, so a close callback and an
 * error callback may both release the same slot.
 *
 * <p>Internal to monitoring-http: not a public API, no compatibility promise.
 *
 * <p>Thread-safe: acquire and release may be called from any thread (a short internal lock, no user code under it).
 */
public final class StreamSlots {

    private final int total;
    private final int anonymousMax;
    private final Object lock = new Object();
    private int authenticated;
    private int anonymous;

    /**
     * Creates the pool.
     *
     * @param total most streams open at once, at least 1
     * @param anonymousMax most of them held by clients without the token, 0 to {@code total}
     * @throws IllegalArgumentException if {@code total} is below 1 or {@code anonymousMax} is outside 0..total
     */
    public StreamSlots(int total, int anonymousMax) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1, got " + total);
        }
        if (anonymousMax < 0 || anonymousMax > total) {
            throw new IllegalArgumentException("anonymousMax must be between 0 and total (" + total + "), got "
                    + anonymousMax);
        }
        this.total = total;
        this.anonymousMax = anonymousMax;
    }

    /**
     * The default share for anonymous clients: half the slots, rounded up, so at least half
     * (rounded down) stay for authenticated clients and a pool of one still serves anyone.
     *
     * @param total the pool's size, at least 1
     * @return the most anonymous streams
     * @throws IllegalArgumentException if {@code total} is below 1
     */
    public static int defaultAnonymousMax(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1, got " + total);
        }
        return total - total / 2;
    }

    /**
     * Takes a slot if one is free for this kind of client.
     *
     * @param authenticated whether the request carried the server's bearer token
     * @return the slot, or null if the client must be refused (503 with {@code Retry-After})
     */
    public @Nullable Slot acquire(boolean authenticated) {
        synchronized (lock) {
            if (this.authenticated + anonymous >= total) {
                return null;
            }
            if (authenticated) {
                this.authenticated++;
            } else {
                if (anonymous >= anonymousMax) {
                    return null;
                }
                anonymous++;
            }
        }
        return new Slot(authenticated);
    }

    /**
     * Streams open now.
     *
     * @return slots held, authenticated and anonymous
     */
    public int inUse() {
        synchronized (lock) {
            return authenticated + anonymous;
        }
    }

    /**
     * Anonymous streams open now.
     *
     * @return slots held by clients without the token
     */
    public int anonymousInUse() {
        synchronized (lock) {
            return anonymous;
        }
    }

    /**
     * The pool's size.
     *
     * @return most streams at once
     */
    public int total() {
        return total;
    }

    /**
     * The anonymous share.
     *
     * @return most anonymous streams at once
     */
    public int anonymousMax() {
        return anonymousMax;
    }

    private void release(boolean wasAuthenticated) {
        synchronized (lock) {
            if (wasAuthenticated) {
                authenticated--;
            } else {
                anonymous--;
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "StreamSlots[" + (authenticated + anonymous) + "/" + total + " in use, anonymous " + anonymous
                    + "/" + anonymousMax + "]";
        }
    }

    /** One held stream slot. Thread-safe; {@link #release()} is idempotent. */
    public final class Slot implements AutoCloseable {
        private final boolean authenticated;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(boolean authenticated) {
            this.authenticated = authenticated;
        }

        /**
         * Whether this slot was taken with the token.
         *
         * @return true for an authenticated client
         */
        public boolean authenticated() {
            return authenticated;
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                StreamSlots.this.release(authenticated);
            }
        }

        /** Same as {@link #release()}. */
        @Override
        public void close() {
            release();
        }
    }
}
