package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Performance targets a strategy is held to. Each is a fraction or ratio; {@code NaN} leaves a
 * target unset. The seeds' targets are {@link #seeds()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param annualReturn the CAGR to reach, such as 0.28
 * @param sharpe the Sharpe ratio to reach, such as 1.8
 * @param winRate the win rate to reach, such as 0.65
 * @param maxDrawdown the drawdown not to exceed, such as 0.15
 */
public record Targets(double annualReturn, double sharpe, double winRate, double maxDrawdown) {

    /**
     * Validates: each target is NaN (unset) or positive and finite; the two fractions at most 1.
     *
     * @throws IllegalArgumentException naming the target that is out of range
     */
    public Targets {
        check("annualReturn", annualReturn, Double.MAX_VALUE);
        check("sharpe", sharpe, Double.MAX_VALUE);
        check("winRate", winRate, 1);
        check("maxDrawdown", maxDrawdown, 1);
    }

    /**
     * The seeds' targets: 28% a year, Sharpe 1.8, a 65% win rate, and at most a 15% drawdown.
     *
     * @return the targets
     */
    public static Targets seeds() {
        return new Targets(0.28, 1.8, 0.65, 0.15);
    }

    private static void check(String name, double value, double max) {
        if (!Double.isNaN(value) && !(value > 0 && value <= max)) {
            throw new IllegalArgumentException(name + " must be NaN (unset) or in " + (max == 1 ? "(0, 1]" : "(0, ∞)")
                    + ", got " + value);
        }
    }

    /** The figure a target is set on. Immutable and thread-safe. */
    public enum Metric {
        /** The compound annual growth rate, a fraction; reached from below. */
        ANNUAL_RETURN(true, true),
        /** The annualised Sharpe ratio; reached from below. */
        SHARPE(false, true),
        /** Wins over trades, a fraction; reached from below. */
        WIN_RATE(true, true),
        /** The largest fall from a peak, a fraction; a ceiling not to exceed. */
        MAX_DRAWDOWN(true, false);

        private final boolean fraction;
        private final boolean atLeast;
        private final String tag;

        Metric(boolean fraction, boolean atLeast) {
            this.fraction = fraction;
            this.atLeast = atLeast;
            this.tag = name().toLowerCase(Locale.ROOT);
        }

        /**
         * The name in gauges and reports.
         *
         * @return {@code annual_return}, {@code sharpe}, {@code win_rate} or {@code max_drawdown}
         */
        public String tag() {
            return tag;
        }

        /** @return true if the figure is a fraction (shown as a percentage), false for a ratio */
        public boolean isFraction() {
            return fraction;
        }

        /** @return true if the target is met at or above it, false if it is a ceiling */
        public boolean isFloor() {
            return atLeast;
        }
    }

    /**
     * How a strategy stands against one target.
     *
     * <p>Immutable and thread-safe.
     *
     * @param metric the figure the target is set on
     * @param target the target
     * @param actual the strategy's figure now, NaN while undefined
     * @param progress actual / target: the share reached, or for the drawdown ceiling the share of
     *     the allowed drawdown used; NaN while undefined
     * @param met whether the target is met (for the drawdown: not exceeded); false while undefined
     */
    public record Progress(Metric metric, double target, double actual, double progress, boolean met) {

        /**
         * Checks the values.
         *
         * @throws NullPointerException if {@code metric} is null
         */
        public Progress {
            Checks.notNull(metric, "metric");
        }

        /** @return the metric's {@link Metric#tag() tag}, such as {@code win_rate} */
        public String name() {
            return metric.tag();
        }
    }

    /**
     * Progress against each set target, in the order annual return, Sharpe, win rate, max drawdown.
     *
     * @param s the strategy's metrics
     * @return one entry per set target
     * @throws NullPointerException if {@code s} is null
     */
    public List<Progress> progress(PerformanceSnapshot s) {
        Checks.notNull(s, "s");
        List<Progress> out = new ArrayList<>(4);
        add(out, Metric.ANNUAL_RETURN, annualReturn, s.returns().cagr());
        add(out, Metric.SHARPE, sharpe, s.returns().sharpe());
        add(out, Metric.WIN_RATE, winRate, s.tradeStats().winRate());
        add(out, Metric.MAX_DRAWDOWN, maxDrawdown, s.risk().maxDrawdown());
        return List.copyOf(out);
    }

    private static void add(List<Progress> out, Metric metric, double target, double actual) {
        if (Double.isNaN(target)) {
            return;
        }
        boolean met = !Double.isNaN(actual) && (metric.isFloor() ? actual >= target : actual <= target);
        out.add(new Progress(metric, target, actual, actual / target, met));
    }
}
