package dev.tradepulse.core;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Times code under a metric name, tags each recording with its outcome, and logs slow calls.
 *
 * <p>Every recording goes to a Micrometer {@link io.micrometer.core.instrument.Timer} with the
 * timer's own tags plus {@code outcome} ({@code success} or {@code error}) and
 * {@code exception} (the simple class name of the exception thrown, or {@code none}). A call
 * slower than the slow-call threshold is logged at WARN as
 * {@code Function placeOrder completed in 2.45s}; other calls are logged at DEBUG.
 *
 * <p>Recording never breaks the caller: a meter or log failure is counted in
 * {@code tradepulse.instrumentation.failures} and logged at a bounded rate, and the timed
 * code's own result or exception is passed through unchanged.
 *
 * <pre>{@code
 * ExecutionTimer timer = monitoring.timer("exchange.order.latency")
 *     .tag("venue", "binance")
 *     .publishPercentiles(0.5, 0.95, 0.99)
 *     .slowCallThreshold(Duration.ofMillis(250))
 *     .build();
 * Order order = timer.record(() -> client.placeOrder(request));
 * }</pre>
 *
 * <p>Immutable and thread-safe: one timer may record from any number of threads at once. Its
 * {@link Builder} is not thread-safe.
 */
public interface ExecutionTimer {

    /**
     * The metric name.
     *
     * @return the name given to the builder
     */
    String name();

    /**
     * Runs and times {@code task}.
     *
     * @param task the code to time
     * @throws NullPointerException if {@code task} is null
     */
    void record(Runnable task);

    /**
     * Runs and times {@code task}, returning its result.
     *
     * @param task the code to time
     * @param <T> the result type
     * @return what {@code task} returned
     * @throws NullPointerException if {@code task} is null
     */
    <T> T record(Supplier<T> task);

    /**
     * Runs and times {@code task}; its checked exception comes out as thrown.
     *
     * @param task the code to time
     * @param <T> the result type
     * @return what {@code task} returned
     * @throws Exception what {@code task} threw
     * @throws NullPointerException if {@code task} is null
     */
    <T> T recordCallable(Callable<T> task) throws Exception;

    /**
     * Starts an asynchronous task and times it until its stage completes.
     *
     * @param task starts the work and returns its stage
     * @param <T> the result type
     * @return a stage that completes as the task's stage does, after the time is recorded
     * @throws NullPointerException if {@code task} is null
     */
    <T> CompletionStage<T> recordStage(Supplier<? extends CompletionStage<T>> task);

    /** Collects the settings of one timer; {@link #build()} registers nothing until first use. */
    interface Builder {

        /**
         * Adds a tag to every recording.
         *
         * @param key the tag key, not blank
         * @param value the tag value, not null
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code key} is blank
         */
        Builder tag(String key, String value);

        /**
         * Adds tags to every recording.
         *
         * @param tags the tags
         * @return this builder
         * @throws NullPointerException if {@code tags} is null
         */
        Builder tags(Tags tags);

        /**
         * Sets the meter description.
         *
         * @param description a human-readable description
         * @return this builder
         * @throws NullPointerException if {@code description} is null
         */
        Builder description(String description);

        /**
         * Publishes client-side percentiles, such as {@code 0.95}.
         *
         * @param percentiles each in [0, 1]
         * @return this builder
         * @throws NullPointerException if {@code percentiles} is null
         * @throws IllegalArgumentException if a percentile lies outside [0, 1]
         */
        Builder publishPercentiles(double... percentiles);

        /**
         * Publishes a percentile histogram, for server-side percentiles in Prometheus.
         *
         * @param enabled whether to publish it
         * @return this builder
         */
        Builder publishPercentileHistogram(boolean enabled);

        /**
         * Publishes histogram buckets at these service-level objectives.
         *
         * @param objectives positive durations
         * @return this builder
         * @throws NullPointerException if {@code objectives} or one of them is null
         * @throws IllegalArgumentException if an objective is not positive
         */
        Builder serviceLevelObjectives(Duration... objectives);

        /**
         * Calls slower than this are logged at WARN; the default comes from
         * {@link Monitoring.Builder#slowCallThreshold(Duration)}.
         *
         * @param threshold a positive duration
         * @return this builder
         * @throws NullPointerException if {@code threshold} is null
         * @throws IllegalArgumentException if {@code threshold} is not positive
         */
        Builder slowCallThreshold(Duration threshold);

        /**
         * Validates the settings and returns the timer.
         *
         * @return an immutable, thread-safe timer
         */
        ExecutionTimer build();
    }
}
