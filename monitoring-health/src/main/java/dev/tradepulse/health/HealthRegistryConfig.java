package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.support.Checks;
import java.time.Duration;

/**
 * The settings of a {@link HealthRegistry}: how many checks run at once, the options of checks
 * registered without their own (timeout, background refresh, flap damping, initial status,
 * criticality, groups), and how long {@link HealthRegistry#close()} waits for running checks.
 * Runtime objects (the clock, the meter registry) are not settings; they are given to
 * {@link HealthRegistry.Builder}.
 *
 * <pre>{@code
 * HealthRegistryConfig config = HealthRegistryConfig.custom()
 *     .workers(8)
 *     .checkDefaults(CheckOptions.custom().timeout(Duration.ofSeconds(1)).damping(3, 2).build())
 *     .build();
 * HealthRegistry registry = HealthRegistry.builder().config(config).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 */
public final class HealthRegistryConfig {

    /** The most checks that run at once, by default. */
    public static final int DEFAULT_WORKERS = 32;

    /** How long {@link HealthRegistry#close()} waits for running checks, by default. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final HealthRegistryConfig DEFAULTS = custom().build();

    private final int workers;
    private final CheckOptions checkDefaults;
    private final Duration closeTimeout;

    private HealthRegistryConfig(Builder b) {
        this.workers = b.workers;
        this.checkDefaults = b.checkDefaults;
        this.closeTimeout = b.closeTimeout;
    }

    /**
     * Every default: 32 workers, {@link CheckOptions#DEFAULTS}, a 5-second close timeout.
     *
     * @return the default configuration
     */
    public static HealthRegistryConfig ofDefaults() {
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
     * Starts a builder holding {@code existing}'s settings, to change some of them.
     *
     * @param existing the configuration to copy
     * @return a new builder
     * @throws NullPointerException if {@code existing} is null
     */
    public static Builder from(HealthRegistryConfig existing) {
        Checks.notNull(existing, "existing");
        Builder b = new Builder();
        b.workers = existing.workers;
        b.checkDefaults = existing.checkDefaults;
        b.closeTimeout = existing.closeTimeout;
        return b;
    }

    /**
     * The most checks that run at once. Threads start only as checks need them and stop when idle.
     *
     * @return at least 1
     */
    public int workers() {
        return workers;
    }

    /**
     * The options of a check registered with {@link HealthRegistry#register(String, HealthCheck)}.
     *
     * @return the default check options
     */
    public CheckOptions checkDefaults() {
        return checkDefaults;
    }

    /**
     * How long {@link HealthRegistry#close()} waits for running checks to end after interrupting them.
     *
     * @return a positive duration
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "HealthRegistryConfig[workers=" + workers + ", checkDefaults=" + checkDefaults + ", closeTimeout="
                + closeTimeout + "]";
    }

    /** Collects settings; {@link #build()} copies them, so a builder may be reused. Not thread-safe. */
    public static final class Builder {

        private int workers = DEFAULT_WORKERS;
        private CheckOptions checkDefaults = CheckOptions.DEFAULTS;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /**
         * The most checks that run at once; the default is {@link HealthRegistryConfig#DEFAULT_WORKERS}.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        public Builder workers(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.workers = threads;
            return this;
        }

        /**
         * The options of checks registered without their own; the default is {@link CheckOptions#DEFAULTS}.
         *
         * @param options the options
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder checkDefaults(CheckOptions options) {
            this.checkDefaults = Checks.notNull(options, "options");
            return this;
        }

        /**
         * How long {@link HealthRegistry#close()} waits for running checks; the default is 5 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Copies the settings into an immutable configuration.
         *
         * @return the configuration
         */
        public HealthRegistryConfig build() {
            return new HealthRegistryConfig(this);
        }
    }
}
