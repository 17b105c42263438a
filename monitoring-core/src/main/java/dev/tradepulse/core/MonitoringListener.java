package dev.tradepulse.core;

/**
 * Receives resilience events worth acting on, such as opening a circuit breaker or giving up
 * on a retried call. The alerts module subscribes through this interface.
 *
 * <p>Listeners run on the thread that caused the event, which may be a trading thread, so
 * they must be quick and should hand off anything slow. Anything a listener throws (an
 * exception, a sneaky checked exception, an {@code Error} such as {@code AssertionError} or
 * {@code StackOverflowError}) is caught, counted in {@code tradepulse.instrumentation.failures}
 * and logged at a bounded rate; it never reaches the caller or replaces the caller's own
 * failure. A swallowed {@code InterruptedException} leaves the thread's interrupt flag set.
 *
 * <p>Threads: a listener may be called from several threads at once (every thread that calls a
 * proxy, and the asynchronous retry scheduler), so it must be thread-safe.
 */
public interface MonitoringListener {

    /**
     * Called after a circuit breaker changed state.
     *
     * @param event what changed
     */
    default void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
    }

    /**
     * Called when a retried call failed on its last permitted attempt.
     *
     * @param event which call gave up, and why
     */
    default void onRetryExhausted(RetryExhausted event) {
    }
}
