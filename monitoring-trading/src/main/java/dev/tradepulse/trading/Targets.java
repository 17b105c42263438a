package dev.tradepulse.trading;

import java.util.List;

/**
 * Performance targets a strategy is held to. Each is a fraction or ratio; {@code NaN} leaves a
 * target unset. The seeds' targets are {@link #seeds()}.
 *
 * @param annualReturn the CAGR to reach, such as 0.28
 * @param sharpe the Sharpe ratio to reach, such as 1.8
 * @param winRate the win rate to reach, such as 0.65
 * @param maxDrawdown the drawdown not to exceed, such as 0.15
 */
public record Targets(double annualReturn, double sharpe, double winRate, double maxDrawdown) {

    /** Validates: each target is NaN (unset) or positive and finite; the two fractions at most 1. */
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

    /**
     * How a strategy stands against one target.
     *
     * @param name {@code annual_return}, {@code sharpe}, {@code win_rate} or {@code max_drawdown}
     * @param target the target
     * @param actual the strategy's figure now, NaN while undefined
     * @param progress actual / target: the share reached, or for the drawdown ceiling the share of
     *     the allowed drawdown used; NaN while undefined
     * @param met whether the target is met (for the drawdown: not exceeded); false while undefined
     */
    public record Progress(String name, double target, double actual, double progress, boolean met) {
    }

    /**
     * Progress against each set target, in the order annual return, Sharpe, win rate, max drawdown.
     *
     * @param s the strategy's metrics
     * @return one entry per set target
     */
    public List<Progress> progress(PerformanceSnapshot s) {
        java.util.ArrayList<Progress> out = new java.util.ArrayList<>(4);
        add(out, "annual_return", annualReturn, s.cagr(), true);
        add(out, "sharpe", sharpe, s.sharpe(), true);
        add(out, "win_rate", winRate, s.winRate(), true);
        add(out, "max_drawdown", maxDrawdown, s.maxDrawdown(), false);
        return List.copyOf(out);
    }

    private static void add(List<Progress> out, String name, double target, double actual, boolean atLeast) {
        if (Double.isNaN(target)) {
            return;
        }
        boolean met = !Double.isNaN(actual) && (atLeast ? actual >= target : actual <= target);
        out.add(new Progress(name, target, actual, actual / target, met));
    }
}
