package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Inhibition;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.alerts.Silence;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.support.LogText;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link AlertDispatcher}. */
final class DefaultAlertDispatcher implements AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    /** How long close waits for an interrupted worker before counting what it holds itself. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long fallback sinks may take, past the deadline, for what the routed sinks abandoned at close. */
    private static final long FALLBACK_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One sink with its queue, worker, thread and drop counters (by severity, looked up once). */
    private record Lane(AlertSink sink, SinkQueue queue, SinkWorker worker, Thread thread, Counter[] dropped) {
        void countDrop(Severity severity) {
            dropped[severity.ordinal()].increment();
        }
    }

    private record Firing(Alert alert, long wallMillis) {
    }

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Lane> fallbackLanes = new ArrayList<>();
    private final List<Route> routes;
    private final List<String> defaultSinks;
    private final long repeatNanos;
    private final Clock clock;
    private final DispatcherMeters meters;
    private final DispatcherConfig config;
    /** Key to when it was last sent, for the repeat interval. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    /** Key to the firing alert (its most severe, latest form) and when it first fired, for resolve. */
    private final Map<String, Firing> firing = new ConcurrentHashMap<>();
    /** Every lane, or the default sinks' lanes: routing's answer when there are no routes. */
    private final List<Lane> defaultLanes;
    private final List<Inhibition> inhibitions;
    /** Null when no tiers are configured. */
    private final @Nullable Escalations escalations;
    private final List<Silence> silences = new CopyOnWriteArrayList<>();
    private final Map<Set<String>, List<Lane>> routed = new ConcurrentHashMap<>();
    private final dev.tradepulse.api.support.LogThrottle dropLog =
            new dev.tradepulse.api.support.LogThrottle(Duration.ofMinutes(1));
    private final dev.tradepulse.api.support.LogThrottle nowhereLog =
            new dev.tradepulse.api.support.LogThrottle(Duration.ofMinutes(1));
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final DeliveryHealth health;
    private volatile boolean closed;
    /** Above this many keys, keys idle for a repeat interval are forgotten, so distinct keys cannot leak memory. */
    static final int MAX_KEYS = 50_000;
    private final AtomicBoolean purging = new AtomicBoolean();

    DefaultAlertDispatcher(DispatcherConfig config) {
        this.config = config;
        this.inhibitions = List.copyOf(config.inhibitions());
        this.clock = config.clock();
        this.escalations = config.tiers().isEmpty() ? null : new Escalations(config.tiers(), clock, this::deliverTo);
        this.routes = List.copyOf(config.routes());
        this.defaultSinks = List.copyOf(config.defaultSinks());
        this.repeatNanos = config.repeat().toNanos();
        this.meters = config.meters();
        this.health = new DeliveryHealth(clock, meters, config.fallbacks().stream().map(AlertSink::name).toList());
        WorkerSettings settings = new WorkerSettings(clock, config.waiter(), meters, config.maxAttempts(),
                config.intervals(), config.groupWait(), config.groupInterval(), config.maxRetryAfter(),
                config.maxCriticalRetryAfter(), config.breakers(), this::undelivered);
        for (AlertSink sink : config.sinks()) {
            lanes.put(sink.name(), lane(sink, settings));
        }
        for (AlertSink sink : config.fallbacks()) {
            fallbackLanes.add(lane(sink, settings));
        }
        this.defaultLanes = this.defaultSinks.stream().map(lanes::get).toList();
        lanes.values().forEach(l -> l.thread().start());
        fallbackLanes.forEach(l -> l.thread().start());
    }

    private Lane lane(AlertSink sink, WorkerSettings settings) {
        SinkQueue queue = new SinkQueue(config.capacity());
        SinkWorker worker = new SinkWorker(sink, queue, settings);
        Thread thread = new Thread(worker, "tradepulse-alerts-" + sink.name());
        thread.setDaemon(true);
        meters.sinkGauges(sink.name(), queue, worker);
        return new Lane(sink, queue, worker, thread, meters.droppedCounters(sink.name()));
    }

    /**
     * Queues an alert. A key fired again within the repeat interval is a new notification only if
     * it is more severe than before; otherwise it updates what {@link #activeAlerts()} shows (for the
     * same severity) and is counted as deduplicated.
     */
    @Override
    public void fire(Alert alert) {
        try {
            if (alert == null || closed) {
                meters.rejected();
                return;
            }
            meters.fired(alert.severity());
            long now = clock.monotonicTime();
            // About one call in 1,024 looks at the key count: a thread-local draw, not a shared counter.
            if ((ThreadLocalRandom.current().nextInt() & 1023) == 0 && lastSent.size() > MAX_KEYS) {
                purge(now);
            }
            String key = alert.key();
            Long boxedNow = now; // boxed once for both map calls
            Long previous = lastSent.putIfAbsent(key, boxedNow);
            Firing before = null;
            if (previous != null) {
                boolean due = now - previous >= repeatNanos;
                if (!due) {
                    Firing f = firing.get(key);
                    if (f == null || alert.severity().compareTo(f.alert().severity()) >= 0) {
                        meters.deduplicated(alert.severity());
                        if (f != null && f.alert() != alert && alert.severity() == f.alert().severity()) {
                            firing.replace(key, f, new Firing(alert, f.wallMillis())); // the latest text, same severity
                        }
                        return;
                    }
                    before = f; // more severe than what was sent: a new notification
                }
                if (!lastSent.replace(key, previous, boxedNow)) {
                    meters.deduplicated(alert.severity()); // another thread sent it just now
                    return;
                }
            }
            long wall = clock.wallTime();
            firing.put(key, new Firing(alert, before != null ? before.wallMillis() : wall));
            if (muted(alert, wall)) {
                meters.silenced(alert.severity());
                lastSent.remove(key, boxedNow); // once the silence ends, the next fire goes out
                return;
            }
            enqueue(alert, now, before != null ? before.wallMillis() : wall, false);
            if (escalations != null && alert.severity() == Severity.CRITICAL) {
                escalations.watch(alert, now, wall);
            }
        } catch (RuntimeException e) {
            LOG.warn("Alert dispatch failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    /** Sends an escalated alert straight to a tier's sinks, past routing and dedup. */
    private void deliverTo(List<String> sinks, Alert alert, long firedWall) {
        List<Lane> tier = sinks.stream().map(lanes::get).toList();
        offer(tier, alert, clock.monotonicTime(), firedWall);
    }

    @Override
    public Map<String, Optional<String>> sendTestAlert(Duration timeout) {
        dev.tradepulse.api.support.Checks.positive(timeout, "timeout");
        if (closed) {
            throw new IllegalStateException("the alert dispatcher is closed");
        }
        List<AlertSink> sinks = new ArrayList<>();
        lanes.values().forEach(l -> sinks.add(l.sink()));
        fallbackLanes.forEach(l -> sinks.add(l.sink()));
        return TestAlerts.send(sinks, timeout, clock.wallTime());
    }

    @Override
    public void acknowledge(String key) {
        if (key != null && escalations != null) {
            escalations.stop(key);
        }
    }

    /** Silenced now, or inhibited by another firing alert. Cheap when neither is configured. */
    private boolean muted(Alert alert, long wallMillis) {
        if (!silences.isEmpty()) {
            Instant now = Instant.ofEpochMilli(wallMillis);
            silences.removeIf(s -> !now.isBefore(s.until()));
            for (Silence s : silences) {
                if (s.mutes(alert, now)) {
                    return true;
                }
            }
        }
        if (!inhibitions.isEmpty()) {
            for (Firing f : firing.values()) {
                for (Inhibition rule : inhibitions) {
                    if (rule.mutes(f.alert(), alert)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void silence(Silence silence) {
        silences.add(dev.tradepulse.api.support.Checks.notNull(silence, "silence"));
    }

    /** Forgets keys not fired for a repeat interval; resolving one of them later sends nothing. */
    private void purge(long now) {
        if (!purging.compareAndSet(false, true)) {
            return;
        }
        try {
            lastSent.entrySet().removeIf(e -> {
                boolean idle = now - e.getValue() >= repeatNanos;
                if (idle) {
                    firing.remove(e.getKey());
                }
                return idle;
            });
        } finally {
            purging.set(false);
        }
    }

    int trackedKeys() {
        return lastSent.size();
    }

    @Override
    public List<Alert> activeAlerts() {
        return firing.values().stream()
                .sorted(Comparator.comparing((Firing f) -> f.alert().severity()).thenComparingLong(Firing::wallMillis))
                .map(f -> f.alert().startingAt(Instant.ofEpochMilli(f.wallMillis())))
                .toList();
    }

    @Override
    public void resolve(String key) {
        try {
            if (key == null || closed) {
                meters.rejected();
                return;
            }
            Firing was = firing.remove(key);
            if (was == null) {
                return;
            }
            lastSent.remove(key);
            if (escalations != null) {
                escalations.stop(key);
            }
            long wall = clock.wallTime();
            Alert resolved = was.alert().startingAt(Instant.ofEpochMilli(was.wallMillis())).resolved(Instant.ofEpochMilli(wall));
            enqueue(resolved, clock.monotonicTime(), wall, true);
        } catch (RuntimeException e) {
            LOG.warn("Alert resolve failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    private void enqueue(Alert alert, long firedNanos, long firedWall, boolean resolving) {
        List<Lane> targets = lanesFor(alert);
        if (resolving) {
            targets = targets.stream().filter(l -> l.sink().sendsResolved()).toList();
        }
        offer(targets, alert, firedNanos, firedWall);
    }

    /**
     * One shared entry for all the lanes, created by the first lane that takes the alert (a lane
     * that refuses it before then settles nothing); a lane that drops it later settles it as failed.
     */
    private void offer(List<Lane> targets, Alert alert, long firedNanos, long firedWall) {
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
                    logDrop(lane.sink().name(), alert, firedNanos);
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
        logDrop(lane.sink().name(), dropped.alert(), now);
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
    private void undelivered(SinkQueue.Queued q) {
        undelivered(q.alert(), q.firedNanos(), q.firedWallMillis(), clock.monotonicTime());
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
                logDrop(lane.sink().name(), dropped.alert(), now);
                dropped.settle(false);
            }
        }
    }

    /** Routes resolve to lanes once per distinct set of matching routes. */
    private List<Lane> lanesFor(Alert alert) {
        if (routes.isEmpty()) {
            return defaultLanes;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(alert)) {
                names.addAll(route.sinks());
            }
        }
        if (names.isEmpty()) {
            names.addAll(defaultSinks);
        }
        return routed.computeIfAbsent(names, n -> {
            List<Lane> list = new ArrayList<>();
            n.forEach(name -> list.add(lanes.get(name)));
            return List.copyOf(list);
        });
    }

    private void logDrop(String sink, Alert dropped, long now) {
        droppedSinceLog.incrementAndGet();
        if (dropLog.tryAcquire(now)) {
            LOG.warn("Alert queue for sink '{}' is full: dropped {} alerts, least severe first (latest: {} {})", sink,
                    droppedSinceLog.getAndSet(0), dropped.severity(), LogText.clean(dropped.key(), 100));
        }
    }

    @Override
    public Map<String, HealthCheck> sinkHealthChecks() {
        Map<String, HealthCheck> out = new LinkedHashMap<>();
        lanes.forEach((name, lane) -> out.put("alerts.sink." + name, DeliveryHealth.sink(lane.worker())));
        fallbackLanes.forEach(lane -> out.put("alerts.sink." + lane.sink().name(), DeliveryHealth.sink(lane.worker())));
        out.put("alerts.delivery", health.overall());
        return out;
    }

    @Override
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return config.breakers();
    }

    /**
     * Delivers what is queued within the deadline, then counts whatever is still held as failed
     * (handing it to the fallback sinks, which get up to a second more) and logs it. Returns only
     * once every counter is final; a second call waits for the first.
     */
    @Override
    public synchronized void close(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline must not be null");
        if (closed) {
            return;
        }
        closed = true;
        if (escalations != null) {
            escalations.close();
        }
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());
        stop(lanes.values(), end);
        stop(fallbackLanes, Math.max(end, System.nanoTime() + FALLBACK_CLOSE_NANOS));
        for (Lane lane : all()) {
            try {
                lane.sink().close();
            } catch (Throwable e) { // user code
                LOG.warn("Closing alert sink '{}' failed: {}", lane.sink().name(), LogText.clean(e.toString(), 300));
            }
        }
    }

    /** Stops lanes by {@code endNanos} ({@link System#nanoTime()}); afterwards their counters no longer move. */
    private void stop(Collection<Lane> stopping, long endNanos) {
        long monotonicEnd = clock.monotonicTime() + Math.max(0, endNanos - System.nanoTime());
        stopping.forEach(l -> {
            l.worker().deadline(monotonicEnd);
            l.queue().close();
        });
        for (Lane lane : stopping) {
            if (!join(lane.thread(), endNanos)) {
                break;
            }
        }
        config.closing().countDown(); // wake workers still waiting out a backoff or rate limit
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
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Lane> all() {
        List<Lane> all = new ArrayList<>(lanes.values());
        all.addAll(fallbackLanes);
        return all;
    }

    @Override
    public String toString() {
        return "AlertDispatcher" + lanes.keySet();
    }
}
