package dev.tradepulse.api.health;

import java.util.Locale;

/** How well a component, or the whole application, is doing; ordered from best to worst. Immutable. */
public enum HealthStatus {
    /** Working as intended. */
    HEALTHY,
    /** Working, but slower or with less margin than it should; worth a look. */
    DEGRADED,
    /** Not working. */
    UNHEALTHY;

    /**
     * The lowercase name used in JSON, as in {@code "healthy"}.
     *
     * @return the JSON name
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worse of two statuses.
     *
     * @param other another status
     * @return whichever is worse
     */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
