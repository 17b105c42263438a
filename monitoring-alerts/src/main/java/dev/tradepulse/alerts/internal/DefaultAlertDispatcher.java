package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSink;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.core.internal.Checks;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link AlertDispatcher}. */
final class DefaultAlertDispatcher implements AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");

    /** One sink with its queue, worker and thread. */
    private record Lane(AlertSink sink, SinkQueue queue, SinkWorker worker, Thread thread) {
    }

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Route> routes;
    private final List<String> defaultSinks;
    private final long repeatNanos;
    private final Clock clock;
    private final DispatcherMeters meters;
    private final CountDownLatch closing;
    /** Key to when it was last sent, for the repeat interval. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    /** Key to the firing alert and when it fired, for resolve. */
    private final Map<String, Firing> firing = new ConcurrentHashMap<>();
    /** Every lane, or the default sinks' lanes: routing's answer when there are no routes. */
    private final List<Lane> defaultLanes;
    private final List<dev.tradepulse.alerts.Inhibition> inhibitions;
    /** Null when no tiers are configured. */
    private final Escalations escalations;
    private final List<dev.tradepulse.alerts.Silence> silences = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Firing(Alert alert, long wallMillis) {
    }
    private final Map<Set<String>, List<Lane>> routed = new ConcurrentHashMap<>();
    private final dev.tradepulse.core.internal.LogThrottle dropLog =
            new dev.tradepulse.core.internal.LogThrottle(java.time.Duration.ofMinutes(1));
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private volatile boolean closed;
    /** Above this many keys, keys idle for a repeat interval are forgotten, so distinct keys cannot leak memory. */
    static final int MAX_KEYS = 50_000;
    private final AtomicLong fires = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean();

    DefaultAlertDispatcher(List<AlertSink> sinks, List<Route> routes, List<String> defaultSinks, Duration repeat,
            int capacity, int maxAttempts, Duration backoff, Duration groupWait, Duration groupInterval, Clock clock, Waiter waiter, DispatcherMeters meters,
            CountDownLatch closing, List<dev.tradepulse.alerts.Inhibition> inhibitions, List<Escalations.Tier> tiers) {
        this.inhibitions = List.copyOf(inhibitions);
        this.escalations = tiers.isEmpty() ? null : new Escalations(tiers, clock, this::deliverTo);
        this.routes = List.copyOf(routes);
        this.defaultSinks = List.copyOf(defaultSinks);
        this.repeatNanos = repeat.toNanos();
        this.clock = clock;
        this.meters = meters;
        this.closing = closing;
        for (AlertSink sink : sinks) {
            SinkQueue queue = new SinkQueue(capacity);
            SinkWorker worker = new SinkWorker(sink, queue, clock, waiter, meters, maxAttempts, backoff, groupWait,
                    groupInterval);
            Thread thread = new Thread(worker, "tradepulse-alerts-" + sink.name());
            thread.setDaemon(true);
            lanes.put(sink.name(), new Lane(sink, queue, worker, thread));
        }
        this.defaultLanes = this.defaultSinks.stream().map(lanes::get).toList();
        lanes.values().forEach(l -> l.thread().start());
    }

    @Override
    public void fire(Alert alert) {
        try {
            if (alert == null || closed) {
                meters.rejected();
                return;
            }
            meters.fired(alert.severity());
            long now = clock.monotonicTime();
            if ((fires.incrementAndGet() & 1023) == 0 && lastSent.size() > MAX_KEYS) {
                purge(now);
            }
            Long previous = lastSent.putIfAbsent(alert.key(), now);
            if (previous != null) {
                if (now - previous < repeatNanos || !lastSent.replace(alert.key(), previous, now)) {
                    meters.deduplicated(alert.severity());
                    return;
                }
            }
            long wall = clock.wallTime();
            firing.put(alert.key(), new Firing(alert, wall));
            if (muted(alert, wall)) {
                meters.silenced(alert.severity());
                lastSent.remove(alert.key(), now); // once the silence ends, the next fire goes out
                return;
            }
            enqueue(alert, now, wall, false);
            if (escalations != null && alert.severity() == dev.tradepulse.alerts.Severity.CRITICAL) {
                escalations.watch(alert, now, wall);
            }
        } catch (RuntimeException e) {
            LOG.warn("Alert dispatch failed and was contained: {}", e.toString());
        }
    }

    /** Sends an escalated alert straight to a tier's sinks, past routing and dedup. */
    private void deliverTo(List<String> sinks, Alert alert, long firedWall) {
        long now = clock.monotonicTime();
        for (String name : sinks) {
            Alert dropped = lanes.get(name).queue().offer(alert, now, firedWall);
            if (dropped != null) {
                meters.dropped(name, dropped.severity());
            }
        }
    }

    @Override
    public Map<String, java.util.Optional<String>> sendTestAlert() {
        Alert test = Alert.builder("tradepulse-test-alert", dev.tradepulse.alerts.Severity.LOW,
                "TradePulse test alert: this sink works").description("Sent by AlertDispatcher.sendTestAlert()")
                .startsAt(Instant.ofEpochMilli(clock.wallTime())).build();
        Map<String, java.util.Optional<String>> results = new LinkedHashMap<>();
        for (Lane lane : lanes.values()) {
            try {
                lane.sink().deliver(dev.tradepulse.alerts.Notification.of(test));
                results.put(lane.sink().name(), java.util.Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(lane.sink().name(), java.util.Optional.of("interrupted"));
            } catch (Exception e) {
                results.put(lane.sink().name(), java.util.Optional.of(e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return results;
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
            for (dev.tradepulse.alerts.Silence s : silences) {
                if (s.mutes(alert, now)) {
                    return true;
                }
            }
        }
        if (!inhibitions.isEmpty()) {
            for (Firing f : firing.values()) {
                for (dev.tradepulse.alerts.Inhibition rule : inhibitions) {
                    if (rule.mutes(f.alert(), alert)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void silence(dev.tradepulse.alerts.Silence silence) {
        silences.add(Checks.notNull(silence, "silence"));
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
                .sorted(java.util.Comparator.comparing((Firing f) -> f.alert().severity())
                        .thenComparingLong(Firing::wallMillis))
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
            LOG.warn("Alert resolve failed and was contained: {}", e.toString());
        }
    }

    private void enqueue(Alert alert, long firedNanos, long firedWall, boolean resolving) {
        for (Lane lane : lanesFor(alert)) {
            if (resolving && !lane.sink().sendsResolved()) {
                continue;
            }
            Alert dropped = lane.queue().offer(alert, firedNanos, firedWall);
            if (dropped != null) {
                meters.dropped(lane.sink().name(), dropped.severity());
                logDrop(lane.sink().name(), dropped, firedNanos);
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
                    droppedSinceLog.getAndSet(0), dropped.severity(), dropped.key());
        }
    }

    @Override
    public Map<String, dev.tradepulse.health.HealthCheck> sinkHealthChecks() {
        Map<String, dev.tradepulse.health.HealthCheck> out = new LinkedHashMap<>();
        lanes.forEach((name, lane) -> out.put("alerts.sink." + name,
                dev.tradepulse.health.checks.HealthChecks.circuitBreaker(lane.worker().breaker())));
        return out;
    }

    @Override
    public void close(Duration deadline) {
        if (closed) {
            return;
        }
        closed = true;
        if (escalations != null) {
            escalations.close();
        }
        long end = clock.monotonicTime() + deadline.toNanos();
        lanes.values().forEach(l -> {
            l.worker().deadline(end);
            l.queue().close();
        });
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        for (Lane lane : lanes.values()) {
            try {
                lane.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closing.countDown(); // wake workers still waiting out a backoff or rate limit
        lanes.values().forEach(l -> l.thread().interrupt());
        for (Lane lane : lanes.values()) {
            try {
                lane.sink().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing alert sink '{}' failed: {}", lane.sink().name(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "AlertDispatcher" + lanes.keySet();
    }
}
