package dev.tradepulse.health.status;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.HealthRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The status-page sections the health module contributes. Thread-safe: each section reads its
 * registry on every render, from whatever thread renders it.
 */
public final class HealthSections {

    private HealthSections() {
    }

    /**
     * A card per health check: status, latency and (with details) the message.
     *
     * @param registry the registry
     * @return the section
     * @throws NullPointerException if {@code registry} is null
     */
    public static StatusSection health(HealthRegistry registry) {
        Checks.notNull(registry, "registry");
        return StatusSection.of(HealthSection.ID, HealthSection.TITLE, details -> HealthSection.view(registry.check(), details));
    }

    /**
     * A card per circuit breaker: its state and (with details) failure rate and calls.
     *
     * @param registry the breakers
     * @return the section
     * @throws NullPointerException if {@code registry} is null
     */
    public static StatusSection circuitBreakers(CircuitBreakerRegistry registry) {
        Checks.notNull(registry, "registry");
        return StatusSection.of("breakers", "Circuit breakers", details -> BreakerSection.view(registry, details));
    }
}
