package dev.tradepulse.health.status;

import dev.tradepulse.health.HealthRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One part of the status page. Implementations must be cheap (the page asks about once a second
 * while someone watches) and must not block; a section that throws is shown as unavailable and
 * never breaks the page.
 *
 * <p>{@code details} is false for requests without the server's token: such a view shows
 * statuses only, never messages, values or anything a user typed.
 */
public interface StatusSection {

    /**
     * A stable identifier, used as the HTML anchor: letters, digits, '-' and '_'.
     *
     * @return the id
     */
    String id();

    /**
     * The heading.
     *
     * @return the title
     */
    String title();

    /**
     * What to show now.
     *
     * @param details whether the viewer may see details
     * @return the view
     */
    StatusView view(boolean details);

    /**
     * A card per health check: status, latency and (with details) the message.
     *
     * @param registry the registry
     * @return the section
     */
    static StatusSection health(HealthRegistry registry) {
        return new HealthSection(dev.tradepulse.core.internal.Checks.notNull(registry, "registry"));
    }

    /**
     * A card per circuit breaker: its state and (with details) failure rate and calls.
     *
     * @param registry the breakers
     * @return the section
     */
    static StatusSection circuitBreakers(CircuitBreakerRegistry registry) {
        return new BreakerSection(dev.tradepulse.core.internal.Checks.notNull(registry, "registry"));
    }
}
