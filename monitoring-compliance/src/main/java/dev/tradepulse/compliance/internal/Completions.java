package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.support.Threads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes durable events' futures on a thread of their own: what a caller chains onto them
 * must never run on, or stall, the journal's writer. One per journal; its thread starts with the
 * first completion and ends, once the queued completions have run, after {@link #shutdown()}.
 */
final class Completions {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(Threads.daemon("audit-completions"));

    /** On the writer thread: completes these futures, in order, on the completion thread. */
    void complete(List<CompletableFuture<Void>> done) {
        try {
            thread.execute(() -> completeAll(done));
        } catch (RejectedExecutionException shutDown) {
            completeAll(done); // not reached: the writer shuts this down only once it has stopped
        }
    }

    private static void completeAll(List<CompletableFuture<Void>> done) {
        for (CompletableFuture<Void> f : done) {
            try {
                f.complete(null);
            } catch (Throwable t) { // a dependent action threw: it is the caller's, not ours
                // nothing to do: CompletableFuture already records it in the dependent stage
            }
        }
    }

    /** Once the writer has stopped: runs what is queued, then lets the thread end. */
    void shutdown() {
        thread.shutdown();
    }
}
