package dev.tradepulse.compliance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Between callers and the writer. Each event gets a ticket, in queue order, under one short
 * lock; the writer swaps out everything pending at once, and publishes how far it has written
 * and synced, so that durable callers wait for exactly the fsync that covers them. (GROUP_COMMIT
 * callers bypass it: they write themselves, see {@link GroupCommit}.)
 */
final class EventQueue {

    /** One event waiting for the writer. */
    record Pending(byte[] body, long epochMicros, long ticket, @Nullable CompletableFuture<Void> done) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final int capacity;
    /**
     * Durable callers wait for the writer, so it is woken by the first event. ASYNC callers do
     * not: the writer polls, and is woken only when a batch's worth is waiting. Waking it for every
     * event (a futex call each time) cost more than the hashing did.
     */
    private final int wakeAt;
    private List<Pending> pending = new ArrayList<>();
    private long lastTicket;
    private volatile long durableTicket;
    /** SYNC_EACH callers waiting for their fsync; each is woken only by the fsync that covers it. */
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(long ticket, Thread thread) {
    }
    /** flush() asks for everything up to this ticket to be synced; stays set until it is. */
    private long syncTarget;
    private boolean closing;
    private volatile @Nullable Throwable failure;
    private volatile long lost;

    EventQueue(int capacity, boolean eagerWake) {
        this.capacity = capacity;
        this.wakeAt = eagerWake ? 1 : Math.min(512, capacity);
    }

    /** Queues an event, waiting while the queue is full; returns its ticket. */
    long add(byte[] body, long epochMicros, @Nullable CompletableFuture<Void> done)
            throws InterruptedException {
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
            pending.add(new Pending(body, epochMicros, ticket, done));
            if (pending.size() == wakeAt) {
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
            if (durableTicket < ticket && failure == null) {
                waiters.add(new Waiter(ticket, Thread.currentThread()));
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (durableTicket < ticket && failure == null) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // the event is queued: finish waiting, then restore the flag
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (durableTicket < ticket) {
            throw new JournalFailed(failure);
        }
    }

    /** Asks the writer to sync now, and waits until everything queued so far is synced. */
    void syncAll() {
        lock.lock();
        try {
            long target = lastTicket;
            syncTarget = Math.max(syncTarget, target);
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
            while (pending.isEmpty() && syncTarget <= durableTicket && !closing && left > 0) {
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
            // Not cleared here: a flush spanning several batches needs a sync after the last of them.
            boolean sync = syncTarget > durableTicket;
            if (!taken.isEmpty()) {
                notFull.signalAll();
            }
            return new Batch(taken, sync, closing && pending.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    void markDurable(long ticket) {
        List<Thread> wake = new ArrayList<>();
        lock.lock();
        try {
            if (ticket > durableTicket) {
                durableTicket = ticket;
                progressed.signalAll();
                for (int i = waiters.size() - 1; i >= 0; i--) {
                    if (waiters.get(i).ticket() <= ticket) {
                        wake.add(waiters.remove(i).thread());
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        wake.forEach(LockSupport::unpark);
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
                // Accepted but not known to be on disk: lost unless the kernel wrote them anyway.
                lost = Math.max(0, lastTicket - durableTicket);
            }
            for (Pending p : pending) {
                if (p.done() != null) {
                    p.done().completeExceptionally(cause);
                }
            }
            pending.clear();
            progressed.signalAll();
            waiters.forEach(w -> LockSupport.unpark(w.thread()));
            waiters.clear();
            notFull.signalAll();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** @return ASYNC events accepted but not known to be synced when the journal failed */
    long lost() {
        return lost;
    }

    int depth() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    @Nullable Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Thrown to callers once the journal has failed. */
    static final class JournalFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalFailed(Throwable cause) {
            super(cause);
        }
    }
}
