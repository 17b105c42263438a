package dev.tradepulse.health;

/**
 * Checks one component. Lambdas and the built-in checks in {@link dev.tradepulse.health.checks}
 * are equally first-class.
 *
 * <p>The registry times each run, bounds it with a timeout, and turns an exception or a
 * {@code null} result into {@link HealthStatus#UNHEALTHY}; a check need not guard itself.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Checks the component once.
     *
     * @return the result; its duration and time are filled in by the registry
     * @throws Exception any failure, which the registry reports as unhealthy
     */
    HealthResult check() throws Exception;
}
