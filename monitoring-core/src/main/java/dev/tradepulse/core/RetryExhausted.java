package dev.tradepulse.core;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;

/**
 * A call failed on every attempt its retry allowed. Immutable (the failure is the caller's own object).
 *
 * @param retryName the name of the retry configuration
 * @param operation the operation that was retried, such as {@code ExchangeClient.placeOrder}
 * @param attempts how many attempts were made
 * @param lastFailure the failure of the last attempt
 * @param at when the retry gave up, from the monitoring's wall clock
 */
public record RetryExhausted(String retryName, String operation, int attempts, Throwable lastFailure, Instant at) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException if a component is null
     */
    public RetryExhausted {
        Checks.notNull(retryName, "retryName");
        Checks.notNull(operation, "operation");
        Checks.notNull(lastFailure, "lastFailure");
        Checks.notNull(at, "at");
    }
}
