package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertDispatcherConfig;
import dev.tradepulse.alerts.Silence;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.time.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link AlertDispatcher}: the caller's side (fire, resolve, silence,
 * acknowledge) over its collaborators: {@link KeyTracker} (dedup and the firing set),
 * {@link Muting}, {@link Router}, {@link Handoff} (queues and the fallback), {@link Lanes} (the
 * workers), {@link Escalations} and {@link DeliveryHealth}. Thread-safe.
 */
final class DefaultAlertDispatcher implements AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    /** Kept for tests that look at the bound; see {@link KeyTracker#MAX_KEYS}. */
    static final int MAX_KEYS = KeyTracker.MAX_KEYS;

    private final AlertDispatcherConfig config;
    private final Ticker ticker;
    private final DispatcherMeters meters;
    private final KeyTracker keys;
    private final Muting muting;
    private final Lanes lanes;
    private final Router router;
    private final Handoff handoff;
    private final DeliveryHealth health;
    private final CircuitBreakerRegistry breakers;
    private final @Nullable Escalations escalations;
    private volatile boolean closed;
    private final StatusEventPublisher events = new StatusEventPublisher();

    private DefaultAlertDispatcher(AlertDispatcherConfig config, List<AlertSink> sinks, List<AlertSink> fallbacks,
            DispatcherBuilder.Runtime runtime) {
        this.config = config;
        this.ticker = runtime.ticker();
        this.breakers = runtime.breakers();
        List<String> meterSinks = new ArrayList<>();
        sinks.forEach(s -> meterSinks.add(s.name()));
        fallbacks.forEach(f -> meterSinks.add(f.name()));
        this.meters = new DispatcherMeters(meterSinks);
        meters.bindTo(runtime.meters());
        this.keys = new KeyTracker(config.repeatInterval().toNanos(), ticker);
        this.muting = new Muting(config.inhibitions(), ticker);
        this.health = new DeliveryHealth(ticker, meters, fallbacks.stream().map(AlertSink::name).toList(),
                config.undeliveredWindow());
        CountDownLatch closing = new CountDownLatch(1);
        Sleeper sleeper = runtime.sleeper() != null ? runtime.sleeper()
                : d -> closing.await(d.toNanos(), TimeUnit.NANOSECONDS); // wakes early when closing
        this.lanes = new Lanes(closing, ticker, config.queueCapacity());
        this.handoff = new Handoff(meters, health, lanes.fallbacks(), ticker);
        WorkerSettings settings = new WorkerSettings(config, ticker, sleeper, meters, breakers, handoff::undelivered);
        sinks.forEach(s -> lanes.addRouted(s, settings));
        fallbacks.forEach(f -> lanes.addFallback(f, settings));
        this.router = new Router(config.routes(), config.defaultSinks(), lanes.routed());
        this.escalations = config.escalations().isEmpty() ? null
                : new Escalations(config.escalations(), ticker, config.escalationCheckInterval(), this::deliverTo);
    }

    /**
     * Builds and starts a dispatcher; if starting fails, stops what was started and rethrows.
     *
     * @return the live dispatcher
     */
    static DefaultAlertDispatcher start(AlertDispatcherConfig config, List<AlertSink> sinks, List<AlertSink> fallbacks,
            DispatcherBuilder.Runtime runtime) {
        DefaultAlertDispatcher d = new DefaultAlertDispatcher(config, sinks, fallbacks, runtime);
        try {
            d.lanes.start();
            if (d.escalations != null) {
                d.escalations.start();
            }
            return d;
        } catch (RuntimeException | Error e) {
            d.close(Duration.ZERO);
            throw e;
        }
    }

    @Override
    public AlertDispatcherConfig config() {
        return config;
    }

    @Override
    public StatusEventSource statusEvents() {
        return events;
    }

    /**
     * Queues an alert. A key fired again within the repeat interval is a new notification only if
     * it is more severe than before; otherwise it updates what {@link #activeAlerts()} shows (for the
     * same severity) and is counted as deduplicated.
     */
    @Override
    public void fire(@Nullable Alert alert) {
        try {
            if (alert == null || closed) {
                meters.rejected();
                return;
            }
            meters.fired(alert.severity());
            long now = ticker.nanos();
            KeyTracker.Firing admitted = keys.admit(alert, now);
            if (admitted == null) {
                meters.deduplicated(alert.severity());
                return;
            }
            if (events.hasListeners()) {
                events.publish(AlertStatusEvents.fired(alert, Instant.ofEpochMilli(admitted.wallMillis()),
                        Instant.ofEpochMilli(ticker.wallMillis())));
            }
            if (muting.muted(alert, keys.firing())) {
                meters.silenced(alert.severity());
                keys.unsend(alert.key(), now);
                return;
            }
            handoff.offer(router.lanesFor(alert), alert, now, admitted.wallMillis());
            if (escalations != null && alert.severity() == Severity.CRITICAL) {
                escalations.watch(alert, now, ticker.wallMillis());
            }
        } catch (RuntimeException e) {
            LOG.warn("Alert dispatch failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    /** Sends an escalated alert straight to a tier's sinks, past routing and dedup. */
    private void deliverTo(List<String> sinks, Alert alert, long firedWall) {
        handoff.offer(router.lanesNamed(sinks), alert, ticker.nanos(), firedWall);
    }

    @Override
    public void resolve(@Nullable String key) {
        try {
            if (key == null || closed) {
                meters.rejected();
                return;
            }
            KeyTracker.Firing was = keys.resolve(key);
            if (was == null) {
                return;
            }
            if (escalations != null) {
                escalations.stop(key);
            }
            long wall = ticker.wallMillis();
            if (events.hasListeners()) {
                events.publish(AlertStatusEvents.resolved(was.alert(), Instant.ofEpochMilli(was.wallMillis()),
                        Instant.ofEpochMilli(wall)));
            }
            Alert resolved = was.alert().startingAt(Instant.ofEpochMilli(was.wallMillis()))
                    .resolved(Instant.ofEpochMilli(wall));
            List<Lane> targets = router.lanesFor(resolved).stream().filter(l -> l.sink().sendsResolved()).toList();
            handoff.offer(targets, resolved, ticker.nanos(), wall);
        } catch (RuntimeException e) {
            LOG.warn("Alert resolve failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    @Override
    public Map<String, Optional<String>> sendTestAlert(Duration timeout) {
        Checks.positive(timeout, "timeout");
        if (closed) {
            throw new IllegalStateException("the alert dispatcher is closed");
        }
        List<AlertSink> sinks = lanes.all().stream().map(Lane::sink).toList();
        return TestAlerts.send(sinks, timeout, ticker.wallMillis());
    }

    @Override
    public void acknowledge(@Nullable String key) {
        if (key != null && escalations != null) {
            escalations.stop(key);
        }
    }

    @Override
    public void silence(Silence silence) {
        muting.add(Checks.notNull(silence, "silence"));
    }

    int trackedKeys() {
        return keys.size();
    }

    @Override
    public List<Alert> activeAlerts() {
        return keys.active();
    }

    @Override
    public Map<String, HealthCheck> sinkHealthChecks() {
        Map<String, HealthCheck> out = new LinkedHashMap<>();
        lanes.all().forEach(lane -> out.put("alerts.sink." + lane.name(), DeliveryHealth.sink(lane.worker())));
        out.put("alerts.delivery", health.overall());
        return out;
    }

    @Override
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return breakers;
    }

    /**
     * Delivers what is queued within the deadline, then counts whatever is still held as failed
     * (handing it to the fallback sinks, which get up to a second more) and logs it. Returns only
     * once every counter is final; a second call waits for the first.
     */
    @Override
    public synchronized void close(@Nullable Duration deadline) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (escalations != null) {
                escalations.close();
            }
            long nanos = deadline == null || deadline.isNegative() ? 0 : saturatedNanos(deadline);
            lanes.close(System.nanoTime() + nanos);
        } catch (RuntimeException e) {
            LOG.warn("Closing the alert dispatcher failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return Math.min(d.toNanos(), TimeUnit.DAYS.toNanos(365));
        } catch (ArithmeticException tooLong) {
            return TimeUnit.DAYS.toNanos(365);
        }
    }

    @Override
    public String toString() {
        return "AlertDispatcher" + lanes.routed().keySet();
    }
}
