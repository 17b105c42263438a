package dev.tradepulse.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A call failed on every attempt its retry allowed.
 *
 * @param retryName the name of the retry configuration
 * @param operation the operation that was retried, such as {@code ExchangeClient.placeOrder}
 * @param attempts how many attempts were made
 * @param lastFailure the failure of the last attempt
 * @param at when the retry gave up, from the monitoring clock
 */
public record RetryExhausted(String retryName, String operation, int attempts, Throwable lastFailure, Instant at) {

    /** Checks that no component is {@code null}. */
    public RetryExhausted {
        Objects.requireNonNull(retryName, "retryName");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(at, "at");
    }
}
