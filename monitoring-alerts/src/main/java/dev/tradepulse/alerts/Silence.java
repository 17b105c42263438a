package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes alerts whose labels all equal the given ones, between two instants: a maintenance
 * window, or a known incident. Muted alerts are counted ({@code tradepulse.alerts.silenced}),
 * not delivered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matchers label values an alert must all have; {@code severity} matches the severity name
 *     (and must name one: {@link #of(Severity, Instant, Instant, String)} is the typed form)
 * @param from the start, inclusive
 * @param until the end, exclusive
 * @param comment why, for people
 */
public record Silence(Map<String, String> matchers, Instant from, Instant until, String comment) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument, a matcher name or value is null
     * @throws IllegalArgumentException if there are no matchers, {@code severity} is matched
     *     against a value that is no severity, or {@code until} is not after {@code from}
     */
    public Silence {
        Objects.requireNonNull(matchers, "matchers must not be null");
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers must not be empty: a silence of everything is a mistake");
        }
        matchers = Matching.checkSeverity(Map.copyOf(matchers), "matchers");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(until, "until must not be null");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("until must be after from");
        }
        Objects.requireNonNull(comment, "comment must not be null");
    }

    /**
     * A silence of every alert of one severity.
     *
     * @param severity the severity to mute
     * @param from the start, inclusive
     * @param until the end, exclusive
     * @param comment why, for people
     * @return the silence
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    public static Silence of(Severity severity, Instant from, Instant until, String comment) {
        return new Silence(Matching.of(Objects.requireNonNull(severity, "severity must not be null")), from, until,
                comment);
    }

    /**
     * Whether this silence mutes the alert at this time.
     *
     * @param alert the alert
     * @param now the time
     * @return true if muted
     */
    public boolean mutes(Alert alert, Instant now) {
        return !now.isBefore(from) && now.isBefore(until) && Matching.matches(matchers, alert);
    }
}
