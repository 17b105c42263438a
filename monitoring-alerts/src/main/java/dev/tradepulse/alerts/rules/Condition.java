package dev.tradepulse.alerts.rules;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A measured value, read once per evaluation: a gauge, a counter's rate, a timer's percentile.
 * Empty when there is nothing to measure yet (no such meter, not enough history); an empty value
 * neither fires nor resolves a rule.
 *
 * <p>Implementations must be thread-safe: an engine evaluates a rule on one thread at a time, but that thread may differ between rounds, and {@link #missingMeters()} is called by health checks on any thread.
 */
@FunctionalInterface
public interface Condition {

    /**
     * Reads the value now.
     *
     * @param now the engine's current time
     * @return the value, or empty
     */
    OptionalDouble value(Instant now);

    /**
     * The meters this condition reads that do not exist right now, each as people would search for
     * it, such as {@code resilience4j.retry.calls{name=exchange}}. A rule on a missing meter can
     * never fire, so the engine warns about it once and reports itself degraded while the list is
     * not empty. The conditions from {@link Conditions} say what they need; the default, for a
     * condition that reads no meter, is an empty list.
     *
     * @return the missing meters, or an empty list
     */
    default List<String> missingMeters() {
        return List.of();
    }
}
