package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's health at one moment: the overall status and each component's.
 *
 * <p>Aggregation: a {@link Criticality#CRITICAL} component that is unhealthy makes the report
 * unhealthy; a non-critical unhealthy one, or any degraded one, makes it degraded; otherwise it
 * is healthy. An empty registry (or group) reports healthy: the process is up and nothing it
 * depends on is known to be down, which is what a liveness probe should hear.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the overall status
 * @param timestamp when the report was made
 * @param components each component's result, by name, in name order
 */
public record HealthReport(HealthStatus status, Instant timestamp, Map<String, Component> components) {

    /**
     * One component's entry.
     *
     * @param result its latest result
     * @param criticality how much it counts
     */
    public record Component(HealthResult result, Criticality criticality) {

        /**
         * Checks that no component is {@code null}.
         *
         * @throws NullPointerException if an argument is null
         */
        public Component {
            Checks.notNull(result, "result");
            Checks.notNull(criticality, "criticality");
        }
    }

    /**
     * Copies the components into an unmodifiable map.
     *
     * @throws NullPointerException if an argument is null
     */
    public HealthReport {
        Checks.notNull(status, "status");
        Checks.notNull(timestamp, "timestamp");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(components, "components")));
    }

    /**
     * Aggregates components into a report.
     *
     * @param timestamp when
     * @param components by name, in the order to show
     * @return the report
     * @throws NullPointerException if an argument or a component is null
     */
    public static HealthReport of(Instant timestamp, Map<String, Component> components) {
        HealthStatus overall = HealthStatus.HEALTHY;
        for (Component c : components.values()) {
            HealthStatus s = c.result().status();
            if (s == HealthStatus.UNHEALTHY && c.criticality() == Criticality.CRITICAL) {
                overall = HealthStatus.UNHEALTHY;
            } else if (s != HealthStatus.HEALTHY) {
                overall = overall.worst(HealthStatus.DEGRADED);
            }
        }
        return new HealthReport(overall, timestamp, components);
    }
}
