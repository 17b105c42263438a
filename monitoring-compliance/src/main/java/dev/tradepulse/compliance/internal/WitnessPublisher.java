package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.api.support.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands checkpoint heads to the witnesses, each on a thread of its own, so that a slow, dead or
 * hung witness holds up neither the writer nor the other witnesses. Only the newest head waits
 * per witness: a witness needs the latest, not every one.
 */
final class WitnessPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    /** How long open waits for the witnesses' latest heads. */
    private static final long READ_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final WitnessPublisher NONE = new WitnessPublisher(List.of());
    private static final ThreadFactory LANES = Threads.daemon("audit-witness");
    private static final ThreadFactory READERS = Threads.daemon("audit-witness-read");

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    WitnessPublisher(List<Witness> witnesses) {
        for (Witness w : witnesses) {
            lanes.add(new Lane(w));
        }
    }

    void start() {
        lanes.forEach(Lane::start);
    }

    /** Replaces whatever head is waiting, for every witness; never blocks. */
    void offer(WitnessedHead head) {
        for (Lane lane : lanes) {
            lane.offer(head);
        }
    }

    /** Waits, up to the deadline in all, until every witness has taken the newest head offered so far. */
    boolean awaitPublished(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean all = true;
        for (Lane lane : lanes) {
            all &= lane.awaitIdle(deadline);
        }
        return all;
    }

    void stop() {
        lanes.forEach(Lane::stop);
    }

    long failures() {
        return failures.get();
    }

    /** The highest head any witness has taken, or null. */
    @Nullable WitnessedHead lastPublished() {
        WitnessedHead best = null;
        for (Lane lane : lanes) {
            WitnessedHead h = lane.lastPublished();
            if (h != null && (best == null || h.coversSeq() > best.coversSeq())) {
                best = h;
            }
        }
        return best;
    }

    /**
     * At open: what each readable witness holds beyond where the journal now ends. A journal
     * behind its witness was cut back while the writer was down. Each witness is asked on its
     * own thread and given 2 s in all; one that does not answer counts as a failure, not a cut.
     */
    List<String> ahead(long journalSeq) {
        List<CompletableFuture<Optional<WitnessedHead>>> asked = new ArrayList<>();
        for (Lane lane : lanes) {
            CompletableFuture<Optional<WitnessedHead>> f = new CompletableFuture<>();
            READERS.newThread(() -> {
                try {
                    f.complete(lane.witness.latest());
                } catch (Throwable e) { // a witness is user code or a peer
                    f.completeExceptionally(e);
                }
            }).start();
            asked.add(f);
        }
        long deadline = System.nanoTime() + READ_TIMEOUT_NANOS;
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Witness w = lanes.get(i).witness;
            try {
                Optional<WitnessedHead> latest = asked.get(i)
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (latest.isPresent() && latest.get().coversSeq() > journalSeq) {
                    found.add(w + " recorded seq " + latest.get().coversSeq() + " at " + latest.get().at());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            } catch (Throwable e) {
                failed(w, e instanceof ExecutionException && e.getCause() != null
                        ? e.getCause() : e);
            }
        }
        return found;
    }

    private void failed(Witness w, Throwable t) {
        long n = failures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            LOG.warn("Audit witness {} failed: {} ({} failures so far); the next checkpoint will try again",
                    w, LogLine.describe(t), n);
        }
    }

    /** One witness: its thread, and the one head waiting for it. */
    private final class Lane {
        final Witness witness;
        private WitnessedHead pending;
        private WitnessedHead lastPublished;
        private boolean busy;
        private boolean stopped;
        private Thread thread;

        Lane(Witness witness) {
            this.witness = witness;
        }

        synchronized void start() {
            if (thread == null) {
                thread = LANES.newThread(this::run);
                thread.start();
            }
        }

        synchronized void offer(WitnessedHead head) {
            if (!stopped) {
                pending = head;
                notifyAll();
            }
        }

        synchronized boolean awaitIdle(long deadline) {
            boolean interrupted = false;
            try {
                while ((pending != null || busy) && thread != null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized void stop() {
            stopped = true;
            pending = null;
            notifyAll();
        }

        synchronized WitnessedHead lastPublished() {
            return lastPublished;
        }

        private void run() {
            while (true) {
                WitnessedHead head;
                synchronized (this) {
                    while (pending == null && !stopped) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    head = pending;
                    pending = null;
                    busy = true;
                }
                boolean ok = false;
                try {
                    witness.publish(head);
                    ok = true;
                } catch (Throwable t) { // a witness is user code or a peer: nothing it throws stops the journal
                    failed(witness, t);
                }
                synchronized (this) {
                    busy = false;
                    if (ok) {
                        lastPublished = head;
                    }
                    notifyAll();
                }
            }
        }
    }
}
