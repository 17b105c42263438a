package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thresholds of {@link ClockSkewCheck}. The defaults, after Binance's rules for signed requests
 * (the {@code timestamp} parameter): a request stamped more than 1 s ahead of the server's clock is
 * refused ({@code -1021}), and one older than {@code recvWindow} (5 s unless the bot sets it) is
 * refused too. So:
 * <ul>
 *   <li>DEGRADED above a 1 s offset: from here some signed requests fail (every one, if the local
 *       clock runs ahead); time to fix NTP;</li>
 *   <li>UNHEALTHY above 5 s: the default receive window is gone either way, every signed request
 *       fails;</li>
 *   <li>the server-time fetch may take 1.5 s, inside the health registry's default 2 s check
 *       timeout; a slower answer could not measure a 1 s offset anyway.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; holds no secrets. {@link Builder} is not thread-safe.
 */
public final class ClockSkewConfig {

    private static final ClockSkewConfig DEFAULTS = new Builder().build();

    private final Duration degradedAbove;
    private final Duration unhealthyAbove;
    private final Duration timeout;

    private ClockSkewConfig(Builder b) {
        this.degradedAbove = b.degradedAbove;
        this.unhealthyAbove = b.unhealthyAbove;
        this.timeout = b.timeout;
    }

    /**
     * The defaults (see the class description).
     *
     * @return the defaults
     */
    public static ClockSkewConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts from another config.
     *
     * @param base the config to copy
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(ClockSkewConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.degradedAbove = base.degradedAbove;
        b.unhealthyAbove = base.unhealthyAbove;
        b.timeout = base.timeout;
        return b;
    }

    /** @return the offset above which the check is degraded */
    public Duration degradedAbove() {
        return degradedAbove;
    }

    /** @return the offset above which the check is unhealthy */
    public Duration unhealthyAbove() {
        return unhealthyAbove;
    }

    /** @return how long the server-time fetch may take */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ClockSkewConfig c && degradedAbove.equals(c.degradedAbove)
                && unhealthyAbove.equals(c.unhealthyAbove) && timeout.equals(c.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(degradedAbove, unhealthyAbove, timeout);
    }

    @Override
    public String toString() {
        return "ClockSkewConfig[degradedAbove=" + degradedAbove + ", unhealthyAbove=" + unhealthyAbove + ", timeout="
                + timeout + "]";
    }

    /** Collects settings; {@link #build()} checks them together. Not thread-safe. */
    public static final class Builder {
        private Duration degradedAbove = Duration.ofSeconds(1);
        private Duration unhealthyAbove = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofMillis(1500);

        private Builder() {
        }

        /**
         * The offsets above which the check is degraded and unhealthy; 1 s and 5 s by default.
         *
         * @param degraded positive
         * @param unhealthy at least {@code degraded}
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code degraded} is not positive or {@code unhealthy}
         *     is below it
         */
        public Builder thresholds(Duration degraded, Duration unhealthy) {
            Checks.positive(degraded, "degraded");
            Checks.positive(unhealthy, "unhealthy");
            if (unhealthy.compareTo(degraded) < 0) {
                throw new IllegalArgumentException("unhealthy must be at least degraded, got " + unhealthy + " and "
                        + degraded);
            }
            this.degradedAbove = degraded;
            this.unhealthyAbove = unhealthy;
            return this;
        }

        /**
         * How long the server-time fetch may take; 1.5 s by default.
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
         * Freezes the settings.
         *
         * @return the config
         */
        public ClockSkewConfig build() {
            return new ClockSkewConfig(this);
        }
    }
}
