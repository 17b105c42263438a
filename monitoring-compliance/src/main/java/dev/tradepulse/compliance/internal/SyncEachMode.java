package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Durability;
import java.io.IOException;

/** {@link Durability#SYNC_EACH}: the writer thread takes one event at a time and syncs after each. */
final class SyncEachMode implements WriteMode {

    private final JournalWriter writer;
    private final EventQueue queue;

    SyncEachMode(JournalWriter writer, EventQueue queue) {
        this.writer = writer;
        this.queue = queue;
    }

    @Override
    public boolean callerWaitsForDisk() {
        return true;
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public long pollNanos() {
        return JournalWriter.IDENTITY_CHECK_NANOS;
    }

    @Override
    public long submit(byte[] body, long epochMicros) throws InterruptedException {
        return queue.add(body, epochMicros, null);
    }

    @Override
    public long ticketAfter(EventQueue.Pending appended, long writtenTicket) {
        return appended.ticket();
    }

    @Override
    public void batchWritten(boolean syncRequested, boolean checkpointed, boolean durableWaiting) throws IOException {
        writer.syncNow();
    }

    @Override
    public void awaitDurable(long ticket) {
        queue.awaitDurable(ticket);
    }

    @Override
    public void syncAll() {
        queue.syncAll();
    }
}
