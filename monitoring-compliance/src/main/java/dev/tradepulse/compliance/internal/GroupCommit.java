package dev.tradepulse.compliance.internal;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Leader/follower group commit for {@code GROUP_COMMIT} callers, who have already written their
 * events. A caller whose event is not yet on disk runs the fsync itself if none is running (the
 * leader, covering everything written so far); otherwise it waits, and the fsync after the
 * running one covers it and every caller that arrived meanwhile. No thread hand-off stands
 * between a leader and its fsync.
 */
final class GroupCommit {

    /** Forces the file if {@code target} is not yet durable. */
    interface Force {
        void force(long target) throws IOException;
    }

    private final EventQueue queue;
    private final LongSupplier written;
    private final Force force;
    private final Consumer<Throwable> failClosed;
    /** The highest ticket known to be on disk. */
    private long durable;
    /** Whether a leader is running an fsync now. */
    private boolean syncing;

    GroupCommit(EventQueue queue, LongSupplier written, Force force, Consumer<Throwable> failClosed) {
        this.queue = queue;
        this.written = written;
        this.force = force;
        this.failClosed = failClosed;
    }

    /** Returns once the event with this ticket is on disk; throws if the journal failed first. */
    void commit(long ticket) {
        boolean interrupted = false;
        try {
            synchronized (this) {
                while (durable < ticket) {
                    Throwable failure = queue.failure();
                    if (failure != null) {
                        throw new EventQueue.JournalFailed(failure);
                    }
                    if (!syncing) {
                        syncing = true;
                        break;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the event is written: finish waiting, then restore the flag
                    }
                }
                if (durable >= ticket) {
                    return;
                }
            }
            lead();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lead() {
        long target = written.getAsLong();
        boolean synced = false;
        try {
            force.force(target);
            synced = true;
        } catch (Throwable e) { // I/O, or user code (a signer) that threw an Error
            failClosed.accept(e);
        } finally {
            synchronized (this) {
                if (synced) {
                    durable = Math.max(durable, target);
                }
                syncing = false;
                notifyAll();
            }
        }
        if (!synced) {
            throw new EventQueue.JournalFailed(queue.failure());
        }
    }

    synchronized boolean durableAtLeast(long ticket) {
        return durable >= ticket;
    }

    /** On close, once everything is synced: every waiting and later caller returns. */
    synchronized void releaseAll() {
        durable = Long.MAX_VALUE;
        notifyAll();
    }

    /** On failure: waiting callers look again, and see it. */
    synchronized void wake() {
        notifyAll();
    }
}
