package dev.tradepulse.api.health;

/**
 * Checks one component. Lambdas and the built-in checks in {@code dev.tradepulse.health.checks}
 * are equally first-class.
 *
 * <p>The registry times each run, bounds it with a timeout, and turns anything the check
 * throws ({@code Error}s such as {@code StackOverflowError} included) or a {@code null} result
 * into {@link HealthStatus#UNHEALTHY}; the next round runs the check afresh. A check need not
 * guard itself.
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
