package dev.tradepulse.core;

import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of a {@link Monitoring}: the slow-call thresholds and the named retries and
 * circuit breakers that annotations and decorations refer to. Runtime objects (the meter,
 * retry and circuit-breaker registries, the clock, the sleeper, the scheduler, listeners) are
 * not settings; they are given to {@link Monitoring.Builder}.
 *
 * <pre>{@code
 * MonitoringConfig config = MonitoringConfig.custom()
 *     .slowCallThreshold(Duration.ofMillis(500))
 *     .retry("exchange", RetryConfig.custom().maxAttempts(3).build())
 *     .circuitBreaker("exchange", CircuitBreakerConfig.ofDefaults())
 *     .build();
 * Monitoring monitoring = Monitoring.builder().meterRegistry(registry).config(config).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 */
public final class MonitoringConfig {

    /** Calls slower than this are logged at WARN, unless a threshold is set for their metric name. */
    public static final Duration DEFAULT_SLOW_CALL_THRESHOLD = Duration.ofSeconds(1);

    private static final MonitoringConfig DEFAULTS = custom().build();

    private final Duration slowCallThreshold;
    private final Map<String, Duration> slowCallThresholds;
    private final Map<String, RetryConfig> retries;
    private final Map<String, CircuitBreakerConfig> circuitBreakers;

    private MonitoringConfig(Builder b) {
        this.slowCallThreshold = b.slowCallThreshold;
        this.slowCallThresholds = Collections.unmodifiableMap(new TreeMap<>(b.slowCallThresholds));
        this.retries = Collections.unmodifiableMap(new LinkedHashMap<>(b.retries));
        this.circuitBreakers = Collections.unmodifiableMap(new LinkedHashMap<>(b.circuitBreakers));
    }

    /**
     * Every default: a 1-second slow-call threshold, no per-name thresholds, no named retries
     * or circuit breakers.
     *
     * @return the default configuration
     */
    public static MonitoringConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a new builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts a builder from an existing configuration, to change some of its settings.
     *
     * @param existing the configuration to copy
     * @return a new builder holding {@code existing}'s settings
     * @throws NullPointerException if {@code existing} is null
     */
    public static Builder from(MonitoringConfig existing) {
        Checks.notNull(existing, "existing");
        Builder b = new Builder();
        b.slowCallThreshold = existing.slowCallThreshold;
        b.slowCallThresholds.putAll(existing.slowCallThresholds);
        b.retries.putAll(existing.retries);
        b.circuitBreakers.putAll(existing.circuitBreakers);
        return b;
    }

    /**
     * The retry configuration used when a retry is named without one: 3 attempts with
     * exponential backoff from 500 ms, doubling, with ±50% jitter so that many bots failing
     * together do not retry in lockstep.
     *
     * @return the default retry configuration
     */
    public static RetryConfig defaultRetryConfig() {
        return RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.5))
                .build();
    }

    /**
     * Calls slower than this are logged at WARN.
     *
     * @return the default slow-call threshold, positive
     */
    public Duration slowCallThreshold() {
        return slowCallThreshold;
    }

    /**
     * Slow-call thresholds for the timers of one metric name, overriding the default.
     *
     * @return metric name to threshold, unmodifiable, sorted by name
     */
    public Map<String, Duration> slowCallThresholds() {
        return slowCallThresholds;
    }

    /**
     * The named retries registered when the monitoring is built.
     *
     * @return name to configuration, unmodifiable, in the order they were added
     */
    public Map<String, RetryConfig> retries() {
        return retries;
    }

    /**
     * The named circuit breakers registered when the monitoring is built.
     *
     * @return name to configuration, unmodifiable, in the order they were added
     */
    public Map<String, CircuitBreakerConfig> circuitBreakers() {
        return circuitBreakers;
    }

    @Override
    public String toString() {
        return "MonitoringConfig[slowCallThreshold=" + slowCallThreshold + ", slowCallThresholds=" + slowCallThresholds
                + ", retries=" + retries.keySet() + ", circuitBreakers=" + circuitBreakers.keySet() + "]";
    }

    /** Collects settings; {@link #build()} copies them, so a builder may be reused. Not thread-safe. */
    public static final class Builder {

        private Duration slowCallThreshold = DEFAULT_SLOW_CALL_THRESHOLD;
        private final Map<String, Duration> slowCallThresholds = new TreeMap<>();
        private final Map<String, RetryConfig> retries = new LinkedHashMap<>();
        private final Map<String, CircuitBreakerConfig> circuitBreakers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Calls slower than this are logged at WARN; the default is
         * {@link MonitoringConfig#DEFAULT_SLOW_CALL_THRESHOLD}.
         *
         * @param threshold a positive duration
         * @return this builder
         * @throws NullPointerException if {@code threshold} is null
         * @throws IllegalArgumentException if {@code threshold} is zero or negative
         */
        public Builder slowCallThreshold(Duration threshold) {
            this.slowCallThreshold = Checks.positive(threshold, "threshold");
            return this;
        }

        /**
         * A slow-call threshold for the timers of one metric name, overriding the default.
         *
         * @param metricName the timer name, as in {@code @Timed("...")}
         * @param threshold a positive duration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code metricName} is blank or {@code threshold} is not positive
         */
        public Builder slowCallThreshold(String metricName, Duration threshold) {
            slowCallThresholds.put(Checks.notBlank(metricName, "metricName"), Checks.positive(threshold, "threshold"));
            return this;
        }

        /**
         * Registers a named retry with {@link MonitoringConfig#defaultRetryConfig()}.
         *
         * @param name the name that {@code @Retry(name = ...)} refers to
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder retry(String name) {
            return retry(name, defaultRetryConfig());
        }

        /**
         * Registers a named retry, replacing one of that name.
         *
         * @param name the name that {@code @Retry(name = ...)} refers to
         * @param config its configuration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder retry(String name, RetryConfig config) {
            retries.put(Checks.notBlank(name, "name"), Checks.notNull(config, "config"));
            return this;
        }

        /**
         * Registers a named circuit breaker, replacing one of that name.
         *
         * @param name the name that {@code @CircuitBreaker(name = ...)} refers to
         * @param config its configuration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder circuitBreaker(String name, CircuitBreakerConfig config) {
            circuitBreakers.put(Checks.notBlank(name, "name"), Checks.notNull(config, "config"));
            return this;
        }

        /**
         * Copies the settings into an immutable configuration.
         *
         * @return the configuration
         */
        public MonitoringConfig build() {
            return new MonitoringConfig(this);
        }
    }
}
