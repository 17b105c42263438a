package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts alerts on lanes, and settles what does not get through: an alert dropped from a full
 * queue, and an alert every sink failed (handed to the fallback lanes). Drops are counted and
 * logged at most once a minute. Thread-safe; never blocks.
 */
final class Handoff {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");

    private final DispatcherMeters meters;
    private final DeliveryHealth health;
    private final List<Lane> fallbackLanes;
    private final Ticker ticker;
    private final LogThrottle dropLog = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle nowhereLog = new LogThrottle(Duration.ofMinutes(1));
    private final AtomicLong droppedSinceLog = new AtomicLong();

    Handoff(DispatcherMeters meters, DeliveryHealth health, List<Lane> fallbackLanes, Ticker ticker) {
        this.meters = meters;
        this.health = health;
        this.fallbackLanes = fallbackLanes;
        this.ticker = ticker;
    }

    /**
     * One shared entry for all the lanes, created by the first lane that takes the alert (a lane
     * that refuses it before then settles nothing); a lane that drops it later settles it as failed.
     */
    void offer(List<Lane> targets, Alert alert, long firedNanos, long firedWall) {
        int n = targets.size();
        SinkQueue.Queued queued = null;
        int refused = 0;
        for (int i = 0; i < n; i++) {
            Lane lane = targets.get(i);
            if (queued == null) {
                queued = lane.queue().offerNew(alert, firedNanos, firedWall, n - refused);
                if (queued == null) {
                    refused++;
                    lane.countDrop(alert.severity());
                    logDrop(lane.name(), alert, firedNanos);
                    continue;
                }
                SinkQueue.Queued evicted = queued.takeEvicted();
                if (evicted != null) {
                    dropped(lane, evicted, firedNanos);
                }
            } else {
                SinkQueue.Queued dropped = lane.queue().offer(queued);
                if (dropped != null) {
                    dropped(lane, dropped, firedNanos);
                }
            }
        }
        if (n > 0 && queued == null) {
            undeliveredOnCaller(alert, firedNanos, firedWall); // every lane refused it
        }
    }

    /**
     * A full queue dropped an alert, on the caller's thread. If it was the alert's last sink, the
     * alert is counted as undelivered; only a CRITICAL one is also handed to the fallback sinks
     * here, because a flood that fills the queues would fill the fallback too, and the caller's
     * thread must not pay for the handoff of every dropped alert.
     */
    private void dropped(Lane lane, SinkQueue.Queued dropped, long now) {
        lane.countDrop(dropped.alert().severity());
        logDrop(lane.name(), dropped.alert(), now);
        if (dropped.settle(false) && !dropped.fallback()) {
            undeliveredOnCaller(dropped.alert(), dropped.firedNanos(), dropped.firedWallMillis());
        }
    }

    private void undeliveredOnCaller(Alert alert, long firedNanos, long firedWall) {
        if (alert.severity() == Severity.CRITICAL) {
            undelivered(alert, firedNanos, firedWall, firedNanos);
        } else {
            meters.undelivered(alert.severity());
            health.undelivered(alert, firedNanos);
        }
    }

    /** Every sink the alert was meant for failed it (told by a worker): count it, and hand it to the fallback sinks. */
    void undelivered(SinkQueue.Queued q) {
        undelivered(q.alert(), q.firedNanos(), q.firedWallMillis(), ticker.nanos());
    }

    private void undelivered(Alert alert, long firedNanos, long firedWall, long now) {
        meters.undelivered(alert.severity());
        health.undelivered(alert, now);
        if (fallbackLanes.isEmpty()) {
            if (nowhereLog.tryAcquire(now)) {
                LOG.error("Alert {} ({}) reached none of its sinks, and no fallback is configured (counted in "
                        + "tradepulse.alerts.undelivered)", LogText.clean(alert.key(), 100), alert.severity());
            }
            return;
        }
        SinkQueue.Queued copy = new SinkQueue.Queued(alert, firedNanos, firedWall, fallbackLanes.size(), true);
        for (Lane lane : fallbackLanes) {
            SinkQueue.Queued dropped = lane.queue().offer(copy);
            if (dropped != null) {
                lane.countDrop(dropped.alert().severity());
                logDrop(lane.name(), dropped.alert(), now);
                dropped.settle(false);
            }
        }
    }

    private void logDrop(String sink, Alert dropped, long now) {
        droppedSinceLog.incrementAndGet();
        if (dropLog.tryAcquire(now)) {
            LOG.warn("Alert queue for sink '{}' is full: dropped {} alerts, least severe first (latest: {} {})",
                    LogText.clean(sink, 100), droppedSinceLog.getAndSet(0), dropped.severity(),
                    LogText.clean(dropped.key(), 100));
        }
    }
}
