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
     * A section from its id, title and a function that builds its view.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @return the section
     */
    static StatusSection of(String id, String title, java.util.function.Function<Boolean, StatusView> view) {
        dev.tradepulse.core.support.Checks.notNull(id, "id");
        dev.tradepulse.core.support.Checks.notNull(title, "title");
        dev.tradepulse.core.support.Checks.notNull(view, "view");
        return new StatusSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public StatusView view(boolean details) {
                return view.apply(details);
            }

            @Override
            public String toString() {
                return "StatusSection[" + id + "]";
            }
        };
    }

    /**
     * A card per health check: status, latency and (with details) the message.
     *
     * @param registry the registry
     * @return the section
     */
    static StatusSection health(HealthRegistry registry) {
        dev.tradepulse.core.support.Checks.notNull(registry, "registry");
        return of(HealthSection.ID, HealthSection.TITLE, details -> HealthSection.view(registry.check(), details));
    }

    /**
     * A card per circuit breaker: its state and (with details) failure rate and calls.
     *
     * @param registry the breakers
     * @return the section
     */
    static StatusSection circuitBreakers(CircuitBreakerRegistry registry) {
        dev.tradepulse.core.support.Checks.notNull(registry, "registry");
        return of("breakers", "Circuit breakers", details -> BreakerSection.view(registry, details));
    }
}
