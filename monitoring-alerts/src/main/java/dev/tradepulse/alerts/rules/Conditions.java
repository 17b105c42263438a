package dev.tradepulse.alerts.rules;

import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.health.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The conditions the seeds alert on: gauge values, counter rates and increases over a window,
 * timer means and percentiles, error rates, component health, and a dead man's switch. Windowed
 * conditions keep their own samples, one per evaluation, so they need no Prometheus.
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
     */
    public static Condition gauge(MeterRegistry registry, String name, Tags tags) {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(name, "name must not be null");
        return now -> {
            var gauges = registry.find(name).tags(tags).gauges();
            return gauges.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(gauges.stream().mapToDouble(Gauge::value).sum());
        };
    }

    /**
     * How much matching counters grew over the last {@code window}.
     *
     * @param registry the registry
     * @param name the counter name
     * @param tags tags to match
     * @param window how far back
     * @return the condition; empty until a full window of history exists
     */
    public static Condition increase(MeterRegistry registry, String name, Tags tags, Duration window) {
        return windowed(counterTotal(registry, name, tags), window, false);
    }

    /**
     * Matching counters' growth per second over the last {@code window}.
     *
     * @param registry the registry
     * @param name the counter name
     * @param tags tags to match
     * @param window how far back
     * @return the condition
     */
    public static Condition rate(MeterRegistry registry, String name, Tags tags, Duration window) {
        return windowed(counterTotal(registry, name, tags), window, true);
    }

    /** The sum of matching counters, or empty if there are none. */
    private static Supplier<OptionalDouble> counterTotal(MeterRegistry registry, String name, Tags tags) {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(name, "name must not be null");
        return () -> {
            var counters = registry.find(name).tags(tags).counters();
            return counters.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(counters.stream().mapToDouble(Counter::count).sum());
        };
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
        Condition errors = windowed(() -> count(registry, timer, Tags.of("outcome", "error")), window, false);
        Condition all = windowed(() -> count(registry, timer, Tags.empty()), window, false);
        return now -> {
            OptionalDouble e = errors.value(now);
            OptionalDouble a = all.value(now);
            if (e.isEmpty() || a.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(a.getAsDouble() == 0 ? 0 : e.getAsDouble() / a.getAsDouble());
        };
    }

    /**
     * How many recordings matching timers gained over the last {@code window}, such as
     * exchange calls tagged {@code outcome=error}. Before a full window of history exists it is
     * the gain so far, a lower bound, so "more than 5 errors in 10 minutes" can fire early.
     *
     * @param registry the registry
     * @param timer the timer name
     * @param tags tags to match
     * @param window how far back
     * @return the condition
     */
    public static Condition timerCountIncrease(MeterRegistry registry, String timer, Tags tags, Duration window) {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(timer, "timer must not be null");
        return windowed(() -> count(registry, timer, tags), window, false, true);
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
        return now -> {
            OptionalDouble t = totalMs.value(now);
            OptionalDouble c = count.value(now);
            if (t.isEmpty() || c.isEmpty() || c.getAsDouble() == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(t.getAsDouble() / c.getAsDouble());
        };
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
        return now -> {
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
        };
    }

    /**
     * 1 while a component's reported status is unhealthy, else 0; use with
     * {@code above(0.5)} and a {@code for} duration for "unhealthy for more than 2 minutes".
     *
     * @param health the registry
     * @param component the component name
     * @return the condition
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
     */
    public static Condition secondsSince(Supplier<Instant> lastEvent) {
        Objects.requireNonNull(lastEvent, "lastEvent must not be null");
        return now -> {
            Instant last = lastEvent.get();
            return last == null ? OptionalDouble.empty()
                    : OptionalDouble.of(Duration.between(last, now).toMillis() / 1000.0);
        };
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
                samples.addLast(new double[] {t, current.getAsDouble()});
                double horizon = t - window.toMillis() / 1000.0;
                // Keep the newest sample at or before the horizon as the window's start.
                while (samples.size() > 1) {
                    java.util.Iterator<double[]> it = samples.iterator();
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
