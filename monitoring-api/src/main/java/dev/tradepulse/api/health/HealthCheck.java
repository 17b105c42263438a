package dev.tradepulse.api.health;

/**
 * Checks one component. Lambdas and the built-in checks in {@code dev.tradepulse.health.checks}
 * are equally first-class.
 *
 * <p>The registry times each run, bounds it with a timeout, and turns anything the check
 * throws ({@code Error}s such as {@code StackOverflowError} included) or a {@code null} result
 * into {@link HealthStatus#UNHEALTHY}; the next round runs the check afresh. A check need not
 * guard itself.
 *
 * <p>Threads: the registry runs a check on its worker threads, never two runs of one registered
 * check at once; but a check registered twice, or under two registries, or also called by its
 * owner, must be thread-safe. A run that overruns its timeout may still be running when a later
 * reader gets the "timed out" result; it should respond to interruption, which
 * {@code HealthRegistry.close()} uses to stop it.
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
