package dev.tradepulse.compliance;

/**
 * When a call to the logger returns relative to the event reaching the disk. Each mode is one
 * strategy inside the writer; see {@code docs/compliance-format.md} for what each costs.
 */
public enum Durability {
    /**
     * A background writer batches events; a call returns once the event is queued. Events
     * queued but not yet written are lost if the process dies. When the queue is full, callers
     * wait (events are never dropped while the journal is healthy).
     */
    ASYNC,
    /**
     * A call returns only after an {@code fsync} ({@code FileChannel.force}) covering its event.
     * Concurrent callers share one fsync, so throughput grows with the number of callers.
     */
    GROUP_COMMIT,
    /** Every event gets its own fsync before its call returns. The slowest and simplest. */
    SYNC_EACH
}
