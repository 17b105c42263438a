package dev.tradepulse.compliance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Between callers and the writer. Each event gets a ticket, in queue order, under one short
 * lock; the writer swaps out everything pending at once, and publishes how far it has written
 * and synced, so that group-commit callers wait for exactly the fsync that covers them.
 */
final class EventQueue {

    /** One event waiting for the writer. */
    record Pending(byte[] body, long epochMicros, long ticket) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final int capacity;
    private List<Pending> pending = new ArrayList<>();
    private long lastTicket;
    private long durableTicket;
    private boolean syncRequested;
    private boolean closing;
    private Throwable failure;

    EventQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Queues an event, waiting while the queue is full; returns its ticket. */
    long add(byte[] body, long epochMicros) throws InterruptedException {
        lock.lock();
        try {
            while (pending.size() >= capacity && failure == null && !closing) {
                notFull.await();
            }
            if (failure != null) {
                throw new JournalFailed(failure);
            }
            if (closing) {
                throw new IllegalStateException("the compliance journal is closed");
            }
            long ticket = ++lastTicket;
            pending.add(new Pending(body, epochMicros, ticket));
            if (pending.size() == 1) {
                notEmpty.signal();
            }
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the event with this ticket is synced to disk, or the journal fails. */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durableTicket < ticket && failure == null) {
                progressed.awaitUninterruptibly();
            }
            if (durableTicket < ticket) {
                throw new JournalFailed(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks the writer to sync now, and waits until everything queued so far is synced. */
    void syncAll() {
        lock.lock();
        try {
            long target = lastTicket;
            syncRequested = true;
            notEmpty.signal();
            while (durableTicket < target && failure == null) {
                progressed.awaitUninterruptibly();
            }
            if (durableTicket < target) {
                throw new JournalFailed(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the writer takes in one go. */
    record Batch(List<Pending> events, boolean syncRequested, boolean closing) {
    }

    /** Takes everything pending (or at most {@code max}), waiting up to {@code waitNanos} for something. */
    Batch take(int max, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = waitNanos;
            while (pending.isEmpty() && !syncRequested && !closing && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            List<Pending> taken;
            if (pending.size() <= max) {
                taken = pending;
                pending = new ArrayList<>(Math.min(Math.max(16, taken.size()), capacity));
            } else {
                taken = new ArrayList<>(pending.subList(0, max));
                pending.subList(0, max).clear();
            }
            boolean sync = syncRequested;
            syncRequested = false;
            if (!taken.isEmpty()) {
                notFull.signalAll();
            }
            return new Batch(taken, sync, closing && pending.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    void markDurable(long ticket) {
        lock.lock();
        try {
            if (ticket > durableTicket) {
                durableTicket = ticket;
                progressed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signal();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            pending.clear();
            progressed.signalAll();
            notFull.signalAll();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Thrown to callers once the journal has failed. */
    static final class JournalFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalFailed(Throwable cause) {
            super(cause);
        }
    }
}
