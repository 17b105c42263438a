package dev.tradepulse.kafka;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The batches a shipper has sent and Kafka has not yet all acknowledged, in the order they were sent.
 *
 * <p>Each batch ends at a journal position (the seq of its last line, the file and the byte offset after
 * it). {@link #takeAcknowledged()} hands back the end of the longest run of batches, from the oldest on,
 * whose every record was acknowledged: an acknowledgement of a later batch never moves the position past
 * an earlier batch that is still waiting or failed. The window is full once it holds {@code maxBatches}
 * batches or {@code maxBytes} bytes; it always takes one batch when empty.
 *
 * <p>Thread-safe: the shipper thread opens batches and takes positions; the producer's I/O thread
 * completes records through {@link Batch#acknowledge(Exception)}.
 */
final class AckWindow {

    /** A journal position: the last seq acknowledged, and the file and byte offset to read on from. */
    record Position(long seq, int index, long offset) {
    }

    private final int maxBatches;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long bytes;
    private @Nullable Exception failure;

    /**
     * @param maxBatches the most batches in flight, at least 1
     * @param maxBytes the most line bytes in flight, at least 1
     * @throws IllegalArgumentException if either is below 1
     */
    AckWindow(int maxBatches, long maxBytes) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches must be at least 1, was " + maxBatches);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        this.maxBatches = maxBatches;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a batch at the tail; it is acknowledged once {@code records} records were.
     *
     * @param end the position saved once this batch and every earlier one are acknowledged
     * @param records how many records will be acknowledged (0: acknowledged already)
     * @param size the batch's line bytes
     * @param sentAt when the batch was sent
     * @return the batch, to acknowledge its records
     */
    Batch open(Position end, int records, long size, Instant sentAt) {
        Batch b = new Batch(end, records, size, sentAt);
        lock.lock();
        try {
            batches.addLast(b);
            bytes += size;
        } finally {
            lock.unlock();
        }
        return b;
    }

    /** @return true if no further batch may be sent before earlier ones are acknowledged */
    boolean full() {
        lock.lock();
        try {
            return !batches.isEmpty() && (batches.size() >= maxBatches || bytes >= maxBytes);
        } finally {
            lock.unlock();
        }
    }

    /** @return true if no batch is in flight */
    boolean isEmpty() {
        lock.lock();
        try {
            return batches.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** @return the first failure Kafka reported for a batch still in the window, or null */
    @Nullable Exception failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** @return when the oldest batch in flight was sent, or null if none is */
    @Nullable Instant oldestSentAt() {
        lock.lock();
        try {
            Batch head = batches.peekFirst();
            return head == null ? null : head.sentAt;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the acknowledged batches at the head, oldest first, up to the first that is not
     * acknowledged (waiting or failed).
     *
     * @return the end of the last batch removed and the records it and the ones before it held, or null
     *     if the oldest batch is not acknowledged yet
     */
    @Nullable Taken takeAcknowledged() {
        lock.lock();
        try {
            Position end = null;
            long records = 0;
            for (Batch b = batches.peekFirst(); b != null && b.acknowledged(); b = batches.peekFirst()) {
                batches.removeFirst();
                bytes -= b.size;
                end = b.end;
                records += b.records;
            }
            return end == null ? null : new Taken(end, records);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every batch in flight and any failure (their later acknowledgements change nothing). */
    void clear() {
        lock.lock();
        try {
            for (Batch b : batches) {
                b.detached = true;
            }
            batches.clear();
            bytes = 0;
            failure = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a batch completes, {@link #wakeUp()} is called or the time passes.
     *
     * @param nanos the longest wait
     * @throws InterruptedException if the thread is interrupted
     */
    void await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            Batch head = batches.peekFirst();
            if (head != null && !head.acknowledged() && failure == null) {
                changed.await(nanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a thread in {@link #await(long)}. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The end position of the acknowledged batches taken, and how many records they held. */
    record Taken(Position end, long records) {
    }

    /** One batch in flight. Thread-safe (guarded by the window's lock). */
    final class Batch {
        private final Position end;
        private final int records;
        private final long size;
        private final Instant sentAt;
        private int pending;
        private boolean failed;
        private boolean detached;

        private Batch(Position end, int records, long size, Instant sentAt) {
            this.end = end;
            this.records = records;
            this.size = size;
            this.sentAt = sentAt;
            this.pending = records;
        }

        /** Guarded by the window's lock. */
        private boolean acknowledged() {
            return pending == 0 && !failed;
        }

        /**
         * Records that Kafka acknowledged one of this batch's records, or failed it.
         *
         * @param error what Kafka reported, or null if the record was acknowledged
         */
        void acknowledge(@Nullable Exception error) {
            lock.lock();
            try {
                if (detached) {
                    return;
                }
                if (error != null) {
                    failed = true;
                    if (failure == null) {
                        failure = error;
                    }
                } else if (pending > 0) {
                    pending--;
                }
                if (error != null || pending == 0) {
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
