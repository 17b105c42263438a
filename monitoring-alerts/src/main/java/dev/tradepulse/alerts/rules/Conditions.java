package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The conditions the seeds alert on: gauge values, counter rates and increases over a window,
 * timer means and percentiles, error rates, component health, and a dead man's switch. Windowed
 * conditions keep their own samples, one per evaluation, so they need no Prometheus.
 *
 * <p>Stateless; the conditions it returns are thread-safe (windowed ones keep their samples under a lock).
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * The value of a gauge (summed over matching gauges).
     *
     * @param registry the registry
     * @param name the gauge name
     * @param tags tags to match
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition gauge(MeterRegistry registry, String name, Tags tags) {
        Objects.requireNonNull(registry, "registry must not be null");
        MeterSearch search = new MeterSearch(registry, name, tags);
        return requiring(now -> {
            var gauges = registry.find(name).tags(search.tags()).gauges();
            return gauges.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(gauges.stream().mapToDouble(Gauge::value).sum());
        }, search);
    }

    /**
     * How much matching counting meters grew over the last {@code window}: counters, function
     * counters (such as resilience4j's {@code resilience4j.retry.calls}), and the recording counts
     * of timers and distribution summaries.
     *
     * @param registry the registry
     * @param name the meter name
     * @param tags tags to match
     * @param window how far back
     * @return the condition; empty until a full window of history exists
     */
    public static Condition increase(MeterRegistry registry, String name, Tags tags, Duration window) {
        MeterSearch search = new MeterSearch(registry, name, tags);
        return requiring(windowed(search::total, window, false), search);
    }

    /**
     * Matching counting meters' growth per second over the last {@code window}; the meters are
     * those {@link #increase} reads.
     *
     * @param registry the registry
     * @param name the meter name
     * @param tags tags to match
     * @param window how far back
     * @return the condition
     */
    public static Condition rate(MeterRegistry registry, String name, Tags tags, Duration window) {
        MeterSearch search = new MeterSearch(registry, name, tags);
        return requiring(windowed(search::total, window, true), search);
    }

    /**
     * How many times a resilience4j retry retried over the last {@code window}: one per
     * further attempt after a failure or a rejected result, counted from the retry's own events
     * from the moment this condition is made. This counts attempts, which resilience4j's
     * {@code resilience4j.retry.calls} meters do not (they count calls, once each, however many
     * attempts a call took). Before a full window has passed it is the count so far, a lower
     * bound, so "more than 100 retries an hour" can fire in the first hour.
     *
     * @param retry the retry, such as {@code monitoring.retryRegistry().retry("exchange")}
     * @param window how far back
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition retries(Retry retry, Duration window) {
        Objects.requireNonNull(retry, "retry must not be null");
        Objects.requireNonNull(window, "window must not be null");
        LongAdder attempts = new LongAdder();
        retry.getEventPublisher().onRetry(event -> attempts.increment());
        return windowed(() -> OptionalDouble.of(attempts.sum()), window, false, true);
    }

    /**
     * The fraction of a timer's recordings tagged {@code outcome=error} over the last
     * {@code window} (TradePulse timers carry that tag), 0 when nothing was recorded.
     *
     * @param registry the registry
     * @param timer the timer name
     * @param window how far back
     * @return the condition, 0 to 1
     */
    public static Condition errorRate(MeterRegistry registry, String timer, Duration window) {
        MeterSearch any = new MeterSearch(registry, timer, Tags.empty());
        Condition errors = windowed(() -> count(registry, timer, Tags.of("outcome", "error")), window, false);
        Condition all = windowed(() -> count(registry, timer, Tags.empty()), window, false);
        return requiring(now -> {
            OptionalDouble e = errors.value(now);
            OptionalDouble a = all.value(now);
            if (e.isEmpty() || a.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(a.getAsDouble() == 0 ? 0 : e.getAsDouble() / a.getAsDouble());
        }, any);
    }

    /**
     * How many recordings matching timers gained over the last {@code window}, such as
     * exchange calls tagged {@code outcome=error}. Before a full window of history exists it is
     * the gain so far, a lower bound, so "more than 5 errors in 10 minutes" can fire early.
     * Only a timer of that name must exist: its error-tagged timers appear with the first error.
     *
     * @param registry the registry
     * @param timer the timer name
     * @param tags tags to match
     * @param window how far back
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition timerCountIncrease(MeterRegistry registry, String timer, Tags tags, Duration window) {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(timer, "timer must not be null");
        return requiring(windowed(() -> count(registry, timer, tags), window, false, true),
                new MeterSearch(registry, timer, Tags.empty()));
    }

    private static OptionalDouble count(MeterRegistry registry, String timer, Tags tags) {
        var timers = registry.find(timer).tags(tags).timers();
        return OptionalDouble.of(timers.stream().mapToDouble(Timer::count).sum());
    }

    /**
     * A timer's mean over the last {@code window}, in milliseconds.
     *
     * @param registry the registry
     * @param name the timer name
     * @param tags tags to match
     * @param window how far back
     * @return the condition
     */
    public static Condition timerMeanMillis(MeterRegistry registry, String name, Tags tags, Duration window) {
        MeterSearch search = new MeterSearch(registry, name, tags);
        Condition totalMs = windowed(() -> {
            var timers = registry.find(name).tags(tags).timers();
            return timers.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(timers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum());
        }, window, false);
        Condition count = windowed(() -> {
            var timers = registry.find(name).tags(tags).timers();
            return timers.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(timers.stream().mapToDouble(Timer::count).sum());
        }, window, false);
        return requiring(now -> {
            OptionalDouble t = totalMs.value(now);
            OptionalDouble c = count.value(now);
            if (t.isEmpty() || c.isEmpty() || c.getAsDouble() == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(t.getAsDouble() / c.getAsDouble());
        }, search);
    }

    /**
     * A published percentile of a timer (such as 0.95), in milliseconds: the timer must publish
     * it ({@code publishPercentiles}); Micrometer's own decaying window applies.
     *
     * @param registry the registry
     * @param name the timer name
     * @param tags tags to match
     * @param percentile such as 0.95
     * @return the condition; empty if the timer does not publish that percentile
     */
    public static Condition timerPercentileMillis(MeterRegistry registry, String name, Tags tags, double percentile) {
        MeterSearch search = new MeterSearch(registry, name, tags);
        return requiring(now -> {
            double worst = Double.NaN;
            for (Timer t : registry.find(name).tags(tags).timers()) {
                for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
                    if (Math.abs(v.percentile() - percentile) < 1e-9) {
                        double ms = v.value(TimeUnit.MILLISECONDS);
                        worst = Double.isNaN(worst) ? ms : Math.max(worst, ms);
                    }
                }
            }
            return Double.isNaN(worst) ? OptionalDouble.empty() : OptionalDouble.of(worst);
        }, search);
    }

    /**
     * 1 while a component's reported status is unhealthy, else 0; use with
     * {@code above(0.5)} and a {@code for} duration for "unhealthy for more than 2 minutes".
     *
     * @param health the registry
     * @param component the component name
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition unhealthy(HealthRegistry health, String component) {
        Objects.requireNonNull(health, "health must not be null");
        return now -> {
            HealthReport report = health.check();
            HealthReport.Component c = report.components().get(component);
            return c == null ? OptionalDouble.empty()
                    : OptionalDouble.of(c.result().status() == HealthStatus.UNHEALTHY ? 1 : 0);
        };
    }

    /**
     * Seconds since an event last happened (a decision, a tick): the dead man's switch. Empty
     * until it has happened once.
     *
     * @param lastEvent when it last happened, or null
     * @return the condition
     * @throws NullPointerException if {@code lastEvent} is null
     */
    public static Condition secondsSince(Supplier<Instant> lastEvent) {
        Objects.requireNonNull(lastEvent, "lastEvent must not be null");
        return now -> {
            Instant last = lastEvent.get();
            return last == null ? OptionalDouble.empty()
                    : OptionalDouble.of(Duration.between(last, now).toMillis() / 1000.0);
        };
    }

    /** A condition that reads {@code value} and reports the searches that find no meter now. */
    static Condition requiring(Condition value, MeterSearch... searches) {
        List<MeterSearch> needs = List.of(searches);
        return new Condition() {
            @Override
            public OptionalDouble value(Instant now) {
                return value.value(now);
            }

            @Override
            public List<String> missingMeters() {
                List<String> missing = new ArrayList<>();
                needs.forEach(n -> n.missing().ifPresent(missing::add));
                return missing;
            }
        };
    }

    /** A condition that combines others' values and reports every meter any of them misses. */
    static Condition combining(Condition value, Condition... parts) {
        List<Condition> sources = List.of(parts);
        return new Condition() {
            @Override
            public OptionalDouble value(Instant now) {
                return value.value(now);
            }

            @Override
            public List<String> missingMeters() {
                List<String> missing = new ArrayList<>();
                sources.forEach(c -> missing.addAll(c.missingMeters()));
                return missing;
            }
        };
    }

    /**
     * The gain of any running total (orders placed, rejects, bytes sent) over the last
     * {@code window}, sampled at each evaluation; before a full window, the gain so far (a lower
     * bound, so "more than N an hour" fires early). Empty while {@code total} is empty. The
     * condition is thread-safe.
     *
     * @param total the running total now, or empty when it cannot be read
     * @param window how far back
     * @return the condition
     * @throws NullPointerException if {@code total} or {@code window} is null
     */
    public static Condition windowedTotal(Supplier<OptionalDouble> total, Duration window) {
        Objects.requireNonNull(total, "total must not be null");
        return windowed(total, window, false, true);
    }

    /** A running total's growth per second over a full {@code window}; empty until one exists. */
    static Condition ratePerSecond(Supplier<OptionalDouble> total, Duration window) {
        return windowed(total, window, true, false);
    }

    /** Keeps (time, value) samples and answers the change over the window (per second if asked). */
    private static Condition windowed(Supplier<OptionalDouble> total, Duration window, boolean perSecond) {
        return windowed(total, window, perSecond, false);
    }

    private static Condition windowed(Supplier<OptionalDouble> total, Duration window, boolean perSecond,
            boolean partial) {
        Objects.requireNonNull(window, "window must not be null");
        ArrayDeque<double[]> samples = new ArrayDeque<>();
        return now -> {
            OptionalDouble current = total.get();
            if (current.isEmpty()) {
                return OptionalDouble.empty();
            }
            double t = now.toEpochMilli() / 1000.0;
            synchronized (samples) {
                double[] newest = samples.peekLast();
                if (newest != null && t < newest[0]) {
                    t = newest[0]; // another thread sampled later, or the wall clock stepped back
                }
                samples.addLast(new double[] {t, current.getAsDouble()});
                double horizon = t - window.toMillis() / 1000.0;
                // Keep the newest sample at or before the horizon as the window's start.
                while (samples.size() > 1) {
                    Iterator<double[]> it = samples.iterator();
                    it.next();
                    if (it.next()[0] > horizon) {
                        break;
                    }
                    samples.removeFirst();
                }
                double[] oldest = samples.peekFirst();
                if (oldest[0] > horizon + 1e-9 && !partial) {
                    return OptionalDouble.empty(); // not a full window of history yet
                }
                double increase = current.getAsDouble() - oldest[1];
                return OptionalDouble.of(perSecond ? increase / Math.max(1e-9, t - oldest[0]) : increase);
            }
        };
    }
}
