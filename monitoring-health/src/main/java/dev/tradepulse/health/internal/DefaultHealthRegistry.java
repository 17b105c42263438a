package dev.tradepulse.health.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The one implementation of {@link HealthRegistry}. */
final class DefaultHealthRegistry implements HealthRegistry {

    /** What a run completes with if it failed before its check produced a result (say, out of memory). */
    private static final HealthResult RUN_FAILED = HealthResult.unhealthy("the check's run failed before it ended");

    private final @Nullable MeterRegistry meters;
    private final Clock clock;
    private final ForkJoinPool workers;
    private final ScheduledExecutorService refresher;
    private final Map<String, RegisteredCheck> checks = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> checkMeters = new ConcurrentHashMap<>();
    private final HealthEvents events = new HealthEvents();
    private final AtomicReference<HealthStatus> lastOverall = new AtomicReference<>();

    DefaultHealthRegistry(@Nullable MeterRegistry meters, Clock clock, int workerCount) {
        this.meters = meters;
        this.clock = clock;
        // A ForkJoinPool wakes an idle worker before it starts a new one (a ThreadPoolExecutor
        // starts a new core thread per task until it is full). Its queue needs no bound: each
        // check has at most one run in flight, so it never holds more tasks than there are checks.
        AtomicInteger n = new AtomicInteger();
        this.workers = new ForkJoinPool(workerCount, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("tradepulse-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
        this.refresher = Executors.newSingleThreadScheduledExecutor(daemonThreads("tradepulse-health-refresh-"));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void register(String name, HealthCheck check) {
        register(name, check, CheckOptions.DEFAULTS);
    }

    @Override
    public void register(String name, HealthCheck check, CheckOptions options) {
        Objects.requireNonNull(name, "name must not be null");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '_', '.' or '-', got: " + name);
        }
        Objects.requireNonNull(check, "check must not be null");
        Objects.requireNonNull(options, "options must not be null");
        RegisteredCheck registered = new RegisteredCheck(name, check, options);
        RegisteredCheck previous = checks.put(name, registered);
        if (previous != null) {
            previous.deactivate();
            removeMeters(name);
        }
        bindMeters(registered);
        options.refreshInterval().ifPresent(interval -> registered.refresh = refresher.scheduleWithFixedDelay(
                () -> runGuarded(registered), 0, interval.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean unregister(String name) {
        RegisteredCheck removed = checks.remove(Objects.requireNonNull(name, "name must not be null"));
        if (removed == null) {
            return false;
        }
        removed.deactivate();
        removeMeters(name);
        return true;
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(checks.keySet());
    }

    @Override
    public boolean hasGroup(String group) {
        Objects.requireNonNull(group, "group must not be null");
        return checks.values().stream().anyMatch(c -> c.options.groups().contains(group));
    }

    @Override
    public HealthReport check() {
        HealthReport report = run(new TreeMap<>(checks));
        HealthStatus previous = lastOverall.getAndSet(report.status());
        if (previous != null && previous != report.status()) {
            events.overallChanged(previous, report);
        }
        return report;
    }

    @Override
    public HealthReport check(String group) {
        Objects.requireNonNull(group, "group must not be null");
        Map<String, RegisteredCheck> selected = new TreeMap<>();
        checks.forEach((name, c) -> {
            if (c.options.groups().contains(group)) {
                selected.put(name, c);
            }
        });
        return run(selected);
    }

    /** Starts (or joins) every non-cached check at once, then collects each within its own deadline. */
    private HealthReport run(Map<String, RegisteredCheck> selected) {
        Map<String, CompletableFuture<HealthResult>> running = new LinkedHashMap<>();
        for (RegisteredCheck c : selected.values()) {
            if (c.options.refreshInterval().isEmpty()) {
                running.put(c.name, start(c));
            }
        }
        Map<String, HealthReport.Component> components = new LinkedHashMap<>();
        for (RegisteredCheck c : selected.values()) {
            CompletableFuture<HealthResult> future = running.get(c.name);
            HealthResult raw = future == null ? null : await(c, future);
            HealthResult reported = c.reported();
            if (reported == null) {
                // Replaced or unregistered during this round: report what this round ran.
                reported = raw;
            }
            if (reported == null) {
                reported = HealthResult.builder(c.options.initialStatus().orElse(HealthStatus.UNHEALTHY))
                        .message("not checked yet").build();
            }
            components.put(c.name, new HealthReport.Component(reported, c.options.criticality()));
        }
        return HealthReport.of(now(), components);
    }

    /** Waits for a run until its own deadline; returns its raw result, or the timeout result. */
    private HealthResult await(RegisteredCheck c, CompletableFuture<HealthResult> future) {
        long deadline = c.inFlightStartNanos() + c.options.timeout().toNanos();
        try {
            return future.get(Math.max(0, deadline - clock.monotonicTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            HealthResult timedOut = HealthResult.unhealthy("timed out after " + human(c.options.timeout()))
                    .withTiming(c.options.timeout(), now());
            record(c, timedOut);
            return timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.unhealthy("interrupted while waiting for the check");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause(); // start() completes every future normally
            return HealthResult.unhealthy(cause != null ? cause : e);
        }
    }

    /** The run in flight for this check, or a new one submitted to the pool. */
    private CompletableFuture<HealthResult> start(RegisteredCheck c) {
        CompletableFuture<HealthResult> fresh = new CompletableFuture<>();
        long startNanos = clock.monotonicTime();
        CompletableFuture<HealthResult> existing = c.joinOrStart(fresh, startNanos);
        if (existing != null) {
            return existing;
        }
        Instant startedAt = now();
        try {
            workers.execute(() -> {
                HealthResult result = RUN_FAILED;
                try {
                    result = execute(c.check, startNanos, startedAt);
                    record(c, result);
                } finally {
                    // Whatever happens above, the run ends here, so the next round starts afresh.
                    fresh.complete(result);
                }
            });
        } catch (RejectedExecutionException e) {
            HealthResult result = HealthResult.unhealthy("not run: the health worker pool is saturated")
                    .withTiming(Duration.ZERO, startedAt);
            record(c, result);
            fresh.complete(result);
        }
        return fresh;
    }

    /** For cached checks: one background run, waited for here on the refresher thread. */
    private void runGuarded(RegisteredCheck c) {
        if (!c.active()) {
            return;
        }
        try {
            await(c, start(c));
        } catch (Throwable e) {
            // an exception would cancel the schedule, and the cached result would never change again
            events.bookkeepingFailed(e, clock.monotonicTime());
        }
    }

    private HealthResult execute(HealthCheck check, long startNanos, Instant startedAt) {
        HealthResult result;
        try {
            result = check.check();
            if (result == null) {
                result = HealthResult.unhealthy("check returned null");
            }
        } catch (Throwable e) {
            // Any Throwable is a result, StackOverflowError and OutOfMemoryError included: the
            // worker survives it, and a run that never completed would read "timed out" forever.
            result = failed(e);
        }
        return result.withTiming(Duration.ofNanos(clock.monotonicTime() - startNanos), startedAt);
    }

    /** The result for a check that threw; even a throwable whose getMessage() throws gets one. */
    private static HealthResult failed(Throwable failure) {
        try {
            return HealthResult.unhealthy(failure);
        } catch (Throwable e) {
            return HealthResult.unhealthy("check failed with " + failure.getClass().getName());
        }
    }

    private void record(RegisteredCheck c, HealthResult raw) {
        if (!c.active()) {
            return;
        }
        List<Meter> bound = checkMeters.get(c.name);
        if (bound != null) {
            for (Meter m : bound) {
                if (m instanceof Timer t) {
                    try {
                        t.record(raw.duration());
                    } catch (Throwable e) {
                        // a broken registry must not keep the result from being reported
                        events.bookkeepingFailed(e, clock.monotonicTime());
                    }
                }
            }
        }
        HealthStatus previous = c.accept(raw);
        if (previous != null) {
            // accept() has settled a reported result whenever it returns a previous status
            events.componentChanged(c.name, previous, Objects.requireNonNull(c.reported()));
        }
    }

    private void bindMeters(RegisteredCheck c) {
        if (meters == null) {
            return;
        }
        List<Meter> bound = new ArrayList<>();
        bound.add(Gauge.builder("tradepulse.health.status", c, RegisteredCheck::statusValue)
                .tag("component", c.name)
                .description("1 healthy, 0.5 degraded, 0 unhealthy")
                .strongReference(true)
                .register(meters));
        bound.add(Timer.builder("tradepulse.health.check.duration").tag("component", c.name)
                .description("How long each run of the health check took").register(meters));
        checkMeters.put(c.name, bound);
    }

    private void removeMeters(String name) {
        List<Meter> bound = checkMeters.remove(name);
        if (bound != null && meters != null) {
            bound.forEach(meters::remove);
        }
    }

    @Override
    public void addListener(HealthListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(HealthListener listener) {
        events.remove(listener);
    }

    @Override
    public void close() {
        checks.values().forEach(RegisteredCheck::deactivate);
        refresher.shutdownNow();
        workers.shutdownNow();
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.wallTime());
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
