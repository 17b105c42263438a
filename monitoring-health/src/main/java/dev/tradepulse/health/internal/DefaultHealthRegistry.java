package dev.tradepulse.health.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthRegistryConfig;
import dev.tradepulse.health.HealthReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The one implementation of {@link HealthRegistry}. Thread-safe. */
final class DefaultHealthRegistry implements HealthRegistry {

    /** What a run completes with if it failed before its check produced a result (say, out of memory). */
    private static final HealthResult RUN_FAILED = HealthResult.unhealthy("the check's run failed before it ended");

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");

    private final HealthRegistryConfig config;
    private final Clock clock;
    private final LongSupplier nanos;
    private final ForkJoinPool workers;
    private final ScheduledExecutorService refresher;
    private final Map<String, RegisteredCheck> checks = new ConcurrentHashMap<>();
    private final Object meterLock = new Object();
    private final List<MeterRegistry> meterRegistries = new CopyOnWriteArrayList<>();
    private final Map<String, List<BoundMeter>> checkMeters = new ConcurrentHashMap<>();
    private final HealthEvents events = new HealthEvents();
    private final AtomicReference<HealthStatus> lastOverall = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A meter of one check, with the registry it was registered in. */
    private record BoundMeter(MeterRegistry registry, Meter meter) {
    }

    DefaultHealthRegistry(HealthRegistryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.nanos = elapsedSource(clock);
        // A ForkJoinPool wakes an idle worker before it starts a new one (a ThreadPoolExecutor
        // starts a new core thread per task until it is full). Its queue needs no bound: each
        // check has at most one run in flight, so it never holds more tasks than there are checks.
        this.workers = new ForkJoinPool(config.workers(), Threads.daemonForkJoin("health"), null, true);
        try {
            this.refresher = Executors.newSingleThreadScheduledExecutor(Threads.daemon("health-refresh"));
        } catch (RuntimeException | Error e) {
            workers.shutdownNow(); // release what was taken before throwing
            throw e;
        }
    }

    /**
     * Durations and deadlines: {@link System#nanoTime()} under the system clock; otherwise the
     * injected clock itself, so that a test clock that stands still measures zero.
     */
    private static LongSupplier elapsedSource(Clock clock) {
        if (clock.withZone(ZoneOffset.UTC).equals(Clock.systemUTC())) {
            return System::nanoTime;
        }
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    @Override
    public HealthRegistryConfig config() {
        return config;
    }

    @Override
    public void register(String name, HealthCheck check) {
        register(name, check, config.checkDefaults());
    }

    @Override
    public void register(String name, HealthCheck check, CheckOptions options) {
        Checks.notNull(name, "name");
        if (!WORD.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '_', '.' or '-', got: "
                    + LogText.clean(name, 100));
        }
        Checks.notNull(check, "check");
        Checks.notNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("the health registry is closed; cannot register " + name);
        }
        RegisteredCheck registered = new RegisteredCheck(name, check, options);
        RegisteredCheck previous = checks.put(name, registered);
        if (previous != null) {
            previous.deactivate();
            removeMeters(name);
        }
        bindMeters(registered);
        Duration interval = options.refreshInterval().orElse(null);
        if (interval != null) {
            try {
                registered.refresh = refresher.scheduleWithFixedDelay(() -> runGuarded(registered), 0,
                        interval.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed while registering: leave nothing behind
                if (checks.remove(name, registered)) {
                    removeMeters(name);
                }
                registered.deactivate();
                throw new IllegalStateException("the health registry is closed; cannot register " + name, e);
            }
        }
    }

    @Override
    public boolean unregister(String name) {
        RegisteredCheck removed = checks.remove(Checks.notNull(name, "name"));
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
        Checks.notNull(group, "group");
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
        Checks.notNull(group, "group");
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
            return future.get(Math.max(0, deadline - nanos.getAsLong()), TimeUnit.NANOSECONDS);
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
        long startNanos = nanos.getAsLong();
        CompletableFuture<HealthResult> existing = c.joinOrStart(fresh, startNanos);
        if (existing != null) {
            return existing;
        }
        Instant startedAt = now();
        if (closed.get()) {
            HealthResult result = HealthResult.unhealthy("not run: the registry is closed")
                    .withTiming(Duration.ZERO, startedAt);
            fresh.complete(result);
            return fresh;
        }
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
            HealthResult result = HealthResult.unhealthy(closed.get() ? "not run: the registry is closed"
                    : "not run: the health worker pool is saturated")
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
            events.bookkeepingFailed(e, System.nanoTime());
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
        return result.withTiming(Duration.ofNanos(Math.max(0, nanos.getAsLong() - startNanos)), startedAt);
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
        List<BoundMeter> bound = checkMeters.get(c.name);
        if (bound != null) {
            for (BoundMeter m : bound) {
                if (m.meter() instanceof Timer t) {
                    try {
                        t.record(raw.duration());
                    } catch (Throwable e) {
                        // a broken registry must not keep the result from being reported
                        events.bookkeepingFailed(e, System.nanoTime());
                    }
                }
            }
        }
        HealthStatus previous = c.accept(raw);
        if (previous != null) {
            events.componentChanged(c.name, previous, Objects.requireNonNull(c.reported()));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        synchronized (meterLock) {
            if (meterRegistries.contains(registry)) {
                return;
            }
            meterRegistries.add(registry);
            for (RegisteredCheck c : checks.values()) {
                if (c.active()) {
                    bind(c, registry);
                }
            }
        }
    }

    private void bindMeters(RegisteredCheck c) {
        synchronized (meterLock) {
            for (MeterRegistry registry : meterRegistries) {
                bind(c, registry);
            }
        }
    }

    /** Registers one check's meters in one registry; a registry that throws is reported, not rethrown. */
    private void bind(RegisteredCheck c, MeterRegistry registry) {
        List<BoundMeter> bound = checkMeters.computeIfAbsent(c.name, name -> new CopyOnWriteArrayList<>());
        try {
            bound.add(new BoundMeter(registry, Gauge.builder("tradepulse.health.status", c, RegisteredCheck::statusValue)
                    .tag("component", c.name)
                    .description("1 healthy, 0.5 degraded, 0 unhealthy")
                    .strongReference(true)
                    .register(registry)));
            bound.add(new BoundMeter(registry, Timer.builder("tradepulse.health.check.duration").tag("component", c.name)
                    .description("How long each run of the health check took").register(registry)));
        } catch (Throwable e) {
            events.bookkeepingFailed(e, System.nanoTime());
        }
    }

    private void removeMeters(String name) {
        synchronized (meterLock) {
            List<BoundMeter> bound = checkMeters.remove(name);
            if (bound != null) {
                for (BoundMeter m : bound) {
                    try {
                        m.registry().remove(m.meter());
                    } catch (Throwable e) {
                        events.bookkeepingFailed(e, System.nanoTime());
                    }
                }
            }
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            checks.values().forEach(RegisteredCheck::deactivate);
            refresher.shutdownNow();
            workers.shutdownNow();
            long deadline = System.nanoTime() + config.closeTimeout().toNanos();
            boolean ended = refresher.awaitTermination(config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    && workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!ended) {
                events.closeTimedOut(config.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            events.bookkeepingFailed(e, System.nanoTime());
        }
    }

    private Instant now() {
        return clock.instant();
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
