package dev.tradepulse.alerts;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.List;

/**
 * One escalation tier: a CRITICAL alert neither acknowledged nor resolved {@code after} this long
 * since it fired is sent again to {@code sinks}, labelled {@code escalation=tier-N}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param after how long to wait for an acknowledgement; positive
 * @param sinks the tier's sink names; at least one
 */
public record Escalation(Duration after, List<String> sinks) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if {@code after}, {@code sinks} or a sink name is null
     * @throws IllegalArgumentException if {@code after} is not positive or {@code sinks} is empty
     */
    public Escalation {
        Checks.positive(after, "after");
        sinks = List.copyOf(Checks.notNull(sinks, "sinks"));
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("sinks must name at least one sink");
        }
    }
}
