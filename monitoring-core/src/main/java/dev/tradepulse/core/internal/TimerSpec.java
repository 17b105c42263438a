package dev.tradepulse.core.internal;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of one timer, from an annotation or from {@code ExecutionTimer.Builder}.
 *
 * @param name the metric name
 * @param tags the timer's own tags
 * @param description the meter description, or null
 * @param percentiles client-side percentiles
 * @param histogram whether to publish a percentile histogram
 * @param slos service-level-objective buckets
 * @param slowCallThreshold the slow-call threshold, or null for the configured default
 * @param longTask whether this is a long-task timer (from {@code @Timed(longTask = true)})
 */
record TimerSpec(String name, Tags tags, @Nullable String description, double[] percentiles, boolean histogram,
        Duration[] slos, @Nullable Duration slowCallThreshold, boolean longTask) {

    TimerSpec {
        percentiles = percentiles.clone();
        slos = slos.clone();
    }
}
