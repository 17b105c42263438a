package dev.tradepulse.trading;

import dev.tradepulse.alerts.Severity;
import dev.tradepulse.alerts.rules.Condition;
import dev.tradepulse.alerts.rules.Rule;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The seeds' risk limits as rules for the alerts module's {@code RuleEngine}, reading a
 * {@link PerformanceTracker}. Halting rules trip a {@link KillSwitch} when they fire.
 */
public final class RiskRules {

    private RiskRules() {
    }

    private static Condition read(PerformanceTracker tracker, ToDoubleFunction<PerformanceSnapshot> metric) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        return now -> {
            double v = metric.applyAsDouble(tracker.snapshot());
            return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        };
    }

    /** Today's return: P&amp;L today over yesterday's closing equity. */
    static double todayReturn(PerformanceSnapshot s) {
        double open = s.equity() - s.pnlToday();
        return open > 0 ? s.pnlToday() / open : Double.NaN;
    }

    /**
     * "Daily loss limit reached": HIGH at the warning level (the seeds warn at −10%).
     *
     * @param tracker the strategy's tracker
     * @param warnAt such as −0.10
     * @return the rule builder
     */
    public static Rule.Builder dailyLossWarning(PerformanceTracker tracker, double warnAt) {
        return Rule.when("risk.daily-loss.warn:" + tracker.strategy(), read(tracker, RiskRules::todayReturn))
                .below(warnAt).severity(Severity.HIGH)
                .summary("Daily loss of '" + tracker.strategy() + "' below " + pct(warnAt));
    }

    /**
     * "Daily loss limit reached": CRITICAL at the halt level (the seeds halt at −15%), tripping the kill switch.
     *
     * @param tracker the strategy's tracker
     * @param haltAt such as −0.15
     * @param killSwitch the switch to trip
     * @return the rule builder
     */
    public static Rule.Builder dailyLossHalt(PerformanceTracker tracker, double haltAt, KillSwitch killSwitch) {
        String name = "risk.daily-loss.halt:" + tracker.strategy();
        return Rule.when(name, read(tracker, RiskRules::todayReturn)).below(haltAt).severity(Severity.CRITICAL)
                .summary("Daily loss limit reached for '" + tracker.strategy() + "': below " + pct(haltAt))
                .onFire(v -> killSwitch.trip(name, "daily loss " + pct(v) + " beyond the " + pct(haltAt) + " limit",
                        Map.of("daily_return", v, "limit", haltAt)));
    }

    /**
     * "Maximum drawdown above X" (the seeds' target is 15%).
     *
     * @param tracker the strategy's tracker
     * @param fraction such as 0.15
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder maxDrawdownAbove(PerformanceTracker tracker, double fraction) {
        return Rule.when("risk.max-drawdown:" + tracker.strategy(), read(tracker, PerformanceSnapshot::maxDrawdown))
                .above(fraction).severity(Severity.HIGH)
                .summary("Max drawdown of '" + tracker.strategy() + "' above " + pct(fraction));
    }

    /**
     * "Win rate below X after at least N trades" (the seeds: 40% after 20).
     *
     * @param tracker the strategy's tracker
     * @param fraction such as 0.40
     * @param minTrades such as 20
     * @return the rule builder (MEDIUM)
     */
    public static Rule.Builder winRateBelow(PerformanceTracker tracker, double fraction, long minTrades) {
        return Rule.when("risk.win-rate:" + tracker.strategy(),
                read(tracker, s -> s.trades() >= minTrades ? s.winRate() : Double.NaN))
                .below(fraction).severity(Severity.MEDIUM)
                .summary("Win rate of '" + tracker.strategy() + "' below " + pct(fraction) + " after " + minTrades
                        + " trades");
    }

    /**
     * "Profit factor below X" (the seeds: 1.0).
     *
     * @param tracker the strategy's tracker
     * @param factor such as 1.0
     * @return the rule builder (MEDIUM)
     */
    public static Rule.Builder profitFactorBelow(PerformanceTracker tracker, double factor) {
        return Rule.when("risk.profit-factor:" + tracker.strategy(), read(tracker, PerformanceSnapshot::profitFactor))
                .below(factor).severity(Severity.MEDIUM)
                .summary("Profit factor of '" + tracker.strategy() + "' below " + factor);
    }

    private static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
