package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sends alerts that match to named sinks: by severity, and by labels that must all be equal.
 * An alert goes to the sinks of every route it matches; one that matches none goes to the
 * dispatcher's default sinks.
 *
 * <pre>{@code
 * Route.to("pagerduty", "telegram").when(Severity.CRITICAL)
 * Route.to("slack").when(Severity.HIGH, Severity.MEDIUM).whenLabel("team", "execution")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Route {

    private final List<String> sinks;
    private final Set<Severity> severities;
    private final Map<String, String> labels;

    private Route(List<String> sinks, Set<Severity> severities, Map<String, String> labels) {
        this.sinks = List.copyOf(sinks);
        this.severities = severities.isEmpty() ? EnumSet.allOf(Severity.class) : EnumSet.copyOf(severities);
        this.labels = Map.copyOf(labels);
    }

    /**
     * A route to these sinks, for every alert until narrowed.
     *
     * @param sinks sink names, at least one
     * @return the route
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if no sink is named
     */
    public static Route to(String... sinks) {
        Objects.requireNonNull(sinks, "sinks must not be null");
        if (sinks.length == 0) {
            throw new IllegalArgumentException("sinks must name at least one sink");
        }
        return new Route(List.of(sinks), EnumSet.noneOf(Severity.class), Map.of());
    }

    /**
     * Narrows the route to these severities.
     *
     * @param severities the severities
     * @return a new route
     * @throws NullPointerException if an argument is null
     */
    public Route when(Severity... severities) {
        Objects.requireNonNull(severities, "severities must not be null");
        return new Route(sinks, Set.of(severities), labels);
    }

    /**
     * Narrows the route to alerts with this label value.
     *
     * @param name the label
     * @param value the value it must have
     * @return a new route
     * @throws NullPointerException if an argument is null
     */
    public Route whenLabel(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(Objects.requireNonNull(name, "name must not be null"), Objects.requireNonNull(value, "value must not be null"));
        return new Route(sinks, severities, more);
    }

    /** @return the sink names */
    public List<String> sinks() {
        return sinks;
    }

    /**
     * Whether an alert matches.
     *
     * @param alert the alert
     * @return true if its severity and labels match
     */
    public boolean matches(Alert alert) {
        if (!severities.contains(alert.severity())) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(alert.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Route" + severities + labels + " -> " + sinks;
    }
}
