package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Durability;
import java.io.IOException;

/**
 * {@link Durability#GROUP_COMMIT}: each caller appends its own event under the chain lock, then
 * leads or follows an fsync ({@link GroupCommit}). The writer thread only writes
 * {@code recordDurably} events, checkpoints on time and closes; a time-based checkpoint rides on
 * the next caller's fsync, or on close.
 */
final class GroupCommitMode implements WriteMode {

    private final JournalWriter writer;
    private final GroupCommit commits;

    GroupCommitMode(JournalWriter writer, EventQueue queue) {
        this.writer = writer;
        this.commits = new GroupCommit(queue, writer::writtenSoFar, this::forceUnlessDurable, writer::failClosed);
    }

    @Override
    public boolean callerWaitsForDisk() {
        return true;
    }

    @Override
    public int maxBatch() {
        return JournalWriter.MAX_BATCH;
    }

    @Override
    public long pollNanos() {
        return JournalWriter.IDENTITY_CHECK_NANOS;
    }

    @Override
    public long submit(byte[] body, long epochMicros) {
        return writer.appendForCaller(body, epochMicros);
    }

    /** Queued events join the count of the callers' own. */
    @Override
    public long ticketAfter(EventQueue.Pending appended, long writtenTicket) {
        return writtenTicket + 1;
    }

    @Override
    public void batchWritten(boolean syncRequested, boolean checkpointed, boolean durableWaiting) {
        // committed in commitBatch, outside the chain lock, as a caller would
    }

    @Override
    public void commitBatch(long target) {
        commits.commit(target);
    }

    @Override
    public void awaitDurable(long ticket) {
        commits.commit(ticket);
    }

    @Override
    public void syncAll() {
        commits.commit(writer.writtenSoFar());
    }

    @Override
    public void closedDurably() {
        commits.releaseAll();
    }

    @Override
    public void failed() {
        commits.wake();
    }

    /** Forces the file unless a close already has (and closed it) since the target was read. */
    private void forceUnlessDurable(long target) throws IOException {
        writer.forceUnless(() -> commits.durableAtLeast(target));
    }
}
