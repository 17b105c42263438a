package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Durability;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link Durability#ASYNC}: callers queue and return; the writer batches, syncs when asked
 * ({@code flush()}, a checkpoint, a {@code recordDurably} event), and a {@link BackgroundSync}
 * syncs after every mebibyte written so that the page cache never holds much unsynced.
 */
final class AsyncMode implements WriteMode {

    /** How much is written between background syncs. */
    private static final long TRICKLE_BYTES = 1024L * 1024;
    /** Producers do not wake the writer for each event, so it polls this often. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final JournalWriter writer;
    private final EventQueue queue;
    /** Set on the writer thread while it runs; read by whichever thread flushes (always the writer). */
    private @Nullable BackgroundSync trickle;
    private long sinceTrickle;
    /** How far the writer has handed bytes to the kernel; the trickle's sync makes that durable. */
    private volatile long flushedTicket;

    AsyncMode(JournalWriter writer, EventQueue queue) {
        this.writer = writer;
        this.queue = queue;
    }

    @Override
    public boolean callerWaitsForDisk() {
        return false;
    }

    @Override
    public int maxBatch() {
        return JournalWriter.MAX_BATCH;
    }

    @Override
    public long pollNanos() {
        return POLL_NANOS;
    }

    @Override
    public void writerStarted() {
        trickle = new BackgroundSync(() -> writer.syncFromBackground(flushedTicket)).start();
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
        flushedTicket = writer.writtenTicket();
        if (syncRequested || checkpointed || durableWaiting) {
            writer.syncNow();
        }
    }

    @Override
    public void awaitDurable(long ticket) {
        queue.awaitDurable(ticket);
    }

    @Override
    public void syncAll() {
        queue.syncAll();
    }

    @Override
    public void flushed(int bytes) {
        if (trickle != null && (sinceTrickle += bytes) >= TRICKLE_BYTES) {
            sinceTrickle = 0;
            trickle.request();
        }
    }

    @Override
    public void stop() {
        BackgroundSync t = trickle;
        if (t != null) {
            try {
                t.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
