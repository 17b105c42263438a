package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * While an alert matching {@code source} fires, alerts matching {@code target} that share the
 * {@code equal} labels' values are muted, as Alertmanager's inhibit rules: "exchange down" mutes
 * "order failures" for the same exchange, so the operator sees the cause, not a hundred symptoms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source label values of the muting alert ({@code severity} matches the severity name, and
 *     must name one)
 * @param target label values of the muted alerts
 * @param equal labels whose values must be the same in both
 */
public record Inhibition(Map<String, String> source, Map<String, String> target, List<String> equal) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument, a matcher name or value is null
     * @throws IllegalArgumentException if {@code source} or {@code target} is empty, or matches
     *     {@code severity} against a value that is no severity
     */
    public Inhibition {
        source = Matching.checkSeverity(Map.copyOf(Objects.requireNonNull(source, "source must not be null")),
                "source");
        target = Matching.checkSeverity(Map.copyOf(Objects.requireNonNull(target, "target must not be null")),
                "target");
        equal = List.copyOf(Objects.requireNonNull(equal, "equal must not be null"));
        if (source.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("source and target must each match something");
        }
    }

    /**
     * Whether {@code firing} mutes {@code candidate}.
     *
     * @param firing an alert that is firing
     * @param candidate the alert about to be sent
     * @return true if muted
     */
    public boolean mutes(Alert firing, Alert candidate) {
        if (firing.key().equals(candidate.key()) || !Matching.matches(source, firing)
                || !Matching.matches(target, candidate)) {
            return false;
        }
        for (String label : equal) {
            String v = firing.labels().get(label);
            if (v == null || !v.equals(candidate.labels().get(label))) {
                return false;
            }
        }
        return true;
    }
}
