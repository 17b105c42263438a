package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.Condition;
import dev.tradepulse.alerts.rules.Conditions;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.api.alert.Severity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
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
        return definedOnly(() -> metric.applyAsDouble(tracker.snapshot()));
    }

    private static Condition exposure(PerformanceTracker tracker, ToDoubleFunction<Exposure> metric) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        return definedOnly(() -> metric.applyAsDouble(tracker.exposure()));
    }

    /** NaN means "not enough data yet": the rule neither fires nor resolves on it. */
    private static Condition definedOnly(DoubleSupplier value) {
        return now -> {
            double v = value.getAsDouble();
            return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        };
    }

    /**
     * "Daily loss limit reached": HIGH at the warning level (the seeds warn at −10%).
     *
     * @param tracker the strategy's tracker
     * @param warnAt such as −0.10
     * @return the rule builder
     */
    public static Rule.Builder dailyLossWarning(PerformanceTracker tracker, double warnAt) {
        return Rule.when("risk.daily-loss.warn:" + strategy(tracker), read(tracker, PerformanceSnapshot::todayReturn))
                .below(warnAt).severity(Severity.HIGH)
                .summary("Daily loss of '" + strategy(tracker) + "' below " + pct(warnAt));
    }

    /**
     * "Daily loss limit reached": CRITICAL at the halt level (the seeds halt at −15%), tripping the kill switch.
     *
     * @param tracker the strategy's tracker
     * @param haltAt such as −0.15
     * @param killSwitch the switch to trip
     * @return the rule builder
     * @throws NullPointerException if {@code tracker} or {@code killSwitch} is null: a halting rule
     *     without a kill switch would alert but never halt
     */
    public static Rule.Builder dailyLossHalt(PerformanceTracker tracker, double haltAt, KillSwitch killSwitch) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        Objects.requireNonNull(killSwitch, "killSwitch must not be null");
        String name = "risk.daily-loss.halt:" + strategy(tracker);
        return Rule.when(name, read(tracker, PerformanceSnapshot::todayReturn)).below(haltAt).severity(Severity.CRITICAL)
                .summary("Daily loss limit reached for '" + strategy(tracker) + "': below " + pct(haltAt))
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
        return Rule.when("risk.max-drawdown:" + strategy(tracker), read(tracker, s -> s.risk().maxDrawdown()))
                .above(fraction).severity(Severity.HIGH)
                .summary("Max drawdown of '" + strategy(tracker) + "' above " + pct(fraction));
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
        return Rule.when("risk.win-rate:" + strategy(tracker),
                read(tracker, s -> s.tradeStats().trades() >= minTrades ? s.tradeStats().winRate() : Double.NaN))
                .below(fraction).severity(Severity.MEDIUM)
                .summary("Win rate of '" + strategy(tracker) + "' below " + pct(fraction) + " after " + minTrades
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
        return Rule.when("risk.profit-factor:" + strategy(tracker), read(tracker, s -> s.tradeStats().profitFactor()))
                .below(factor).severity(Severity.MEDIUM)
                .summary("Profit factor of '" + strategy(tracker) + "' below " + factor);
    }

    /**
     * "Balance drop &gt; X within a window" (the seeds: 20% within 1 h), halting: the fall from the
     * highest equity within the window to the latest, in snapshot time.
     *
     * @param tracker the strategy's tracker
     * @param fraction such as 0.20
     * @param window such as one hour
     * @param killSwitch the switch to trip
     * @return the rule builder (CRITICAL)
     * @throws NullPointerException if {@code tracker}, {@code window} or {@code killSwitch} is null:
     *     a halting rule without a kill switch would alert but never halt
     */
    public static Rule.Builder balanceDropHalt(PerformanceTracker tracker, double fraction, Duration window,
            KillSwitch killSwitch) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        Objects.requireNonNull(window, "window must not be null");
        Objects.requireNonNull(killSwitch, "killSwitch must not be null");
        String name = "risk.balance-drop:" + strategy(tracker);
        String within = HumanDuration.format(window);
        return Rule.when(name, now -> OptionalDouble.of(tracker.dropWithin(window))).above(fraction)
                .severity(Severity.CRITICAL)
                .summary("Balance of '" + strategy(tracker) + "' dropped more than " + pct(fraction) + " within "
                        + within)
                .onFire(v -> killSwitch.trip(name, "balance dropped " + pct(v) + " within " + within,
                        Map.of("drop", v, "limit", fraction)));
    }

    /**
     * "Open positions &gt; max_positions".
     *
     * @param tracker the strategy's tracker
     * @param max the most positions allowed
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder openPositionsAbove(PerformanceTracker tracker, int max) {
        return Rule.when("risk.positions:" + strategy(tracker),
                now -> OptionalDouble.of(tracker.exposure().openPositions())).above(max).severity(Severity.HIGH)
                .summary("Open positions of '" + strategy(tracker) + "' above " + max);
    }

    /**
     * "Position near liquidation": the nearest liquidation price is within this fraction of the mark.
     *
     * @param tracker the strategy's tracker
     * @param fraction such as 0.05 (a 5% move liquidates)
     * @return the rule builder (CRITICAL)
     */
    public static Rule.Builder nearLiquidation(PerformanceTracker tracker, double fraction) {
        return Rule.when("risk.liquidation:" + strategy(tracker), exposure(tracker, Exposure::nearestLiquidation))
                .below(fraction).severity(Severity.CRITICAL)
                .summary("A position of '" + strategy(tracker) + "' is within " + pct(fraction) + " of liquidation");
    }

    /**
     * Leverage (gross notional over equity) above a limit.
     *
     * @param tracker the strategy's tracker
     * @param max such as 3.0
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder leverageAbove(PerformanceTracker tracker, double max) {
        return Rule.when("risk.leverage:" + strategy(tracker), exposure(tracker, Exposure::leverage)).above(max)
                .severity(Severity.HIGH).summary("Leverage of '" + strategy(tracker) + "' above " + max + "x");
    }

    /**
     * One position's share of gross notional above a limit.
     *
     * @param tracker the strategy's tracker
     * @param fraction such as 0.5
     * @return the rule builder (MEDIUM)
     */
    public static Rule.Builder concentrationAbove(PerformanceTracker tracker, double fraction) {
        return Rule.when("risk.concentration:" + strategy(tracker), exposure(tracker, Exposure::concentration))
                .above(fraction).severity(Severity.MEDIUM)
                .summary("One position of '" + strategy(tracker) + "' is above " + pct(fraction) + " of exposure");
    }

    /**
     * "VaR breach": today's return is a worse loss than the historical 1-day VaR 95%. The value
     * is today's return minus VaR, firing below zero.
     *
     * @param tracker the strategy's tracker
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder varBreach(PerformanceTracker tracker) {
        return Rule.when("risk.var-breach:" + strategy(tracker), read(tracker, s -> s.todayReturn() - s.risk().var95()))
                .below(0).severity(Severity.HIGH)
                .summary("Today's loss of '" + strategy(tracker) + "' exceeds its 1-day VaR 95%");
    }

    /**
     * "Exchange API errors &gt; N in a window" (the seeds: 5 in 10 min), over a TradePulse timer's
     * {@code outcome=error} recordings.
     *
     * @param registry the registry holding the exchange client's timer
     * @param timer the timer name, such as {@code exchange.requests}
     * @param max such as 5
     * @param window such as 10 minutes
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder apiErrorsAbove(MeterRegistry registry, String timer, int max, Duration window) {
        Objects.requireNonNull(window, "window must not be null");
        return Rule.when("risk.api-errors:" + timer,
                Conditions.timerCountIncrease(registry, timer, Tags.of("outcome", "error"),
                        window)).above(max).severity(Severity.HIGH)
                .summary("Exchange API errors above " + max + " in " + HumanDuration.format(window));
    }

    /**
     * "No decisions for &gt; X" (the seeds: 1 h): a dead man's switch on
     * {@link PerformanceTracker#recordDecision()}: the rule engine's clock against the time the tracker's
     * clock recorded, so give both the same time source. Silent until the first decision.
     *
     * @param tracker the strategy's tracker
     * @param maxSilence such as one hour
     * @return the rule builder (HIGH)
     */
    public static Rule.Builder noDecisionFor(PerformanceTracker tracker, Duration maxSilence) {
        Objects.requireNonNull(maxSilence, "maxSilence must not be null");
        return Rule.when("risk.no-decision:" + strategy(tracker), Conditions.secondsSince(tracker::lastDecision)).above(maxSilence.toMillis() / 1000.0).severity(Severity.HIGH)
                .summary("No decision from '" + strategy(tracker) + "' for more than "
                        + HumanDuration.format(maxSilence));
    }


    /** The tracker's strategy name; a null tracker is refused with its parameter's name. */
    private static String strategy(PerformanceTracker tracker) {
        return Objects.requireNonNull(tracker, "tracker must not be null").strategy();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
