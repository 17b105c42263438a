package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The builder behind {@link AlertDispatcher#builder()}. */
public final class DispatcherBuilder implements AlertDispatcher.Builder {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<dev.tradepulse.alerts.Inhibition> inhibitions = new ArrayList<>();
    private final List<Escalations.Tier> tiers = new ArrayList<>();
    private @Nullable List<String> defaultSinks;
    private Duration repeat = Duration.ofHours(4);
    private int capacity = 10_000;
    private int maxAttempts = 5;
    private Duration backoff = Duration.ofSeconds(1);
    private Duration groupWait = Duration.ZERO;
    private Duration groupInterval = Duration.ZERO;
    private Clock clock = Clock.SYSTEM;
    private AlertDispatcher.@Nullable Waiter waiter;
    private @Nullable MeterRegistry registry;
    private @Nullable IntervalFunction intervals;
    private Duration maxRetryAfter = AlertDispatcher.DEFAULT_MAX_RETRY_AFTER;
    private Duration maxCriticalRetryAfter = AlertDispatcher.DEFAULT_MAX_CRITICAL_RETRY_AFTER;
    private @Nullable List<AlertSink> fallbacks;
    private @Nullable CircuitBreakerRegistry breakers;

    /** Use {@link AlertDispatcher#builder()}. */
    public DispatcherBuilder() {
    }

    @Override
    public AlertDispatcher.Builder sink(AlertSink sink) {
        Objects.requireNonNull(sink, "sink must not be null");
        String name = Objects.requireNonNull(sink.name(), "sink.name() must not be null");
        if (sinks.putIfAbsent(name, sink) != null) {
            throw new IllegalArgumentException("a sink named '" + name + "' is already registered");
        }
        return this;
    }

    @Override
    public AlertDispatcher.Builder route(Route route) {
        routes.add(Objects.requireNonNull(route, "route must not be null"));
        return this;
    }

    @Override
    public AlertDispatcher.Builder escalate(Duration after, String... tierSinks) {
        Checks.positive(after, "after");
        Objects.requireNonNull(tierSinks, "sinks must not be null");
        if (tierSinks.length == 0) {
            throw new IllegalArgumentException("sinks must name at least one sink");
        }
        if (!tiers.isEmpty() && after.compareTo(tiers.get(tiers.size() - 1).after()) <= 0) {
            throw new IllegalArgumentException("after must be longer than the previous tier's, got " + after);
        }
        tiers.add(new Escalations.Tier(after, List.of(tierSinks)));
        return this;
    }

    @Override
    public AlertDispatcher.Builder inhibit(dev.tradepulse.alerts.Inhibition inhibition) {
        inhibitions.add(Objects.requireNonNull(inhibition, "inhibition must not be null"));
        return this;
    }

    @Override
    public AlertDispatcher.Builder defaultSinks(String... names) {
        this.defaultSinks = List.of(Objects.requireNonNull(names, "sinks must not be null"));
        return this;
    }

    @Override
    public AlertDispatcher.Builder repeatInterval(Duration interval) {
        this.repeat = Checks.positive(interval, "interval");
        return this;
    }

    @Override
    public AlertDispatcher.Builder groupWait(Duration wait) {
        Objects.requireNonNull(wait, "wait must not be null");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, but was " + wait);
        }
        this.groupWait = wait;
        return this;
    }

    @Override
    public AlertDispatcher.Builder groupInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval must not be null");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, but was " + interval);
        }
        this.groupInterval = interval;
        return this;
    }

    @Override
    public AlertDispatcher.Builder queueCapacity(int alerts) {
        if (alerts < 1) {
            throw new IllegalArgumentException("alerts must be at least 1, got " + alerts);
        }
        this.capacity = alerts;
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    @Override
    public AlertDispatcher.Builder backoff(Duration initial) {
        this.backoff = Checks.positive(initial, "initial");
        return this;
    }

    @Override
    public AlertDispatcher.Builder retryIntervals(IntervalFunction intervals) {
        this.intervals = Objects.requireNonNull(intervals, "intervals must not be null");
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxRetryAfter(Duration max) {
        this.maxRetryAfter = Checks.positive(max, "max");
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxCriticalRetryAfter(Duration max) {
        this.maxCriticalRetryAfter = Checks.positive(max, "max");
        return this;
    }

    @Override
    public AlertDispatcher.Builder fallback(AlertSink... sinks) {
        Objects.requireNonNull(sinks, "sinks must not be null");
        Map<String, AlertSink> byName = new LinkedHashMap<>();
        for (AlertSink sink : sinks) {
            Objects.requireNonNull(sink, "a fallback sink must not be null");
            String name = Objects.requireNonNull(sink.name(), "sink.name() must not be null");
            if (byName.putIfAbsent(name, sink) != null) {
                throw new IllegalArgumentException("a fallback sink named '" + name + "' is already given");
            }
        }
        this.fallbacks = List.copyOf(byName.values());
        return this;
    }

    @Override
    public AlertDispatcher.Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
        this.breakers = Objects.requireNonNull(registry, "registry must not be null");
        return this;
    }

    @Override
    public AlertDispatcher.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    @Override
    public AlertDispatcher.Builder waiter(AlertDispatcher.Waiter waiter) {
        this.waiter = Objects.requireNonNull(waiter, "waiter must not be null");
        return this;
    }

    @Override
    public AlertDispatcher.Builder meterRegistry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        return this;
    }

    @Override
    public AlertDispatcher build() {
        if (sinks.isEmpty()) {
            throw new IllegalStateException("at least one sink must be added");
        }
        List<String> defaults = defaultSinks != null ? defaultSinks : List.copyOf(sinks.keySet());
        for (String name : defaults) {
            requireKnown(name, "defaultSinks");
        }
        for (Route route : routes) {
            route.sinks().forEach(name -> requireKnown(name, route.toString()));
        }
        for (Escalations.Tier tier : tiers) {
            tier.sinks().forEach(name -> requireKnown(name, "escalation after " + tier.after()));
        }
        List<AlertSink> fallbackSinks = fallbacks != null ? fallbacks : List.of(new FallbackLog());
        for (AlertSink f : fallbackSinks) {
            if (sinks.containsKey(f.name())) {
                throw new IllegalArgumentException("fallback sink '" + f.name() + "' has the name of a routed sink;"
                        + " give it a name of its own");
            }
        }
        CountDownLatch closing = new CountDownLatch(1);
        AlertDispatcher.Waiter effectiveWaiter = waiter != null ? waiter
                : d -> closing.await(d.toNanos(), TimeUnit.NANOSECONDS); // wakes early when closing
        List<String> meterSinks = new ArrayList<>(sinks.keySet());
        fallbackSinks.forEach(f -> meterSinks.add(f.name()));
        DispatcherMeters meters = new DispatcherMeters(registry != null ? registry : new SimpleMeterRegistry(),
                meterSinks);
        IntervalFunction schedule = intervals != null ? intervals
                : IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.5, MAX_BACKOFF);
        return new DefaultAlertDispatcher(new DispatcherConfig(List.copyOf(sinks.values()), fallbackSinks,
                List.copyOf(routes), defaults, repeat, capacity, maxAttempts, schedule, groupWait, groupInterval,
                maxRetryAfter, maxCriticalRetryAfter, clock, effectiveWaiter, meters, closing, List.copyOf(inhibitions),
                List.copyOf(tiers), breakers != null ? breakers : CircuitBreakerRegistry.ofDefaults()));
    }

    private void requireKnown(String name, String where) {
        if (!sinks.containsKey(name)) {
            throw new IllegalArgumentException(where + " names an unknown sink '" + name + "'; known: " + sinks.keySet());
        }
    }
}
