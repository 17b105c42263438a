package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dispatcher's lanes, routed and fallback: created and started together (and stopped again if
 * a start fails), and stopped by a deadline at close. Built on one thread; read by any after.
 */
final class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    /** How long close waits for an interrupted worker before counting what it holds itself. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long fallback sinks may take, past the deadline, for what the routed sinks abandoned at close. */
    static final long FALLBACK_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Lane> routed = new LinkedHashMap<>();
    /** Filled after the {@link Handoff} that reads it is created. */
    private final List<Lane> fallbacks = new ArrayList<>();
    private final CountDownLatch closing;
    private final Ticker ticker;
    private final int capacity;

    Lanes(CountDownLatch closing, Ticker ticker, int capacity) {
        this.closing = closing;
        this.ticker = ticker;
        this.capacity = capacity;
    }

    void addRouted(AlertSink sink, WorkerSettings settings) {
        routed.put(sink.name(), lane(sink, settings));
    }

    void addFallback(AlertSink sink, WorkerSettings settings) {
        fallbacks.add(lane(sink, settings));
    }

    private Lane lane(AlertSink sink, WorkerSettings settings) {
        SinkQueue queue = new SinkQueue(capacity);
        SinkWorker worker = new SinkWorker(sink, queue, settings);
        Thread thread = Threads.daemon("alerts-" + sink.name()).newThread(worker);
        settings.meters().sinkGauges(sink.name(), queue, worker);
        return new Lane(sink, queue, worker, thread, settings.meters().droppedCounters(sink.name()));
    }

    Map<String, Lane> routed() {
        return routed;
    }

    /** The fallback lanes; the list that {@link Handoff} reads. */
    List<Lane> fallbacks() {
        return fallbacks;
    }

    List<Lane> all() {
        List<Lane> all = new ArrayList<>(routed.values());
        all.addAll(fallbacks);
        return all;
    }

    /**
     * Starts every worker. If one cannot start, stops those already started (within a second)
     * and rethrows.
     */
    void start() {
        List<Lane> started = new ArrayList<>();
        try {
            for (Lane lane : all()) {
                lane.thread().start();
                started.add(lane);
            }
        } catch (RuntimeException | Error e) {
            stop(started, System.nanoTime());
            throw e;
        }
    }

    /**
     * Stops the routed lanes by {@code endNanos} ({@link System#nanoTime()}), then the fallback
     * lanes up to a second later, then closes every sink. Afterwards no counter moves.
     */
    void close(long endNanos) {
        stop(routed.values(), endNanos);
        stop(fallbacks, Math.max(endNanos, System.nanoTime() + FALLBACK_CLOSE_NANOS));
        for (Lane lane : all()) {
            try {
                lane.sink().close();
            } catch (Throwable e) { // user code
                LOG.warn("Closing alert sink '{}' failed: {}", LogText.clean(lane.name(), 100),
                        LogText.clean(e.toString(), 300));
            }
        }
    }

    private void stop(Collection<Lane> stopping, long endNanos) {
        long monotonicEnd = ticker.nanos() + Math.max(0, endNanos - System.nanoTime());
        stopping.forEach(l -> {
            l.worker().deadline(monotonicEnd);
            l.queue().close();
        });
        for (Lane lane : stopping) {
            if (!join(lane.thread(), endNanos)) {
                break;
            }
        }
        closing.countDown(); // wake workers still waiting out a backoff or rate limit
        stopping.forEach(l -> l.thread().interrupt());
        long grace = System.nanoTime() + STOP_GRACE_NANOS;
        for (Lane lane : stopping) {
            join(lane.thread(), grace);
            lane.worker().abandon("still delivering when the close deadline passed"); // no-op if it stopped
        }
    }

    /** Joins until {@code endNanos}; false if this thread was interrupted. */
    private static boolean join(Thread thread, long endNanos) {
        try {
            long left = endNanos - System.nanoTime();
            if (left > 0 && thread.isAlive()) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
