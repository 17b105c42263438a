package dev.tradepulse.alerts;

import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one sink is delivered to: the deadline of one delivery, and optionally a retry and a
 * circuit breaker of its own. A sink without its own retry or breaker gets the dispatcher's
 * ({@link AlertDispatcherConfig#sinkRetry()}, {@link AlertDispatcherConfig#sinkCircuitBreaker()}).
 * The built-in sinks take these through their builders and expose them as {@link ConfiguredSink};
 * the dispatcher creates each sink's breaker, {@code alerts.sink.<name>}, with it in
 * {@link AlertDispatcher#circuitBreakerRegistry()}.
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe. Holds no secrets.
 */
public final class SinkConfig {

    /** The default deadline of one delivery: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final SinkConfig DEFAULTS = new Builder().build();

    private final Duration timeout;
    private final @Nullable RetryConfig retry;
    private final @Nullable CircuitBreakerConfig circuitBreaker;

    private SinkConfig(Builder b) {
        this.timeout = b.timeout;
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
    }

    /**
     * The defaults: a 10-second deadline, the dispatcher's retry and breaker.
     *
     * @return the default configuration
     */
    public static SinkConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts a configuration from an existing one.
     *
     * @param base the configuration to copy
     * @return a builder holding its settings
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(SinkConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.timeout = base.timeout;
        b.retry = base.retry;
        b.circuitBreaker = base.circuitBreaker;
        return b;
    }

    /** @return the deadline of one delivery (for HTTP sinks, the whole exchange; for email, each SMTP step) */
    public Duration timeout() {
        return timeout;
    }

    /** @return the sink's own retry, if it has one */
    public Optional<RetryConfig> retry() {
        return Optional.ofNullable(retry);
    }

    /** @return the sink's own circuit breaker, if it has one */
    public Optional<CircuitBreakerConfig> circuitBreaker() {
        return Optional.ofNullable(circuitBreaker);
    }

    @Override
    public String toString() {
        return "SinkConfig[timeout=" + timeout + ", retry.maxAttempts="
                + (retry == null ? "dispatcher's" : retry.getMaxAttempts()) + ", circuitBreaker="
                + (circuitBreaker == null ? "dispatcher's" : circuitBreaker) + "]";
    }

    /** Collects settings; each is checked when set. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable RetryConfig retry;
        private @Nullable CircuitBreakerConfig circuitBreaker;

        private Builder() {
        }

        /**
         * The deadline of one delivery; the default is {@link #DEFAULT_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * A retry of the sink's own (its attempts and interval function are used).
         *
         * @param retry the retry configuration
         * @return this builder
         * @throws NullPointerException if {@code retry} is null
         */
        public Builder retry(RetryConfig retry) {
            this.retry = Checks.notNull(retry, "retry");
            return this;
        }

        /**
         * A circuit breaker of the sink's own.
         *
         * @param breaker the breaker configuration
         * @return this builder
         * @throws NullPointerException if {@code breaker} is null
         */
        public Builder circuitBreaker(CircuitBreakerConfig breaker) {
            this.circuitBreaker = Checks.notNull(breaker, "breaker");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public SinkConfig build() {
            return new SinkConfig(this);
        }
    }
}
