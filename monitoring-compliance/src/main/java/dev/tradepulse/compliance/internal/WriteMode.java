package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Durability;
import java.io.IOException;

/**
 * What one {@link Durability} mode decides for the {@link JournalWriter}: who appends a caller's
 * event, when the writer syncs, and how a caller waits for the disk. One implementation per
 * mode ({@link AsyncMode}, {@link SyncEachMode}, {@link GroupCommitMode}), so that the writer's
 * own code does not branch on the mode. Called by the writer thread and by callers, as each
 * method says; implementations are thread-safe where a method says it is called from several
 * threads.
 */
interface WriteMode {

    /**
     * The mode for a durability.
     *
     * @param durability the mode the logger was built with
     * @param writer the writer the mode acts on
     * @param queue the writer's queue
     * @return a new mode
     */
    static WriteMode of(Durability durability, JournalWriter writer, EventQueue queue) {
        return switch (durability) {
            case ASYNC -> new AsyncMode(writer, queue);
            case SYNC_EACH -> new SyncEachMode(writer, queue);
            case GROUP_COMMIT -> new GroupCommitMode(writer, queue);
        };
    }

    /** Whether a caller's call returns only once its event is on disk (every mode but ASYNC). */
    boolean callerWaitsForDisk();

    /** The most events the writer thread takes in one batch. */
    int maxBatch();

    /** How long the writer thread waits for events before it looks at the clock again. */
    long pollNanos();

    /** On the writer thread, before its first batch. */
    default void writerStarted() {
    }

    /**
     * On a caller's thread: takes an event and returns its ticket, queueing it for the writer or
     * appending it directly.
     *
     * @throws InterruptedException if interrupted while the queue is full
     */
    long submit(byte[] body, long epochMicros) throws InterruptedException;

    /**
     * On the writer thread, under the chain lock: the ticket written once the writer has appended
     * a queued event.
     */
    long ticketAfter(EventQueue.Pending appended, long writtenTicket);

    /**
     * On the writer thread, under the chain lock, once a batch is handed to the kernel: syncs if
     * this mode syncs here.
     *
     * @param syncRequested whether {@code flush()} asked for a sync
     * @param checkpointed whether the batch wrote a time-based checkpoint
     * @param durableWaiting whether a {@code recordDurably} event in the batch waits for the disk
     */
    void batchWritten(boolean syncRequested, boolean checkpointed, boolean durableWaiting) throws IOException;

    /**
     * On the writer thread, outside the chain lock: makes the batch up to {@code target} durable
     * before its {@code recordDurably} stages complete, if {@link #batchWritten} did not.
     */
    default void commitBatch(long target) {
    }

    /** On a caller's thread: returns once the event with this ticket is on disk. */
    void awaitDurable(long ticket);

    /** On a caller's thread: returns once everything submitted so far is on disk. */
    void syncAll();

    /** On the writing thread, after {@code bytes} were handed to the kernel. */
    default void flushed(int bytes) {
    }

    /** On close, under the channel lock, once the file is synced: every waiting caller returns. */
    default void closedDurably() {
    }

    /** Once the journal has failed: waiting callers look again, and see it. */
    default void failed() {
    }

    /** Stops what the mode runs of its own (a background sync); idempotent. */
    default void stop() {
    }
}
