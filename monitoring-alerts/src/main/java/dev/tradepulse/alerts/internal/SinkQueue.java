package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sink's bounded queue, one lane per severity. When full, the oldest alert of the least
 * severe non-empty lane is dropped, if it is less severe than the newcomer; else the newcomer is.
 */
final class SinkQueue {

    /**
     * An alert and when it was fired: monotonic time for delivery latency, wall time to stamp
     * alerts that have no start (done on the worker, not the caller's thread).
     */
    record Queued(Alert alert, long firedNanos, long firedWallMillis) {
        Alert stamped() {
            return alert.startingAt(java.time.Instant.ofEpochMilli(firedWallMillis));
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

    /** Adds; returns the alert dropped to make room (possibly this one), or null. */
    Alert offer(Alert alert, long firedNanos, long firedWallMillis) {
        lock.lock();
        try {
            Alert dropped = null;
            if (size >= capacity) {
                int lowest = lanes.size() - 1;
                while (lowest >= 0 && lanes.get(lowest).isEmpty()) {
                    lowest--;
                }
                if (lowest <= alert.severity().ordinal()) {
                    return alert; // nothing less severe to give way
                }
                dropped = lanes.get(lowest).pollFirst().alert();
                size--;
            }
            lanes.get(alert.severity().ordinal()).addLast(new Queued(alert, firedNanos, firedWallMillis));
            size++;
            if (size == 1) {
                notEmpty.signal();
            }
            return dropped;
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
