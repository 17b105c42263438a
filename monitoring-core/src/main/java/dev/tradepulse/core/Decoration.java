package dev.tradepulse.core;

import dev.tradepulse.api.support.Checks;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A named operation wrapped, once, in a timer, a retry and a circuit breaker, which then
 * decorates or runs any number of calls. Build it with {@link Monitoring#decoration(String)}.
 *
 * <p>The layers nest as resilience4j's annotations do: the timer outermost, measuring the
 * whole call including every attempt and every wait; then the retry; then the circuit
 * breaker, which sees each attempt. So a call rejected by an open breaker counts as a failed
 * attempt, and the retry may wait and try again.
 *
 * <pre>{@code
 * Decoration placeOrder = monitoring.decoration("placeOrder")
 *     .timer("exchange.requests")
 *     .retry("exchange")
 *     .circuitBreaker("exchange")
 *     .build();
 * Order order = placeOrder.call(() -> client.placeOrder(request));
 * }</pre>
 *
 * <p>Immutable and thread-safe: one decoration may run calls from any number of threads at once.
 * Its {@link Builder} is not thread-safe.
 */
public interface Decoration {

    /**
     * The operation name used in logs and in the {@code operation} tag.
     *
     * @return the name given to {@link Monitoring#decoration(String)}
     */
    String operation();

    /**
     * Runs {@code task} through the decoration.
     *
     * @param task the call
     * @param <T> the result type
     * @return the result of the first successful attempt
     * @throws Exception the failure of the last attempt, as thrown, or
     *     {@link io.github.resilience4j.circuitbreaker.CallNotPermittedException}
     * @throws NullPointerException if {@code task} is null
     */
    <T> T call(Callable<T> task) throws Exception;

    /**
     * Runs {@code task} through the decoration.
     *
     * @param task the call
     * @param <T> the result type
     * @return the result of the first successful attempt
     * @throws NullPointerException if {@code task} is null
     */
    <T> T get(Supplier<T> task);

    /**
     * Runs {@code task} through the decoration.
     *
     * @param task the call
     * @throws NullPointerException if {@code task} is null
     */
    void run(Runnable task);

    /**
     * Starts {@code task} through the decoration. Retries are scheduled, never slept on the
     * calling thread; the timer stops when the returned stage completes.
     *
     * @param task starts one attempt and returns its stage
     * @param <T> the result type
     * @return a stage completing with the first successful attempt, or the last failure
     * @throws NullPointerException if {@code task} is null
     */
    <T> CompletionStage<T> stage(Supplier<? extends CompletionStage<T>> task);

    /**
     * Wraps {@code task} so that each call to the result goes through this decoration.
     *
     * @param task the call
     * @param <T> the result type
     * @return the decorated supplier
     * @throws NullPointerException if {@code task} is null
     */
    default <T> Supplier<T> decorateSupplier(Supplier<T> task) {
        Checks.notNull(task, "task");
        return () -> get(task);
    }

    /**
     * Wraps {@code task} so that each call to the result goes through this decoration.
     *
     * @param task the call
     * @param <T> the result type
     * @return the decorated callable
     * @throws NullPointerException if {@code task} is null
     */
    default <T> Callable<T> decorateCallable(Callable<T> task) {
        Checks.notNull(task, "task");
        return () -> call(task);
    }

    /**
     * Wraps {@code task} so that each call to the result goes through this decoration.
     *
     * @param task the call
     * @return the decorated runnable
     * @throws NullPointerException if {@code task} is null
     */
    default Runnable decorateRunnable(Runnable task) {
        Checks.notNull(task, "task");
        return () -> run(task);
    }

    /**
     * Wraps {@code task} so that each call to the result goes through this decoration.
     *
     * @param task starts one attempt and returns its stage
     * @param <T> the result type
     * @return the decorated stage supplier
     * @throws NullPointerException if {@code task} is null
     */
    default <T> Supplier<CompletionStage<T>> decorateCompletionStage(Supplier<? extends CompletionStage<T>> task) {
        Checks.notNull(task, "task");
        return () -> stage(task);
    }

    /** Chooses the layers; {@link #build()} resolves the names at once, failing fast. */
    interface Builder {

        /**
         * Times each call with a timer of this metric name, tagged with the operation.
         *
         * @param metricName the timer's name, not blank
         * @return this builder
         * @throws NullPointerException if {@code metricName} is null
         * @throws IllegalArgumentException if {@code metricName} is blank
         */
        Builder timer(String metricName);

        /**
         * Times each call with this timer.
         *
         * @param timer a timer from {@link Monitoring#timer(String)}
         * @return this builder
         * @throws NullPointerException if {@code timer} is null
         * @throws IllegalArgumentException if {@code timer} comes from another monitoring
         */
        Builder timer(ExecutionTimer timer);

        /**
         * Retries with the named retry, which must already be known to the monitoring.
         *
         * @param name the retry's name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder retry(String name);

        /**
         * Guards each attempt with the named circuit breaker, which must already be known.
         *
         * @param name the circuit breaker's name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder circuitBreaker(String name);

        /**
         * Resolves the names and precomputes the chain.
         *
         * @return the decoration
         * @throws IllegalArgumentException naming the unknown retry or circuit breaker
         */
        Decoration build();
    }
}
