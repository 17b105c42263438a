package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The limits of a {@link PreTradeGate}. Built with {@link #custom()} or
 * {@link #from(PreTradeGateConfig)}, handed to {@link PreTradeGate.Builder#config(PreTradeGateConfig)}.
 *
 * <p>The defaults, and where each comes from:
 * <ul>
 *   <li>{@link #DEFAULT_MAX_ORDERS_PER_SECOND} 100: NautilusTrader's risk engine default
 *       ({@code max_order_submit_rate = "100/00:00:01"});</li>
 *   <li>{@link #DEFAULT_MAX_ORDERS_PER_MINUTE} 1,200: Binance USDⓈ-M futures' order-count limit per
 *       account and minute, so a runaway loop meets the gate before the exchange bans the key;</li>
 *   <li>max notional per order, max open positions, max leverage and max concentration: unset.
 *       They depend on the account; the seeds' {@code max_positions} is 3, a good first value.
 *       An unset double limit is {@code NaN}, an unset count is 0.</li>
 *   <li>{@link #DEFAULT_AUDIT_INTERVAL} one minute: at most one audit event per denial reason per
 *       minute, carrying the number suppressed since the previous one.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Holds no secrets.
 */
public final class PreTradeGateConfig {

    /** NautilusTrader's default order rate: 100 a second. */
    public static final int DEFAULT_MAX_ORDERS_PER_SECOND = 100;
    /** Binance USDⓈ-M futures' order limit: 1,200 a minute. */
    public static final int DEFAULT_MAX_ORDERS_PER_MINUTE = 1_200;
    /** At most one denial audit event per reason per minute. */
    public static final Duration DEFAULT_AUDIT_INTERVAL = Duration.ofMinutes(1);
    /** The largest rate limit accepted (each costs 8 bytes of memory per unit). */
    public static final int MAX_RATE_LIMIT = 100_000;

    private static final PreTradeGateConfig DEFAULTS = custom().build();

    private final int maxOrdersPerSecond;
    private final int maxOrdersPerMinute;
    private final double maxNotionalPerOrder;
    private final int maxOpenPositions;
    private final double maxLeverage;
    private final double maxConcentration;
    private final Duration auditInterval;

    private PreTradeGateConfig(Builder b) {
        this.maxOrdersPerSecond = b.maxOrdersPerSecond;
        this.maxOrdersPerMinute = b.maxOrdersPerMinute;
        this.maxNotionalPerOrder = b.maxNotionalPerOrder;
        this.maxOpenPositions = b.maxOpenPositions;
        this.maxLeverage = b.maxLeverage;
        this.maxConcentration = b.maxConcentration;
        this.auditInterval = b.auditInterval;
    }

    /** @return the defaults (see the class comment) */
    public static PreTradeGateConfig ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts from another config's settings.
     *
     * @param base the settings to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(PreTradeGateConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.maxOrdersPerSecond = base.maxOrdersPerSecond;
        b.maxOrdersPerMinute = base.maxOrdersPerMinute;
        b.maxNotionalPerOrder = base.maxNotionalPerOrder;
        b.maxOpenPositions = base.maxOpenPositions;
        b.maxLeverage = base.maxLeverage;
        b.maxConcentration = base.maxConcentration;
        b.auditInterval = base.auditInterval;
        return b;
    }

    /** @return orders allowed in any one second, 0 for no limit */
    public int maxOrdersPerSecond() {
        return maxOrdersPerSecond;
    }

    /** @return orders allowed in any one minute, 0 for no limit */
    public int maxOrdersPerMinute() {
        return maxOrdersPerMinute;
    }

    /** @return the largest notional of one order, NaN if unset */
    public double maxNotionalPerOrder() {
        return maxNotionalPerOrder;
    }

    /** @return the most open positions, 0 if unset */
    public int maxOpenPositions() {
        return maxOpenPositions;
    }

    /** @return the highest gross leverage an order may lead to, NaN if unset */
    public double maxLeverage() {
        return maxLeverage;
    }

    /** @return the largest share of gross notional one symbol may reach, 0 to 1, NaN if unset */
    public double maxConcentration() {
        return maxConcentration;
    }

    /** @return the least time between two audit events of one denial reason */
    public Duration auditInterval() {
        return auditInterval;
    }

    /** @return whether a limit that reads the open book is set */
    public boolean needsExposure() {
        return maxOpenPositions > 0 || !Double.isNaN(maxLeverage) || !Double.isNaN(maxConcentration);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PreTradeGateConfig c && maxOrdersPerSecond == c.maxOrdersPerSecond
                && maxOrdersPerMinute == c.maxOrdersPerMinute
                && Double.compare(maxNotionalPerOrder, c.maxNotionalPerOrder) == 0
                && maxOpenPositions == c.maxOpenPositions && Double.compare(maxLeverage, c.maxLeverage) == 0
                && Double.compare(maxConcentration, c.maxConcentration) == 0 && auditInterval.equals(c.auditInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxOrdersPerSecond, maxOrdersPerMinute, maxNotionalPerOrder, maxOpenPositions, maxLeverage,
                maxConcentration, auditInterval);
    }

    @Override
    public String toString() {
        return "PreTradeGateConfig[maxOrdersPerSecond=" + maxOrdersPerSecond + ", maxOrdersPerMinute="
                + maxOrdersPerMinute + ", maxNotionalPerOrder=" + maxNotionalPerOrder + ", maxOpenPositions="
                + maxOpenPositions + ", maxLeverage=" + maxLeverage + ", maxConcentration=" + maxConcentration
                + ", auditInterval=" + HumanDuration.format(auditInterval) + "]";
    }

    /** Collects settings, checking each at once. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private int maxOrdersPerSecond = DEFAULT_MAX_ORDERS_PER_SECOND;
        private int maxOrdersPerMinute = DEFAULT_MAX_ORDERS_PER_MINUTE;
        private double maxNotionalPerOrder = Double.NaN;
        private int maxOpenPositions;
        private double maxLeverage = Double.NaN;
        private double maxConcentration = Double.NaN;
        private Duration auditInterval = DEFAULT_AUDIT_INTERVAL;

        private Builder() {
        }

        /**
         * Orders allowed in any sliding one-second window; the default is 100.
         *
         * @param limit 0 (no limit) to {@link #MAX_RATE_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is out of range
         */
        public Builder maxOrdersPerSecond(int limit) {
            this.maxOrdersPerSecond = rate(limit, "limit");
            return this;
        }

        /**
         * Orders allowed in any sliding one-minute window; the default is 1,200.
         *
         * @param limit 0 (no limit) to {@link #MAX_RATE_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is out of range
         */
        public Builder maxOrdersPerMinute(int limit) {
            this.maxOrdersPerMinute = rate(limit, "limit");
            return this;
        }

        /**
         * The largest notional one order may have, reduce-only or not; unset by default.
         *
         * @param notional positive and finite, or NaN to unset
         * @return this builder
         * @throws IllegalArgumentException if {@code notional} is neither NaN nor positive and finite
         */
        public Builder maxNotionalPerOrder(double notional) {
            this.maxNotionalPerOrder = positiveOrNaN(notional, "notional");
            return this;
        }

        /**
         * The most open positions; an order in a symbol without a position is refused once this
         * many are open. Unset by default; needs an {@link ExposureSource}.
         *
         * @param positions at least 1, or 0 to unset
         * @return this builder
         * @throws IllegalArgumentException if {@code positions} is negative
         */
        public Builder maxOpenPositions(int positions) {
            if (positions < 0) {
                throw new IllegalArgumentException("positions must be 0 (unset) or more, got " + positions);
            }
            this.maxOpenPositions = positions;
            return this;
        }

        /**
         * The highest gross leverage (gross notional over equity) an order may lead to. Unset by
         * default; needs an {@link ExposureSource}.
         *
         * @param leverage positive and finite, or NaN to unset
         * @return this builder
         * @throws IllegalArgumentException if {@code leverage} is neither NaN nor positive and finite
         */
        public Builder maxLeverage(double leverage) {
            this.maxLeverage = positiveOrNaN(leverage, "leverage");
            return this;
        }

        /**
         * The largest share of gross notional one symbol may reach through an order, while other
         * positions are open (a book with one position is all one symbol by definition, so the
         * first position is exempt). Unset by default; needs an {@link ExposureSource}.
         *
         * @param share above 0 and at most 1, or NaN to unset
         * @return this builder
         * @throws IllegalArgumentException if {@code share} is out of range
         */
        public Builder maxConcentration(double share) {
            if (!Double.isNaN(share) && !(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be NaN or above 0 and at most 1, got " + share);
            }
            this.maxConcentration = share;
            return this;
        }

        /**
         * The least time between two audit events of one denial reason; denials in between are
         * counted and reported with the next one. The default is one minute.
         *
         * @param interval positive, at most a day
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is not positive or longer than a day
         */
        public Builder auditInterval(Duration interval) {
            Checks.positive(interval, "interval");
            if (interval.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("interval must be at most 1 day, got " + interval);
            }
            this.auditInterval = interval;
            return this;
        }

        /** @return the frozen config */
        public PreTradeGateConfig build() {
            return new PreTradeGateConfig(this);
        }

        private static int rate(int limit, String name) {
            if (limit < 0 || limit > MAX_RATE_LIMIT) {
                throw new IllegalArgumentException(name + " must be 0 (no limit) to " + MAX_RATE_LIMIT + ", got " + limit);
            }
            return limit;
        }

        private static double positiveOrNaN(double v, String name) {
            if (!Double.isNaN(v) && (!(v > 0) || !Double.isFinite(v))) {
                throw new IllegalArgumentException(name + " must be NaN (unset) or a positive finite number, got " + v);
            }
            return v;
        }
    }
}
