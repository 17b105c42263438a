package dev.tradepulse.core;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker moved from one state to another.
 *
 * @param name the circuit breaker's name
 * @param from the state it left
 * @param to the state it entered
 * @param failureRate the failure rate in percent when it changed, or {@code -1} when too few
 *     calls had been recorded to compute one
 * @param failedCalls the failed calls in the sliding window when it changed
 * @param at when it changed, from the monitoring clock
 */
public record CircuitBreakerStateChange(
        String name,
        CircuitBreaker.State from,
        CircuitBreaker.State to,
        float failureRate,
        int failedCalls,
        Instant at) {

    /** Checks that no component is {@code null}. */
    public CircuitBreakerStateChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }
}
