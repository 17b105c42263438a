package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.witness.Witness;
import dev.tradepulse.compliance.witness.WitnessedHead;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands checkpoint heads to the witnesses on a thread of its own, so that a slow or dead witness
 * never holds up the writer. Only the newest head waits: a witness needs the latest, not every one.
 */
final class WitnessPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    static final WitnessPublisher NONE = new WitnessPublisher(List.of());

    private final List<Witness> witnesses;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private WitnessedHead pending;
    private WitnessedHead lastPublished;
    private boolean busy;
    private boolean stopped;
    private long lastLog = System.nanoTime() - LOG_INTERVAL_NANOS;
    private Thread thread;

    WitnessPublisher(List<Witness> witnesses) {
        this.witnesses = List.copyOf(witnesses);
    }

    synchronized void start() {
        if (witnesses.isEmpty() || thread != null) {
            return;
        }
        thread = new Thread(this::run, "tradepulse-audit-witness");
        thread.setDaemon(true);
        thread.start();
    }

    /** Replaces whatever head is waiting; never blocks. */
    synchronized void offer(WitnessedHead head) {
        if (witnesses.isEmpty() || stopped) {
            return;
        }
        pending = head;
        notifyAll();
    }

    /** Waits, up to the deadline, until the newest head offered so far has been handed to every witness. */
    synchronized boolean awaitPublished(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while ((pending != null || busy) && thread != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
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

    /**
     * At open: what each readable witness holds beyond where the journal now ends. A journal
     * behind its witness was cut back while the writer was down.
     */
    java.util.List<String> ahead(long journalSeq) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (Witness w : witnesses) {
            try {
                java.util.Optional<WitnessedHead> latest = w.latest();
                if (latest.isPresent() && latest.get().coversSeq() > journalSeq) {
                    found.add(w + " recorded seq " + latest.get().coversSeq() + " at " + latest.get().at());
                }
            } catch (Throwable t) { // a witness is user code or a peer
                failed(w, t);
            }
        }
        return found;
    }

    long published() {
        return published.get();
    }

    long failures() {
        return failures.get();
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
            boolean all = true;
            for (Witness w : witnesses) {
                try {
                    w.publish(head);
                } catch (Throwable t) { // a witness is user code or a peer: nothing it throws stops the journal
                    all = false;
                    failed(w, t);
                }
            }
            synchronized (this) {
                busy = false;
                if (all) {
                    published.incrementAndGet();
                    lastPublished = head;
                }
                notifyAll();
            }
        }
    }

    private void failed(Witness w, Throwable t) {
        long n = failures.incrementAndGet();
        long now = System.nanoTime();
        boolean log;
        synchronized (this) {
            log = now - lastLog >= LOG_INTERVAL_NANOS;
            if (log) {
                lastLog = now;
            }
        }
        if (log) {
            LOG.warn("Audit witness {} failed: {} ({} failures so far); the next checkpoint will try again",
                    w, LogLine.describe(t), n);
        }
    }
}
