package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Ready-made rules for what the seeds alert on. Each returns a builder, so thresholds stay
 * adjustable. Each rule links to its entry in the operations handbook ({@link Runbooks}), so the
 * alert it fires says what to do; {@code runbook(...)} on the builder replaces the link.
 *
 * <p>Stateless and thread-safe; each method returns a new, unshared builder.
 */
public final class Rules {

    /** The counters Micrometer's logging binders publish, each tagged {@code level}. */
    private static final List<String> LOG_EVENT_COUNTERS = List.of("logback.events", "log4j2.events");

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
                        + "% over " + HumanDuration.format(window)).runbook(Runbooks.entry("error-rate"));
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
                .above(millis).severity(Severity.MEDIUM).summary("p95 latency of " + timer + " above " + millis + " ms")
                .runbook(Runbooks.entry("p95-latency"));
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
                .severity(Severity.HIGH).summary("Circuit breaker '" + breaker + "' is open")
                .runbook(Runbooks.entry("circuit-breaker-open"));
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
                .summary("More than " + Math.round(perHour) + " retries an hour on '" + retry.getName() + "'")
                .runbook(Runbooks.entry("retries-per-hour"));
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
                .summary("More than " + Math.round(perHour) + " retried calls an hour on '" + retry + "'")
                .runbook(Runbooks.entry("retries-per-hour"));
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
                .severity(Severity.HIGH).summary("Disk free below " + Math.round(bytes / 1e9 * 10) / 10.0 + " GB")
                .runbook(Runbooks.entry("disk-free-low"));
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
                .summary("Heap above " + Math.round(fraction * 100) + "% of its maximum")
                .runbook(Runbooks.entry("heap-high"));
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
                .severity(Severity.HIGH).summary("No " + event + " for more than " + HumanDuration.format(maxAge))
                .runbook(Runbooks.entry("no-event"));
    }

    /**
     * "Log entries &gt; N a minute" (the NexTrade seed: more than 1000 a minute), from
     * Micrometer's logging binders: {@code LogbackMetrics} publishes {@code logback.events} and
     * {@code Log4j2Metrics} {@code log4j2.events}, each tagged {@code level} (function counters in
     * current Micrometer; plain counters of those names count as well). The value is the entries a minute over the last {@code window},
     * summed over both binders' counters if both are bound; it is empty (the rule neither fires
     * nor resolves) until a full window of history exists. The library ships no logging binding:
     * bind one of those binders to the registry in your application
     * ({@code new LogbackMetrics().bindTo(registry)}). While neither counter exists the rule stays
     * quiet, and the engine says so once, in one WARN line at its first round, and reports itself
     * DEGRADED naming the rule, until a binder is bound.
     *
     * @param registry the registry the binder is bound to
     * @param perMinute the threshold, such as 1000
     * @param window how far back the rate is measured, such as 5 minutes
     * @param levels the levels to count, such as {@code error} and {@code warn} (lower case, as
     *     the binders tag them: {@code trace}, {@code debug}, {@code info}, {@code warn},
     *     {@code error}, and Log4j2's {@code fatal}); none for every level
     * @return the rule builder (MEDIUM), named {@code log-volume} or, with levels, {@code log-volume:error,warn}
     * @throws NullPointerException if {@code registry}, {@code window}, {@code levels} or a level is null
     * @throws IllegalArgumentException if {@code perMinute} is negative or not finite, {@code window}
     *     is shorter than a second, or a level is blank
     */
    public static Rule.Builder logVolumeAbove(MeterRegistry registry, double perMinute, Duration window,
            String... levels) {
        Checks.notNull(registry, "registry");
        Checks.positive(window, "window");
        Checks.notNull(levels, "levels");
        if (!(perMinute >= 0) || Double.isInfinite(perMinute)) {
            throw new IllegalArgumentException("perMinute must be a finite number, 0 or more, got " + perMinute);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window must be at least a second, got " + window);
        }
        Set<String> wanted = new TreeSet<>();
        for (String level : levels) {
            wanted.add(Checks.notBlank(level, "level").strip().toLowerCase(Locale.ROOT));
        }
        List<MeterSearch> searches = new ArrayList<>();
        for (String meter : LOG_EVENT_COUNTERS) {
            if (wanted.isEmpty()) {
                searches.add(new MeterSearch(registry, meter, Tags.empty()));
            } else {
                wanted.forEach(level -> searches.add(new MeterSearch(registry, meter, Tags.of("level", level))));
            }
        }
        Condition perSecond = Conditions.ratePerSecond(() -> {
            double sum = 0;
            boolean any = false;
            for (MeterSearch search : searches) {
                OptionalDouble total = search.total();
                if (total.isPresent()) {
                    sum += total.getAsDouble();
                    any = true;
                }
            }
            return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
        }, window);
        String levelText = String.join(",", wanted);
        Condition perMinuteValue = new Condition() {
            @Override
            public OptionalDouble value(Instant now) {
                OptionalDouble v = perSecond.value(now);
                return v.isEmpty() ? v : OptionalDouble.of(v.getAsDouble() * 60);
            }

            @Override
            public List<String> missingMeters() {
                // either binder will do: missing only while neither has a counter
                for (MeterSearch search : searches) {
                    if (search.missing().isEmpty()) {
                        return List.of();
                    }
                }
                return List.of(String.join(" or ", LOG_EVENT_COUNTERS)
                        + (levelText.isEmpty() ? "" : "{level=" + levelText + "}")
                        + " (bind Micrometer's LogbackMetrics or Log4j2Metrics)");
            }
        };
        return Rule.when(levelText.isEmpty() ? "log-volume" : "log-volume:" + levelText, perMinuteValue)
                .above(perMinute).severity(Severity.MEDIUM)
                .summary("More than " + Math.round(perMinute) + " log entries a minute"
                        + (levelText.isEmpty() ? "" : " at " + levelText) + " over " + HumanDuration.format(window))
                .runbook(Runbooks.entry("log-volume"));
    }
}
