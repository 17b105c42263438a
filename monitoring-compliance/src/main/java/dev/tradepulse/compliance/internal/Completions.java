package dev.tradepulse.compliance.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Completes durable events' futures on a thread of their own: what a caller chains onto them
 * must never run on, or stall, the journal's writer.
 */
final class Completions {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tradepulse-audit-completions");
        t.setDaemon(true);
        return t;
    });

    void complete(List<CompletableFuture<Void>> done) {
        THREAD.execute(() -> {
            for (CompletableFuture<Void> f : done) {
                try {
                    f.complete(null);
                } catch (Throwable t) { // a dependent action threw: it is the caller's, not ours
                    // nothing to do: CompletableFuture already records it in the dependent stage
                }
            }
        });
    }
}
