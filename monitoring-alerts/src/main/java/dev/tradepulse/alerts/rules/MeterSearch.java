package dev.tradepulse.alerts.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** A name and tags to look meters up by, whatever their type. */
record MeterSearch(MeterRegistry registry, String name, Tags tags) {

    MeterSearch {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(name, "name must not be null");
        tags = tags == null ? Tags.empty() : tags;
    }

    /** @return a description of this search if no meter matches it now */
    Optional<String> missing() {
        return registry.find(name).tags(tags).meters().isEmpty() ? Optional.of(toString()) : Optional.empty();
    }

    /**
     * The summed count of every counting meter that matches: counters and function counters
     * (resilience4j's retry and breaker call counts are function counters), and the recording
     * counts of timers, function timers and distribution summaries.
     *
     * @return the total, or empty if nothing that counts matches
     */
    OptionalDouble total() {
        double sum = 0;
        boolean any = false;
        for (Meter meter : registry.find(name).tags(tags).meters()) {
            double count = countOf(meter);
            if (!Double.isNaN(count)) {
                sum += count;
                any = true;
            }
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static double countOf(Meter meter) {
        return meter.match(gauge -> Double.NaN, Counter::count, timer -> (double) timer.count(),
                summary -> (double) summary.count(), longTask -> Double.NaN, timeGauge -> Double.NaN,
                FunctionCounter::count, FunctionTimer::count, other -> Double.NaN);
    }

    @Override
    public String toString() {
        String tagText = tags.stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
        return tagText.isEmpty() ? name : name + "{" + tagText + "}";
    }
}
