package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link PerformanceTracker}: where days begin, how figures are annualised,
 * how much history the VaR window, the equity curve and the trade tape keep, and the targets to
 * report against. Built once with {@link #custom()} (or {@link #from(PerformanceTrackerConfig)}
 * to change a few settings of another), then handed to
 * {@link PerformanceTracker.Builder#config(PerformanceTrackerConfig)}.
 *
 * <p>Immutable and thread-safe. Holds no secrets.
 */
public final class PerformanceTrackerConfig {

    /** Days begin at midnight UTC by default. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
    /** 252 periods (trading days) a year by default; use 365 for crypto. */
    public static final double DEFAULT_PERIODS_PER_YEAR = 252;
    /** No risk-free rate by default. */
    public static final double DEFAULT_RISK_FREE_RATE = 0;
    /** VaR looks at the latest 252 daily returns by default. */
    public static final int DEFAULT_VAR_WINDOW = 252;
    /** The fewest daily returns the VaR window may hold: 20. */
    public static final int MIN_VAR_WINDOW = 20;
    /** The equity curve keeps 90 points by default. */
    public static final int DEFAULT_CURVE_POINTS = 90;
    /** The most points the equity curve may keep: 3,650. */
    public static final int MAX_CURVE_POINTS = 3_650;
    /** Each equity-curve point closes one day (on UTC boundaries) by default. */
    public static final Duration DEFAULT_CURVE_RESOLUTION = Duration.ofDays(1);
    /** The trade tape behind period reports keeps the latest 100,000 trades by default. */
    public static final int DEFAULT_TRADE_TAPE = 100_000;
    /** The most trades the tape may keep: 10,000,000 (16 bytes each). */
    public static final int MAX_TRADE_TAPE = 10_000_000;

    private static final PerformanceTrackerConfig DEFAULTS = new Builder().build();

    private final ZoneId zone;
    private final double periodsPerYear;
    private final double riskFreeRate;
    private final int varWindow;
    private final int curvePoints;
    private final Duration curveResolution;
    private final int tradeTape;
    private final @Nullable Targets targets;

    private PerformanceTrackerConfig(Builder b) {
        this.zone = b.zone;
        this.periodsPerYear = b.periodsPerYear;
        this.riskFreeRate = b.riskFreeRate;
        this.varWindow = b.varWindow;
        this.curvePoints = b.curvePoints;
        this.curveResolution = b.curveResolution;
        this.tradeTape = b.tradeTape;
        this.targets = b.targets;
    }

    /**
     * The defaults: UTC days, 252 periods a year, no risk-free rate, a 252-day VaR window, 90
     * daily equity-curve points, 100,000 trades on the tape, no targets.
     *
     * @return the default settings
     */
    public static PerformanceTrackerConfig ofDefaults() {
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
     * Starts from another config's settings.
     *
     * @param base the settings to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(PerformanceTrackerConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /** @return where days begin, for daily returns and today's P&amp;L */
    public ZoneId zone() {
        return zone;
    }

    /** @return periods per year, for annualising */
    public double periodsPerYear() {
        return periodsPerYear;
    }

    /** @return the annual risk-free rate for Sharpe */
    public double riskFreeRate() {
        return riskFreeRate;
    }

    /** @return how many recent daily returns VaR looks at */
    public int varWindow() {
        return varWindow;
    }

    /** @return how many points {@link PerformanceTracker#equityCurve()} keeps */
    public int curvePoints() {
        return curvePoints;
    }

    /** @return the period each equity-curve point closes */
    public Duration curveResolution() {
        return curveResolution;
    }

    /** @return how many of the latest trades {@link PerformanceTracker#tradesBetween} can look at */
    public int tradeTape() {
        return tradeTape;
    }

    /** @return the targets to report progress against, if any */
    public Optional<Targets> targets() {
        return Optional.ofNullable(targets);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PerformanceTrackerConfig c && zone.equals(c.zone)
                && Double.compare(periodsPerYear, c.periodsPerYear) == 0
                && Double.compare(riskFreeRate, c.riskFreeRate) == 0 && varWindow == c.varWindow
                && curvePoints == c.curvePoints && curveResolution.equals(c.curveResolution)
                && tradeTape == c.tradeTape && Objects.equals(targets, c.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, periodsPerYear, riskFreeRate, varWindow, curvePoints, curveResolution, tradeTape,
                targets);
    }

    @Override
    public String toString() {
        return "PerformanceTrackerConfig[zone=" + zone + ", periodsPerYear=" + periodsPerYear + ", riskFreeRate="
                + riskFreeRate + ", varWindow=" + varWindow + ", curvePoints=" + curvePoints + ", curveResolution="
                + curveResolution + ", tradeTape=" + tradeTape + ", targets=" + targets + "]";
    }

    /**
     * Collects settings; every setter checks its argument at once, naming it. Not thread-safe:
     * confine a builder to one thread.
     */
    public static final class Builder {
        private ZoneId zone = DEFAULT_ZONE;
        private double periodsPerYear = DEFAULT_PERIODS_PER_YEAR;
        private double riskFreeRate = DEFAULT_RISK_FREE_RATE;
        private int varWindow = DEFAULT_VAR_WINDOW;
        private int curvePoints = DEFAULT_CURVE_POINTS;
        private Duration curveResolution = DEFAULT_CURVE_RESOLUTION;
        private int tradeTape = DEFAULT_TRADE_TAPE;
        private @Nullable Targets targets;

        private Builder() {
        }

        private Builder(PerformanceTrackerConfig base) {
            this.zone = base.zone;
            this.periodsPerYear = base.periodsPerYear;
            this.riskFreeRate = base.riskFreeRate;
            this.varWindow = base.varWindow;
            this.curvePoints = base.curvePoints;
            this.curveResolution = base.curveResolution;
            this.tradeTape = base.tradeTape;
            this.targets = base.targets;
        }

        /**
         * Where days begin, for daily returns and today's P&amp;L; the default is UTC.
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = Checks.notNull(zone, "zone");
            return this;
        }

        /**
         * Periods per year for annualising: 252 for equities (the default), 365 for crypto.
         *
         * @param periods positive and finite
         * @return this builder
         * @throws IllegalArgumentException if {@code periods} is not a positive finite number
         */
        public Builder periodsPerYear(double periods) {
            if (!(periods > 0) || !Double.isFinite(periods)) {
                throw new IllegalArgumentException("periods must be a positive finite number, got " + periods);
            }
            this.periodsPerYear = periods;
            return this;
        }

        /**
         * The annual risk-free rate for Sharpe; the default is 0.
         *
         * @param rate such as 0.04
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is not finite
         */
        public Builder riskFreeRate(double rate) {
            if (!Double.isFinite(rate)) {
                throw new IllegalArgumentException("rate must be a finite number, got " + rate);
            }
            this.riskFreeRate = rate;
            return this;
        }

        /**
         * How many recent daily returns VaR looks at; the default is 252.
         *
         * @param days at least 20
         * @return this builder
         * @throws IllegalArgumentException if {@code days} is below 20
         */
        public Builder varWindow(int days) {
            if (days < MIN_VAR_WINDOW) {
                throw new IllegalArgumentException("days must be at least " + MIN_VAR_WINDOW + ", got " + days);
            }
            this.varWindow = days;
            return this;
        }

        /**
         * The equity curve for status pages: how many points {@link PerformanceTracker#equityCurve()}
         * keeps (default 90) and the period each point closes (default one day, on UTC boundaries).
         *
         * @param points 1 to 3,650
         * @param resolution at least one second
         * @return this builder
         * @throws NullPointerException if {@code resolution} is null
         * @throws IllegalArgumentException if {@code points} is out of range or {@code resolution}
         *     is shorter than a second
         */
        public Builder equityCurve(int points, Duration resolution) {
            if (points < 1 || points > MAX_CURVE_POINTS) {
                throw new IllegalArgumentException("points must be between 1 and " + MAX_CURVE_POINTS + ", got "
                        + points);
            }
            Checks.notNull(resolution, "resolution");
            if (resolution.toSeconds() < 1) {
                throw new IllegalArgumentException("resolution must be at least one second, got " + resolution);
            }
            this.curvePoints = points;
            this.curveResolution = resolution;
            return this;
        }

        /**
         * How many of the latest trades period reports ({@link PerformanceTracker#tradesBetween})
         * can look at; the default is 100,000. The tape is allocated once, 16 bytes a trade.
         *
         * @param trades 1 to 10,000,000
         * @return this builder
         * @throws IllegalArgumentException if {@code trades} is out of range
         */
        public Builder tradeTape(int trades) {
            if (trades < 1 || trades > MAX_TRADE_TAPE) {
                throw new IllegalArgumentException("trades must be between 1 and " + MAX_TRADE_TAPE + ", got "
                        + trades);
            }
            this.tradeTape = trades;
            return this;
        }

        /**
         * Targets to report progress against, such as {@link Targets#seeds()}; none by default.
         *
         * @param targets the targets, or null for none
         * @return this builder
         */
        public Builder targets(@Nullable Targets targets) {
            this.targets = targets;
            return this;
        }

        /**
         * Freezes the settings.
         *
         * @return the config
         */
        public PerformanceTrackerConfig build() {
            return new PerformanceTrackerConfig(this);
        }
    }
}
