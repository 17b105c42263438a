package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The dispatcher's meters, a {@link MeterBinder}: bound once, before the dispatcher starts, so
 * that the caller's path only increments. Binding is not thread-safe; counting is.
 */
final class DispatcherMeters implements MeterBinder {

    private final Counter[] fired = new Counter[Severity.values().length];
    private final Counter[] deduplicated = new Counter[Severity.values().length];
    private final Counter[] silenced = new Counter[Severity.values().length];
    private final Counter[] undelivered = new Counter[Severity.values().length];
    private final List<String> sinks;
    // Set by bindTo, which the dispatcher calls at build, before any other method.
    private @Nullable Counter rejected;
    private @Nullable MeterRegistry registry;
    private final Map<String, Counter[]> dropped = new HashMap<>();
    private final Map<String, Counter[]> delivered = new HashMap<>();
    private final Map<String, Counter[]> failed = new HashMap<>();
    private final Map<String, Timer> latency = new HashMap<>();

    DispatcherMeters(List<String> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.registry != null) {
            throw new IllegalStateException("the dispatcher's meters are bound already");
        }
        this.registry = registry;
        for (Severity s : Severity.values()) {
            undelivered[s.ordinal()] = Counter.builder("tradepulse.alerts.undelivered")
                    .description("alerts that every sink they were routed to failed to deliver (handed to the fallback)")
                    .tag("severity", s.name().toLowerCase(Locale.ROOT)).register(registry);
            fired[s.ordinal()] = counter(registry, "tradepulse.alerts.fired", null, s);
            deduplicated[s.ordinal()] = counter(registry, "tradepulse.alerts.deduplicated", null, s);
            silenced[s.ordinal()] = counter(registry, "tradepulse.alerts.silenced", null, s);
        }
        rejected = Counter.builder("tradepulse.alerts.rejected").description("fire(null) and the like")
                .register(registry);
        for (String sink : sinks) {
            dropped.put(sink, perSeverity(registry, "tradepulse.alerts.dropped", sink));
            delivered.put(sink, perSeverity(registry, "tradepulse.alerts.delivered", sink));
            failed.put(sink, perSeverity(registry, "tradepulse.alerts.failed", sink));
            latency.put(sink, Timer.builder("tradepulse.alerts.delivery.latency").tag("sink", sink)
                    .publishPercentiles(0.5, 0.99).register(registry));
        }
    }

    private static Counter[] perSeverity(MeterRegistry registry, String name, String sink) {
        Counter[] counters = new Counter[Severity.values().length];
        for (Severity s : Severity.values()) {
            counters[s.ordinal()] = counter(registry, name, sink, s);
        }
        return counters;
    }

    private static Counter counter(MeterRegistry registry, String name, @Nullable String sink, Severity severity) {
        Counter.Builder b = Counter.builder(name).tag("severity", severity.name().toLowerCase(Locale.ROOT));
        if (sink != null) {
            b.tag("sink", sink);
        }
        return b.register(registry);
    }

    /** Gauges of one sink's backlog and of how long its current delivery has run (a stall shows here). */
    void sinkGauges(String sink, SinkQueue queue, SinkWorker worker) {
        MeterRegistry registry = this.registry;
        if (registry == null) {
            throw new IllegalStateException("bind the meters first");
        }
        Gauge.builder("tradepulse.alerts.queued", queue, SinkQueue::size).tag("sink", sink)
                .description("alerts waiting for the sink").register(registry);
        Gauge.builder("tradepulse.alerts.delivery.inflight", worker, w -> w.inFlight().toNanos() / 1e9)
                .tag("sink", sink).baseUnit("seconds")
                .description("how long the sink's current delivery has run; 0 when idle").register(registry);
    }

    long undeliveredTotal() {
        double total = 0;
        for (Counter c : undelivered) {
            total += c.count();
        }
        return (long) total;
    }

    void undelivered(Severity s) {
        undelivered[s.ordinal()].increment();
    }

    void fired(Severity s) {
        fired[s.ordinal()].increment();
    }

    void deduplicated(Severity s) {
        deduplicated[s.ordinal()].increment();
    }

    void silenced(Severity s) {
        silenced[s.ordinal()].increment();
    }

    void rejected() {
        Counter c = rejected;
        if (c != null) {
            c.increment();
        }
    }

    /** The sink's drop counters by severity ordinal, for callers that count on the hot path. */
    Counter[] droppedCounters(String sink) {
        return bound(dropped.get(sink), sink);
    }

    void delivered(String sink, Severity s, long latencyNanos) {
        bound(delivered.get(sink), sink)[s.ordinal()].increment();
        bound(latency.get(sink), sink).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    void failed(String sink, Severity s) {
        bound(failed.get(sink), sink)[s.ordinal()].increment();
    }

    private static <T> T bound(@Nullable T meter, String sink) {
        if (meter == null) {
            throw new IllegalStateException("no meters for sink " + sink + "; the dispatcher binds them at build");
        }
        return meter;
    }
}
