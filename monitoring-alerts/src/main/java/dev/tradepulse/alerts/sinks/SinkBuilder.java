package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.SinkConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * What every sink's builder sets the same way: the sink's name, the deadline of one delivery,
 * the clock, and the resilience4j retry and circuit breaker the dispatcher uses for this sink
 * (by default, the dispatcher's own; see {@link SinkConfig}). Not thread-safe: configure on one
 * thread, then {@code build()}.
 *
 * @param <B> the concrete builder
 */
public abstract class SinkBuilder<B extends SinkBuilder<B>> {

    final SinkSettings settings;

    SinkBuilder(String defaultName) {
        this.settings = new SinkSettings(defaultName);
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * The sink's name, for routing, meters, health checks, its breaker ({@code alerts.sink.<name>})
     * and logs; the default is the kind of sink ({@code slack}, {@code email}, ...). Two sinks of
     * one kind need names of their own.
     *
     * @param name 1 to 64 letters, digits, '.', '_' or '-'
     * @return this builder
     * @throws IllegalArgumentException if the name is not of that form
     * @throws NullPointerException if the name is null
     */
    public B name(String name) {
        settings.name(name);
        return self();
    }

    /**
     * Takes the deadline, retry and breaker from a configuration, replacing those set so far.
     *
     * @param config the configuration
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public B config(SinkConfig config) {
        settings.config(config);
        return self();
    }

    /**
     * The deadline of one delivery: for an HTTP sink the whole exchange (connecting, sending, the
     * response headers and its body), for email each SMTP step. The default is 10 seconds.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public B timeout(Duration timeout) {
        settings.timeout(timeout);
        return self();
    }

    /**
     * The clock the sink reads the time from (an HTTP-date {@code Retry-After}, a message's date);
     * the default is the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public B clock(Clock clock) {
        settings.clock(clock);
        return self();
    }

    /**
     * How the dispatcher retries this sink (its attempts and interval function are used); the
     * default is the dispatcher's {@code AlertDispatcherConfig.sinkRetry()}.
     *
     * @param retry the retry configuration
     * @return this builder
     * @throws NullPointerException if {@code retry} is null
     */
    public B retry(RetryConfig retry) {
        settings.retry(retry);
        return self();
    }

    /**
     * The circuit breaker the dispatcher keeps for this sink, {@code alerts.sink.<name>}; the
     * default is the dispatcher's {@code AlertDispatcherConfig.sinkCircuitBreaker()}.
     *
     * @param breaker the breaker configuration
     * @return this builder
     * @throws NullPointerException if {@code breaker} is null
     */
    public B circuitBreaker(CircuitBreakerConfig breaker) {
        settings.circuitBreaker(breaker);
        return self();
    }
}
