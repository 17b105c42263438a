package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One sink's bounded queue, one lane per severity. When full, the oldest alert of the least
 * severe non-empty lane is dropped, if it is less severe than the newcomer; else the newcomer is.
 */
final class SinkQueue {

    /**
     * An alert and when it was fired: monotonic time for delivery latency, wall time to stamp
     * alerts that have no start (done on the worker, not the caller's thread). One instance is
     * shared by every lane the alert was routed to; it counts the lanes that have not settled it
     * yet, so that the last one to fail knows nobody delivered it.
     */
    static final class Queued {
        private static final AtomicIntegerFieldUpdater<Queued> PENDING =
                AtomicIntegerFieldUpdater.newUpdater(Queued.class, "pending");

        private final Alert alert;
        private final long firedNanos;
        private final long firedWallMillis;
        private final boolean fallback;
        private volatile int pending;
        private volatile boolean delivered;
        /** What {@link #offerNew} evicted to make room for this entry; read once by the offering thread. */
        private @Nullable Queued evicted;

        Queued(Alert alert, long firedNanos, long firedWallMillis, int lanes, boolean fallback) {
            this.alert = alert;
            this.firedNanos = firedNanos;
            this.firedWallMillis = firedWallMillis;
            this.pending = lanes;
            this.fallback = fallback;
        }

        Alert alert() {
            return alert;
        }

        long firedNanos() {
            return firedNanos;
        }

        long firedWallMillis() {
            return firedWallMillis;
        }

        /** Whether this is an alert handed to a fallback sink, whose failure goes nowhere further. */
        boolean fallback() {
            return fallback;
        }

        /** Takes what was evicted to make room for this entry, if anything. */
        @Nullable Queued takeEvicted() {
            Queued e = evicted;
            evicted = null;
            return e;
        }

        Alert stamped() {
            return alert.startingAt(java.time.Instant.ofEpochMilli(firedWallMillis));
        }

        /**
         * One lane is done with the alert.
         *
         * @return true if this was the last lane and none of them delivered it
         */
        boolean settle(boolean ok) {
            if (ok) {
                delivered = true;
            }
            return PENDING.decrementAndGet(this) == 0 && !delivered;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final List<ArrayDeque<Queued>> lanes = new ArrayList<>();
    private final int capacity;
    private int size;
    private boolean closing;

    SinkQueue(int capacity) {
        this.capacity = capacity;
        for (int i = 0; i < Severity.values().length; i++) {
            lanes.add(new ArrayDeque<>());
        }
    }

    /**
     * Adds; returns the alert dropped to make room (possibly this one), or null. Once the queue is
     * closing nothing is added: the newcomer itself is returned.
     */
    @Nullable Queued offer(Queued queued) {
        Alert alert = queued.alert();
        lock.lock();
        try {
            if (closing) {
                return queued;
            }
            Queued dropped = null;
            if (size >= capacity) {
                int lowest = lanes.size() - 1;
                while (lowest >= 0 && lanes.get(lowest).isEmpty()) {
                    lowest--;
                }
                if (lowest <= alert.severity().ordinal()) {
                    return queued; // nothing less severe to give way
                }
                dropped = lanes.get(lowest).pollFirst();
                size--;
            }
            lanes.get(alert.severity().ordinal()).addLast(queued);
            size++;
            if (size == 1) {
                notEmpty.signal();
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a new alert, creating its entry only if it is taken: most offers into a queue kept full
     * by a hung sink are refused, and they allocate nothing. The entry is shared with the other
     * lanes the caller offers it to; {@link Queued#takeEvicted()} says what made room for it.
     *
     * @param pending how many lanes have yet to settle the entry, this one included
     * @return the entry, or null if the queue refused the alert (full of alerts at least as severe, or closing)
     */
    @Nullable Queued offerNew(Alert alert, long firedNanos, long firedWallMillis, int pending) {
        lock.lock();
        try {
            if (closing) {
                return null;
            }
            Queued evicted = null;
            if (size >= capacity) {
                int lowest = lanes.size() - 1;
                while (lowest >= 0 && lanes.get(lowest).isEmpty()) {
                    lowest--;
                }
                if (lowest <= alert.severity().ordinal()) {
                    return null;
                }
                evicted = lanes.get(lowest).pollFirst();
                size--;
            }
            Queued queued = new Queued(alert, firedNanos, firedWallMillis, pending, false);
            queued.evicted = evicted;
            lanes.get(alert.severity().ordinal()).addLast(queued);
            size++;
            if (size == 1) {
                notEmpty.signal();
            }
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something is queued (or closing), up to the timeout. */
    boolean awaitAny(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (size == 0 && !closing && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            return size > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Takes everything queued, most severe first. */
    List<Queued> drain() {
        lock.lock();
        try {
            List<Queued> all = new ArrayList<>(size);
            for (ArrayDeque<Queued> lane : lanes) {
                all.addAll(lane);
                lane.clear();
            }
            size = 0;
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a CRITICAL alert is waiting. */
    boolean hasCritical() {
        lock.lock();
        try {
            return !lanes.get(Severity.CRITICAL.ordinal()).isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** How many alerts wait, for a gauge. */
    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }
}
