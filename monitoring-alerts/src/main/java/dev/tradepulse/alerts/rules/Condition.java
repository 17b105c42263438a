package dev.tradepulse.alerts.rules;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A measured value, read once per evaluation: a gauge, a counter's rate, a timer's percentile.
 * Empty when there is nothing to measure yet (no such meter, not enough history); an empty value
 * neither fires nor resolves a rule.
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
}
