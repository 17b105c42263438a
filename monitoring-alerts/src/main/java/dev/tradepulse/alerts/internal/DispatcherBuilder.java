package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertDispatcherConfig;
import dev.tradepulse.alerts.Escalation;
import dev.tradepulse.alerts.Inhibition;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.time.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The builder behind {@link AlertDispatcher#builder()}: collects the runtime parts (sinks, clock,
 * sleeper, registries) and an {@link AlertDispatcherConfig}, checks them together, and builds.
 * Not thread-safe.
 */
public final class DispatcherBuilder implements AlertDispatcher.Builder {

    private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
    private AlertDispatcherConfig.Builder config = AlertDispatcherConfig.custom();
    private Clock clock = Clock.systemUTC();
    private @Nullable Sleeper sleeper;
    private @Nullable MeterRegistry registry;
    private @Nullable List<AlertSink> fallbacks;
    private @Nullable CircuitBreakerRegistry breakers;

    /** Use {@link AlertDispatcher#builder()}. */
    public DispatcherBuilder() {
    }

    @Override
    public AlertDispatcher.Builder config(AlertDispatcherConfig config) {
        this.config = AlertDispatcherConfig.from(Checks.notNull(config, "config"));
        return this;
    }

    @Override
    public AlertDispatcher.Builder sink(AlertSink sink) {
        Checks.notNull(sink, "sink");
        String name = Checks.notNull(sink.name(), "sink.name()");
        if (sinks.putIfAbsent(name, sink) != null) {
            throw new IllegalArgumentException("a sink named '" + name + "' is already registered");
        }
        return this;
    }

    @Override
    public AlertDispatcher.Builder route(Route route) {
        config.route(route);
        return this;
    }

    @Override
    public AlertDispatcher.Builder escalate(Duration after, String... tierSinks) {
        config.escalate(after, tierSinks);
        return this;
    }

    @Override
    public AlertDispatcher.Builder inhibit(Inhibition inhibition) {
        config.inhibit(inhibition);
        return this;
    }

    @Override
    public AlertDispatcher.Builder defaultSinks(String... names) {
        config.defaultSinks(names);
        return this;
    }

    @Override
    public AlertDispatcher.Builder repeatInterval(Duration interval) {
        config.repeatInterval(interval);
        return this;
    }

    @Override
    public AlertDispatcher.Builder groupWait(Duration wait) {
        config.groupWait(wait);
        return this;
    }

    @Override
    public AlertDispatcher.Builder groupInterval(Duration interval) {
        config.groupInterval(interval);
        return this;
    }

    @Override
    public AlertDispatcher.Builder queueCapacity(int alerts) {
        config.queueCapacity(alerts);
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxAttempts(int attempts) {
        config.maxAttempts(attempts);
        return this;
    }

    @Override
    public AlertDispatcher.Builder backoff(Duration initial) {
        config.backoff(initial);
        return this;
    }

    @Override
    public AlertDispatcher.Builder retryIntervals(IntervalFunction intervals) {
        config.retryIntervals(intervals);
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxRetryAfter(Duration max) {
        config.maxRetryAfter(max);
        return this;
    }

    @Override
    public AlertDispatcher.Builder maxCriticalRetryAfter(Duration max) {
        config.maxCriticalRetryAfter(max);
        return this;
    }

    @Override
    public AlertDispatcher.Builder fallback(AlertSink... given) {
        Checks.notNull(given, "sinks");
        Map<String, AlertSink> byName = new LinkedHashMap<>();
        for (AlertSink sink : given) {
            Checks.notNull(sink, "a fallback sink");
            String name = Checks.notNull(sink.name(), "sink.name()");
            if (byName.putIfAbsent(name, sink) != null) {
                throw new IllegalArgumentException("a fallback sink named '" + name + "' is already given");
            }
        }
        this.fallbacks = List.copyOf(byName.values());
        return this;
    }

    @Override
    public AlertDispatcher.Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
        this.breakers = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public AlertDispatcher.Builder clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
        return this;
    }

    @Override
    public AlertDispatcher.Builder sleeper(Sleeper sleeper) {
        this.sleeper = Checks.notNull(sleeper, "sleeper");
        return this;
    }

    @Override
    public AlertDispatcher.Builder meterRegistry(MeterRegistry registry) {
        this.registry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public AlertDispatcher build() {
        if (sinks.isEmpty()) {
            throw new IllegalStateException("at least one sink must be added");
        }
        AlertDispatcherConfig settings = config.build();
        for (String name : settings.defaultSinks()) {
            requireKnown(name, "defaultSinks");
        }
        for (Route route : settings.routes()) {
            route.sinks().forEach(name -> requireKnown(name, route.toString()));
        }
        for (Escalation tier : settings.escalations()) {
            tier.sinks().forEach(name -> requireKnown(name, "escalation after " + tier.after()));
        }
        List<AlertSink> fallbackSinks = fallbacks != null ? fallbacks : List.of(new FallbackLog());
        for (AlertSink f : fallbackSinks) {
            if (sinks.containsKey(f.name())) {
                throw new IllegalArgumentException("fallback sink '" + f.name() + "' has the name of a routed sink;"
                        + " give it a name of its own");
            }
        }
        Runtime runtime = new Runtime(Ticker.of(clock), sleeper,
                breakers != null ? breakers : CircuitBreakerRegistry.ofDefaults(),
                registry != null ? registry : new SimpleMeterRegistry());
        return DefaultAlertDispatcher.start(settings, List.copyOf(sinks.values()), fallbackSinks, runtime);
    }

    private void requireKnown(String name, String where) {
        if (!sinks.containsKey(name)) {
            throw new IllegalArgumentException(where + " names an unknown sink '" + name + "'; known: " + sinks.keySet());
        }
    }

    /**
     * The runtime parts of a dispatcher.
     *
     * @param ticker time
     * @param sleeper how workers wait, or null for the default that wakes on close
     * @param breakers where sink breakers are created
     * @param meters where meters are registered
     */
    record Runtime(Ticker ticker, @Nullable Sleeper sleeper, CircuitBreakerRegistry breakers, MeterRegistry meters) {
    }
}
