package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The risk limits {@link RiskRules#forStrategy} turns into rules. The defaults are the seeds':
 * warn at a 10% daily loss and halt at 15%, halt on a 20% balance drop within an hour, alert above
 * a 15% drawdown, below a 40% win rate after 20 trades, below a profit factor of 1, above 3 open
 * positions, within 5% of liquidation, on a VaR breach, and after an hour without a decision.
 * Leverage and concentration have no seed limit and are unset. A limit is unset with NaN (or 0
 * positions, or no silence), and then makes no rule.
 *
 * <p>Every limit that halts (the daily loss halt and the balance drop) also gets a HIGH
 * pre-warning at {@link #preWarning()} of the limit, 80% by default: a −12% warning before the
 * −15% daily halt, a 16% warning before the 20% balance drop halt. The maximum drawdown limit
 * alerts but does not halt, so it has no pre-warning.
 *
 * <p>Immutable and thread-safe. Holds no secrets.
 */
public final class RiskRulesConfig {

    private static final RiskRulesConfig DEFAULTS = new Builder().build();

    private final double dailyLossWarning;
    private final double dailyLossHalt;
    private final double balanceDrop;
    private final Duration balanceDropWindow;
    private final double maxDrawdown;
    private final double minWinRate;
    private final long winRateAfterTrades;
    private final double minProfitFactor;
    private final int maxOpenPositions;
    private final double liquidationDistance;
    private final double maxLeverage;
    private final double maxConcentration;
    private final boolean varBreach;
    private final @Nullable Duration maxSilence;
    private final double preWarning;

    private RiskRulesConfig(Builder b) {
        this.dailyLossWarning = b.dailyLossWarning;
        this.dailyLossHalt = b.dailyLossHalt;
        this.balanceDrop = b.balanceDrop;
        this.balanceDropWindow = b.balanceDropWindow;
        this.maxDrawdown = b.maxDrawdown;
        this.minWinRate = b.minWinRate;
        this.winRateAfterTrades = b.winRateAfterTrades;
        this.minProfitFactor = b.minProfitFactor;
        this.maxOpenPositions = b.maxOpenPositions;
        this.liquidationDistance = b.liquidationDistance;
        this.maxLeverage = b.maxLeverage;
        this.maxConcentration = b.maxConcentration;
        this.varBreach = b.varBreach;
        this.maxSilence = b.maxSilence;
        this.preWarning = b.preWarning;
    }

    /**
     * The seeds' limits (see the class description).
     *
     * @return the default limits
     */
    public static RiskRulesConfig ofDefaults() {
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
     * Starts from another config's limits.
     *
     * @param base the limits to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(RiskRulesConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /** @return today's return to warn below, such as −0.10; NaN if unset */
    public double dailyLossWarning() {
        return dailyLossWarning;
    }

    /** @return today's return to halt below, such as −0.15; NaN if unset */
    public double dailyLossHalt() {
        return dailyLossHalt;
    }

    /** @return the balance drop within {@link #balanceDropWindow()} to halt above, such as 0.20; NaN if unset */
    public double balanceDrop() {
        return balanceDrop;
    }

    /** @return the window of {@link #balanceDrop()} */
    public Duration balanceDropWindow() {
        return balanceDropWindow;
    }

    /** @return the drawdown to alert above, such as 0.15; NaN if unset */
    public double maxDrawdown() {
        return maxDrawdown;
    }

    /** @return the win rate to alert below, such as 0.40; NaN if unset */
    public double minWinRate() {
        return minWinRate;
    }

    /** @return how many trades the win-rate rule waits for */
    public long winRateAfterTrades() {
        return winRateAfterTrades;
    }

    /** @return the profit factor to alert below, such as 1.0; NaN if unset */
    public double minProfitFactor() {
        return minProfitFactor;
    }

    /** @return the most open positions allowed; 0 if unset */
    public int maxOpenPositions() {
        return maxOpenPositions;
    }

    /** @return the distance to liquidation to alert within, such as 0.05; NaN if unset */
    public double liquidationDistance() {
        return liquidationDistance;
    }

    /** @return the leverage to alert above; NaN if unset */
    public double maxLeverage() {
        return maxLeverage;
    }

    /** @return one position's share of exposure to alert above; NaN if unset */
    public double maxConcentration() {
        return maxConcentration;
    }

    /** @return whether to alert when today's loss is worse than the 1-day VaR 95% */
    public boolean varBreach() {
        return varBreach;
    }

    /** @return how long without a decision before the dead man's switch alerts, if set */
    public Optional<Duration> maxSilence() {
        return Optional.ofNullable(maxSilence);
    }

    /**
     * The fraction of each halting limit at which its HIGH pre-warning fires: 0.8 by default, so
     * a −15% daily loss halt warns at −12%.
     *
     * @return a fraction in (0, 1), or NaN for no pre-warnings
     */
    public double preWarning() {
        return preWarning;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RiskRulesConfig c && Double.compare(dailyLossWarning, c.dailyLossWarning) == 0
                && Double.compare(dailyLossHalt, c.dailyLossHalt) == 0 && Double.compare(balanceDrop, c.balanceDrop) == 0
                && balanceDropWindow.equals(c.balanceDropWindow) && Double.compare(maxDrawdown, c.maxDrawdown) == 0
                && Double.compare(minWinRate, c.minWinRate) == 0 && winRateAfterTrades == c.winRateAfterTrades
                && Double.compare(minProfitFactor, c.minProfitFactor) == 0 && maxOpenPositions == c.maxOpenPositions
                && Double.compare(liquidationDistance, c.liquidationDistance) == 0
                && Double.compare(maxLeverage, c.maxLeverage) == 0
                && Double.compare(maxConcentration, c.maxConcentration) == 0 && varBreach == c.varBreach
                && Objects.equals(maxSilence, c.maxSilence) && Double.compare(preWarning, c.preWarning) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dailyLossWarning, dailyLossHalt, balanceDrop, balanceDropWindow, maxDrawdown, minWinRate,
                winRateAfterTrades, minProfitFactor, maxOpenPositions, liquidationDistance, maxLeverage,
                maxConcentration, varBreach, maxSilence, preWarning);
    }

    @Override
    public String toString() {
        return "RiskRulesConfig[dailyLossWarning=" + dailyLossWarning + ", dailyLossHalt=" + dailyLossHalt
                + ", balanceDrop=" + balanceDrop + " within " + HumanDuration.format(balanceDropWindow)
                + ", maxDrawdown=" + maxDrawdown + ", minWinRate=" + minWinRate + " after " + winRateAfterTrades
                + " trades, minProfitFactor=" + minProfitFactor + ", maxOpenPositions=" + maxOpenPositions
                + ", liquidationDistance=" + liquidationDistance + ", maxLeverage=" + maxLeverage
                + ", maxConcentration=" + maxConcentration + ", varBreach=" + varBreach + ", maxSilence="
                + (maxSilence == null ? "unset" : HumanDuration.format(maxSilence)) + ", preWarning=" + preWarning + "]";
    }

    /**
     * Collects limits, checking each at once and naming it; NaN unsets a limit. Not thread-safe:
     * confine a builder to one thread.
     */
    public static final class Builder {
        private double dailyLossWarning = -0.10;
        private double dailyLossHalt = -0.15;
        private double balanceDrop = 0.20;
        private Duration balanceDropWindow = Duration.ofHours(1);
        private double maxDrawdown = 0.15;
        private double minWinRate = 0.40;
        private long winRateAfterTrades = 20;
        private double minProfitFactor = 1.0;
        private int maxOpenPositions = 3;
        private double liquidationDistance = 0.05;
        private double maxLeverage = Double.NaN;
        private double maxConcentration = Double.NaN;
        private boolean varBreach = true;
        private @Nullable Duration maxSilence = Duration.ofHours(1);
        private double preWarning = 0.8;

        private Builder() {
        }

        private Builder(RiskRulesConfig base) {
            this.dailyLossWarning = base.dailyLossWarning;
            this.dailyLossHalt = base.dailyLossHalt;
            this.balanceDrop = base.balanceDrop;
            this.balanceDropWindow = base.balanceDropWindow;
            this.maxDrawdown = base.maxDrawdown;
            this.minWinRate = base.minWinRate;
            this.winRateAfterTrades = base.winRateAfterTrades;
            this.minProfitFactor = base.minProfitFactor;
            this.maxOpenPositions = base.maxOpenPositions;
            this.liquidationDistance = base.liquidationDistance;
            this.maxLeverage = base.maxLeverage;
            this.maxConcentration = base.maxConcentration;
            this.varBreach = base.varBreach;
            this.maxSilence = base.maxSilence;
            this.preWarning = base.preWarning;
        }

        /**
         * The daily loss levels: warn (HIGH) below {@code warnAt}, halt (CRITICAL, tripping the
         * kill switch) below {@code haltAt}; the seeds' are −0.10 and −0.15.
         *
         * @param warnAt a loss in (−1, 0), or NaN for no warning
         * @param haltAt a loss in (−1, 0) at or beyond {@code warnAt}, or NaN for no halt
         * @return this builder
         * @throws IllegalArgumentException if a level is out of range or the halt comes before the warning
         */
        public Builder dailyLoss(double warnAt, double haltAt) {
            unsetOr(warnAt, v -> RiskRules.loss(v, "warnAt"));
            unsetOr(haltAt, v -> RiskRules.loss(v, "haltAt"));
            if (!Double.isNaN(warnAt) && !Double.isNaN(haltAt) && haltAt > warnAt) {
                throw new IllegalArgumentException("haltAt must be at or beyond warnAt, got haltAt " + haltAt
                        + " and warnAt " + warnAt);
            }
            this.dailyLossWarning = warnAt;
            this.dailyLossHalt = haltAt;
            return this;
        }

        /**
         * Halt when the balance drops more than {@code fraction} within {@code window}; the
         * seeds': 0.20 within an hour.
         *
         * @param fraction in (0, 1], or NaN for no rule
         * @param window positive, at most a day (the tracker looks back a day)
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if {@code fraction} is out of range or {@code window} is
         *     not positive or longer than a day
         */
        public Builder balanceDrop(double fraction, Duration window) {
            unsetOr(fraction, v -> RiskRules.fraction(v, "fraction"));
            Checks.positive(window, "window");
            if (window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("window must be at most 1 day, but was " + window);
            }
            this.balanceDrop = fraction;
            this.balanceDropWindow = window;
            return this;
        }

        /**
         * Alert above this drawdown; the seeds': 0.15.
         *
         * @param fraction in (0, 1], or NaN for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is out of range
         */
        public Builder maxDrawdown(double fraction) {
            unsetOr(fraction, v -> RiskRules.fraction(v, "fraction"));
            this.maxDrawdown = fraction;
            return this;
        }

        /**
         * Alert below this win rate once there are enough trades; the seeds': 0.40 after 20.
         *
         * @param fraction in (0, 1], or NaN for no rule
         * @param afterTrades not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is out of range or {@code afterTrades} negative
         */
        public Builder minWinRate(double fraction, long afterTrades) {
            unsetOr(fraction, v -> RiskRules.fraction(v, "fraction"));
            if (afterTrades < 0) {
                throw new IllegalArgumentException("afterTrades must not be negative, got " + afterTrades);
            }
            this.minWinRate = fraction;
            this.winRateAfterTrades = afterTrades;
            return this;
        }

        /**
         * Alert below this profit factor; the seeds': 1.0.
         *
         * @param factor positive and finite, or NaN for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code factor} is out of range
         */
        public Builder minProfitFactor(double factor) {
            unsetOr(factor, v -> RiskRules.positive(v, "factor"));
            this.minProfitFactor = factor;
            return this;
        }

        /**
         * Alert above this many open positions; the seeds' {@code max_positions} default is 3.
         *
         * @param max positive, or 0 for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxOpenPositions(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must not be negative, got " + max);
            }
            this.maxOpenPositions = max;
            return this;
        }

        /**
         * Alert when a position is within this fraction of its liquidation price; 0.05 by default.
         *
         * @param fraction in (0, 1], or NaN for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is out of range
         */
        public Builder liquidationDistance(double fraction) {
            unsetOr(fraction, v -> RiskRules.fraction(v, "fraction"));
            this.liquidationDistance = fraction;
            return this;
        }

        /**
         * Alert above this leverage; unset by default.
         *
         * @param max positive and finite, or NaN for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is out of range
         */
        public Builder maxLeverage(double max) {
            unsetOr(max, v -> RiskRules.positive(v, "max"));
            this.maxLeverage = max;
            return this;
        }

        /**
         * Alert when one position is above this share of exposure; unset by default.
         *
         * @param fraction in (0, 1], or NaN for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is out of range
         */
        public Builder maxConcentration(double fraction) {
            unsetOr(fraction, v -> RiskRules.fraction(v, "fraction"));
            this.maxConcentration = fraction;
            return this;
        }

        /**
         * Whether to alert when today's loss is worse than the 1-day VaR 95%; on by default.
         *
         * @param enabled whether to
         * @return this builder
         */
        public Builder varBreach(boolean enabled) {
            this.varBreach = enabled;
            return this;
        }

        /**
         * The dead man's switch: alert after this long without a decision; an hour by default.
         *
         * @param silence positive, or null for no rule
         * @return this builder
         * @throws IllegalArgumentException if {@code silence} is not positive
         */
        public Builder maxSilence(@Nullable Duration silence) {
            if (silence != null) {
                Checks.positive(silence, "silence");
            }
            this.maxSilence = silence;
            return this;
        }

        /**
         * The pre-warnings: a HIGH alert at this fraction of every halting limit (the daily loss
         * halt, the balance drop); 0.8 by default.
         *
         * @param fraction in (0, 1), or NaN for no pre-warnings
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
         */
        public Builder preWarning(double fraction) {
            unsetOr(fraction, v -> {
                if (!(v > 0 && v < 1)) {
                    throw new IllegalArgumentException("fraction must be in (0, 1), got " + v);
                }
            });
            this.preWarning = fraction;
            return this;
        }

        /**
         * Freezes the limits.
         *
         * @return the config
         */
        public RiskRulesConfig build() {
            return new RiskRulesConfig(this);
        }

        /** NaN unsets a limit; anything else must pass the check. */
        private static void unsetOr(double value, DoubleConsumer check) {
            if (!Double.isNaN(value)) {
                check.accept(value);
            }
        }
    }
}
