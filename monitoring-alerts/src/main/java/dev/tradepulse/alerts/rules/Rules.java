package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.alert.Severity;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** Ready-made rules for what the seeds alert on. Each returns a builder, so thresholds stay adjustable. *
 * <p>Stateless and thread-safe; each method returns a new, unshared builder.
 */
public final class Rules {

    private Rules() {
    }

    /**
     * "Error rate above X over a window" on a TradePulse timer (which tags {@code outcome}).
     *
     * @param registry the registry
     * @param timer the timer name, such as {@code exchange.requests}
     * @param fraction the threshold, such as 0.10
     * @param window such as 10 minutes
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder errorRateAbove(MeterRegistry registry, String timer, double fraction, Duration window) {
        return Rule.when("error-rate:" + timer, Conditions.errorRate(registry, timer, window)).above(fraction)
                .severity(Severity.HIGH).summary("Error rate of " + timer + " above " + Math.round(fraction * 100)
                        + "% over " + HumanDuration.format(window));
    }

    /**
     * "p95 latency above N ms"; the timer must publish its 0.95 percentile.
     *
     * @param registry the registry
     * @param timer the timer name
     * @param millis the threshold
     * @return the rule builder (MEDIUM)
     */
    public static Rule.Builder p95Above(MeterRegistry registry, String timer, double millis) {
        return Rule.when("p95-latency:" + timer, Conditions.timerPercentileMillis(registry, timer, Tags.empty(), 0.95))
                .above(millis).severity(Severity.MEDIUM).summary("p95 latency of " + timer + " above " + millis + " ms");
    }

    /**
     * "A circuit breaker opened", from resilience4j-micrometer's state gauge.
     *
     * @param registry the registry
     * @param breaker the breaker's name
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder circuitBreakerOpen(MeterRegistry registry, String breaker) {
        return Rule.when("circuit-breaker-open:" + breaker, Conditions.gauge(registry,
                "resilience4j.circuitbreaker.state", Tags.of("name", breaker, "state", "open"))).above(0.5)
                .severity(Severity.HIGH).summary("Circuit breaker '" + breaker + "' is open");
    }

    /**
     * "More than N retries an hour", the seeds' "&gt; 100 retries/hour": counts retry attempts
     * (each further attempt after a failure) from the retry's own events; see
     * {@link Conditions#retries(Retry, Duration)}. Fires within the first hour once the count
     * so far passes the threshold.
     *
     * @param retry the retry, such as {@code monitoring.retryRegistry().retry("exchange")}
     * @param perHour the threshold, such as 100
     * @return the rule builder (MEDIUM)
     * @throws NullPointerException if {@code retry} is null
     */
    public static Rule.Builder retriesPerHourAbove(Retry retry, double perHour) {
        Objects.requireNonNull(retry, "retry must not be null");
        return Rule.when("retries-per-hour:" + retry.getName(), Conditions.retries(retry, Duration.ofHours(1)))
                .above(perHour).severity(Severity.MEDIUM)
                .summary("More than " + Math.round(perHour) + " retries an hour on '" + retry.getName() + "'");
    }

    /**
     * "More than N retried calls an hour", from resilience4j-micrometer's
     * {@code resilience4j.retry.calls} function counters (kinds {@code successful_with_retry} and
     * {@code failed_with_retry}). These count calls that needed at least one retry, once each,
     * however many attempts they took: a lower bound on retry attempts. To count attempts, as the
     * seeds' "&gt; 100 retries/hour" means, use {@link #retriesPerHourAbove(Retry, double)}.
     *
     * @param registry the registry the retry's metrics are bound to
     * @param retry the retry's name
     * @param perHour the threshold, such as 100
     * @return the rule builder (MEDIUM)
     * @throws NullPointerException if an argument is null
     */
    public static Rule.Builder retriesPerHourAbove(MeterRegistry registry, String retry, double perHour) {
        Objects.requireNonNull(retry, "retry must not be null");
        MeterSearch retried = new MeterSearch(registry, "resilience4j.retry.calls",
                Tags.of("name", retry, "kind", "successful_with_retry"));
        MeterSearch failed = new MeterSearch(registry, "resilience4j.retry.calls",
                Tags.of("name", retry, "kind", "failed_with_retry"));
        Condition both = Conditions.windowedTotal(() -> {
            OptionalDouble a = retried.total();
            OptionalDouble b = failed.total();
            return a.isEmpty() && b.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(a.orElse(0) + b.orElse(0));
        }, Duration.ofHours(1));
        return Rule.when("retries-per-hour:" + retry, Conditions.requiring(both,
                new MeterSearch(registry, "resilience4j.retry.calls", Tags.of("name", retry))))
                .above(perHour).severity(Severity.MEDIUM)
                .summary("More than " + Math.round(perHour) + " retried calls an hour on '" + retry + "'");
    }

    /**
     * "Disk below N bytes free", from Micrometer's {@code DiskSpaceMetrics} gauge {@code disk.free}
     * (bind {@code new DiskSpaceMetrics(path)} to the registry). The seeds page at 1 GB.
     *
     * @param registry the registry
     * @param bytes the threshold
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder diskFreeBelow(MeterRegistry registry, double bytes) {
        return Rule.when("disk-free-low", Conditions.gauge(registry, "disk.free", Tags.empty())).below(bytes)
                .severity(Severity.HIGH).summary("Disk free below " + Math.round(bytes / 1e9 * 10) / 10.0 + " GB");
    }

    /**
     * "Heap used above a fraction of its maximum", from Micrometer's {@code JvmMemoryMetrics}
     * gauges {@code jvm.memory.used} and {@code jvm.memory.max} with {@code area=heap}.
     *
     * @param registry the registry
     * @param fraction the threshold, such as 0.9
     * @return the rule builder (MEDIUM)
     */
    public static Rule.Builder heapUsedAbove(MeterRegistry registry, double fraction) {
        Condition used = Conditions.gauge(registry, "jvm.memory.used", Tags.of("area", "heap"));
        Condition max = Conditions.gauge(registry, "jvm.memory.max", Tags.of("area", "heap"));
        Condition ratio = Conditions.combining(now -> {
            var u = used.value(now);
            var m = max.value(now);
            return u.isEmpty() || m.isEmpty() || m.getAsDouble() <= 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(u.getAsDouble() / m.getAsDouble());
        }, used, max);
        return Rule.when("heap-high", ratio).above(fraction).severity(Severity.MEDIUM)
                .summary("Heap above " + Math.round(fraction * 100) + "% of its maximum");
    }

    /**
     * The dead man's switch: "no event X for more than N".
     *
     * @param event the event's name, such as {@code decision}
     * @param lastEvent when it last happened
     * @param maxAge the longest acceptable silence
     * @return the rule builder (HIGH)
     * @throws NullPointerException if an argument is null
     */
    public static Rule.Builder noEventFor(String event, Supplier<Instant> lastEvent, Duration maxAge) {
        Objects.requireNonNull(event, "event must not be null");
        Objects.requireNonNull(maxAge, "maxAge must not be null");
        return Rule.when("no-" + event, Conditions.secondsSince(lastEvent)).above(maxAge.toMillis() / 1000.0)
                .severity(Severity.HIGH).summary("No " + event + " for more than " + HumanDuration.format(maxAge));
    }
}
