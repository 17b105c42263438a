package dev.tradepulse.core;

import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;

/**
 * A circuit breaker moved from one state to another. Immutable.
 *
 * @param name the circuit breaker's name
 * @param from the state it left
 * @param to the state it entered
 * @param failureRate the failure rate in percent when it changed, or {@code -1} when too few
 *     calls had been recorded to compute one
 * @param failedCalls the failed calls in the sliding window when it changed
 * @param at when it changed, from the monitoring's wall clock
 */
public record CircuitBreakerStateChange(
        String name,
        CircuitBreaker.State from,
        CircuitBreaker.State to,
        float failureRate,
        int failedCalls,
        Instant at) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException if {@code name}, {@code from}, {@code to} or {@code at} is null
     */
    public CircuitBreakerStateChange {
        Checks.notNull(name, "name");
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.notNull(at, "at");
    }
}
