package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link RateLimitHeadroom}. The defaults:
 * <ul>
 *   <li>alert above 80% of a limit used ({@code threshold}), leaving a fifth of the window for the
 *       bot to slow down before the exchange answers 429 and then bans (Binance's 418);</li>
 *   <li>a Binance {@code X-MBX-USED-WEIGHT-1M} weight is read against 2,400 a minute, the USD-M
 *       futures {@code REQUEST_WEIGHT} limit (spot's is 6,000: set {@link Builder#weightLimit} per
 *       exchange name, from {@code exchangeInfo}'s {@code rateLimits});</li>
 *   <li>a reading without a reset time counts for a minute ({@code staleAfter}, Binance's window),
 *       after which the used fraction reads 0: no header since means no request since;</li>
 *   <li>at most 32 exchanges and 256 headers per response are looked at; more are counted as bad
 *       values and ignored.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; holds no secrets. {@link Builder} is not thread-safe.
 */
public final class RateLimitConfig {

    private static final RateLimitConfig DEFAULTS = new Builder().build();

    private final double threshold;
    private final long defaultWeightLimit;
    private final Map<String, Long> weightLimits;
    private final Duration staleAfter;
    private final int maxExchanges;
    private final int maxHeaders;

    private RateLimitConfig(Builder b) {
        this.threshold = b.threshold;
        this.defaultWeightLimit = b.defaultWeightLimit;
        this.weightLimits = Map.copyOf(b.weightLimits);
        this.staleAfter = b.staleAfter;
        this.maxExchanges = b.maxExchanges;
        this.maxHeaders = b.maxHeaders;
    }

    /**
     * The defaults (see the class description).
     *
     * @return the defaults
     */
    public static RateLimitConfig ofDefaults() {
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
    public static Builder from(RateLimitConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.threshold = base.threshold;
        b.defaultWeightLimit = base.defaultWeightLimit;
        b.weightLimits.putAll(base.weightLimits);
        b.staleAfter = base.staleAfter;
        b.maxExchanges = base.maxExchanges;
        b.maxHeaders = base.maxHeaders;
        return b;
    }

    /** @return the used fraction the rule alerts above */
    public double threshold() {
        return threshold;
    }

    /**
     * @param exchange an exchange's name
     * @return the per-minute weight limit its {@code X-MBX-USED-WEIGHT} headers are read against
     * @throws NullPointerException if {@code exchange} is null
     */
    public long weightLimit(String exchange) {
        return weightLimits.getOrDefault(Checks.notNull(exchange, "exchange"), defaultWeightLimit);
    }

    /** @return how long a reading without a reset time counts */
    public Duration staleAfter() {
        return staleAfter;
    }

    /** @return the most exchanges tracked */
    public int maxExchanges() {
        return maxExchanges;
    }

    /** @return the most headers of one response looked at */
    public int maxHeaders() {
        return maxHeaders;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RateLimitConfig c && Double.compare(threshold, c.threshold) == 0
                && defaultWeightLimit == c.defaultWeightLimit && weightLimits.equals(c.weightLimits)
                && staleAfter.equals(c.staleAfter) && maxExchanges == c.maxExchanges && maxHeaders == c.maxHeaders;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold, defaultWeightLimit, weightLimits, staleAfter, maxExchanges, maxHeaders);
    }

    @Override
    public String toString() {
        return "RateLimitConfig[threshold=" + threshold + ", weightLimit=" + defaultWeightLimit + ", weightLimits="
                + new TreeMap<>(weightLimits) + ", staleAfter=" + staleAfter + ", maxExchanges=" + maxExchanges
                + ", maxHeaders=" + maxHeaders + "]";
    }

    /** Collects settings, checking each at once. Not thread-safe. */
    public static final class Builder {
        private double threshold = 0.8;
        private long defaultWeightLimit = 2400;
        private final Map<String, Long> weightLimits = new TreeMap<>();
        private Duration staleAfter = Duration.ofMinutes(1);
        private int maxExchanges = 32;
        private int maxHeaders = 256;

        private Builder() {
        }

        /**
         * The used fraction to alert above; 0.8 by default.
         *
         * @param fraction in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
         */
        public Builder threshold(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
            }
            this.threshold = fraction;
            return this;
        }

        /**
         * The per-minute weight limit for every exchange without its own; 2,400 by default.
         *
         * @param limit positive
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is not positive
         */
        public Builder weightLimit(long limit) {
            this.defaultWeightLimit = positive(limit);
            return this;
        }

        /**
         * One exchange's per-minute weight limit, such as 6,000 for {@code binance-spot}.
         *
         * @param exchange the name the bot reports under
         * @param limit positive
         * @return this builder
         * @throws NullPointerException if {@code exchange} is null
         * @throws IllegalArgumentException if {@code exchange} is blank or {@code limit} not positive
         */
        public Builder weightLimit(String exchange, long limit) {
            weightLimits.put(Checks.notBlank(exchange, "exchange"), positive(limit));
            return this;
        }

        /**
         * How long a reading without a reset time counts; a minute by default.
         *
         * @param after positive
         * @return this builder
         * @throws NullPointerException if {@code after} is null
         * @throws IllegalArgumentException if {@code after} is not positive
         */
        public Builder staleAfter(Duration after) {
            this.staleAfter = Checks.positive(after, "after");
            return this;
        }

        /**
         * The most exchanges tracked; 32 by default.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         */
        public Builder maxExchanges(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1, got " + max);
            }
            this.maxExchanges = max;
            return this;
        }

        /**
         * The most headers of one response looked at; 256 by default.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         */
        public Builder maxHeaders(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1, got " + max);
            }
            this.maxHeaders = max;
            return this;
        }

        /**
         * Freezes the settings.
         *
         * @return the config
         */
        public RateLimitConfig build() {
            return new RateLimitConfig(this);
        }

        private static long positive(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, got " + limit);
            }
            return limit;
        }
    }
}
