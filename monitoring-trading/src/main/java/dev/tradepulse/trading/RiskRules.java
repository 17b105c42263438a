package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.Condition;
import dev.tradepulse.alerts.rules.Conditions;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.Runbooks;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.Checks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The seeds' risk limits as rules for the alerts module's {@code RuleEngine}, reading a
 * {@link PerformanceTracker}. Halting rules trip a {@link KillSwitch} when they fire.
 * {@link #forStrategy} makes the whole set from a {@link RiskRulesConfig}; each factory below
 * makes one rule, to tune further before {@code build()}.
 *
 * <p>Stateless and thread-safe; the conditions it makes read the tracker, which is thread-safe.
 */
public final class RiskRules {

    private RiskRules() {
    }

    /**
     * Every per-strategy rule the config sets, in the order daily loss warning, daily loss
     * pre-warning, daily loss halt, balance drop pre-warning, balance drop halt, max drawdown, win
     * rate, profit factor, open positions, near liquidation, leverage, concentration, VaR breach,
     * no decision. A limit left unset (NaN, zero positions,
     * no silence) makes no rule. The exchange-wide {@link #apiErrorsAbove} is not per strategy
     * and is not included.
     *
     * @param tracker the strategy's tracker
     * @param killSwitch the switch the halting rules trip
     * @param config the limits, such as {@link RiskRulesConfig#ofDefaults()} (the seeds')
     * @return the rules, built
     * @throws NullPointerException if an argument is null
     */
    public static List<Rule> forStrategy(PerformanceTracker tracker, KillSwitch killSwitch, RiskRulesConfig config) {
        Checks.notNull(tracker, "tracker");
        Checks.notNull(killSwitch, "killSwitch");
        Checks.notNull(config, "config");
        List<Rule> rules = new ArrayList<>();
        if (set(config.dailyLossWarning())) {
            rules.add(dailyLossWarning(tracker, config.dailyLossWarning()).build());
        }
        if (set(config.dailyLossHalt()) && set(config.preWarning())) {
            rules.add(dailyLossPreWarning(tracker, config.dailyLossHalt(), config.preWarning()).build());
        }
        if (set(config.dailyLossHalt())) {
            rules.add(dailyLossHalt(tracker, config.dailyLossHalt(), killSwitch).build());
        }
        if (set(config.balanceDrop()) && set(config.preWarning())) {
            rules.add(balanceDropPreWarning(tracker, config.balanceDrop(), config.balanceDropWindow(),
                    config.preWarning()).build());
        }
        if (set(config.balanceDrop())) {
            rules.add(balanceDropHalt(tracker, config.balanceDrop(), config.balanceDropWindow(), killSwitch).build());
        }
        if (set(config.maxDrawdown())) {
            rules.add(maxDrawdownAbove(tracker, config.maxDrawdown()).build());
        }
        if (set(config.minWinRate())) {
            rules.add(winRateBelow(tracker, config.minWinRate(), config.winRateAfterTrades()).build());
        }
        if (set(config.minProfitFactor())) {
            rules.add(profitFactorBelow(tracker, config.minProfitFactor()).build());
        }
        if (config.maxOpenPositions() > 0) {
            rules.add(openPositionsAbove(tracker, config.maxOpenPositions()).build());
        }
        if (set(config.liquidationDistance())) {
            rules.add(nearLiquidation(tracker, config.liquidationDistance()).build());
        }
        if (set(config.maxLeverage())) {
            rules.add(leverageAbove(tracker, config.maxLeverage()).build());
        }
        if (set(config.maxConcentration())) {
            rules.add(concentrationAbove(tracker, config.maxConcentration()).build());
        }
        if (config.varBreach()) {
            rules.add(varBreach(tracker).build());
        }
        config.maxSilence().ifPresent(silence -> rules.add(noDecisionFor(tracker, silence).build()));
        return List.copyOf(rules);
    }

    private static boolean set(double limit) {
        return !Double.isNaN(limit);
    }

    private static Condition read(PerformanceTracker tracker, ToDoubleFunction<PerformanceSnapshot> metric) {
        return definedOnly(() -> metric.applyAsDouble(tracker.snapshot()));
    }

    private static Condition exposure(PerformanceTracker tracker, ToDoubleFunction<Exposure> metric) {
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
     * @param warnAt today's return to warn below, in (−1, 0), such as −0.10
     * @return the rule builder
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code warnAt} is not in (−1, 0)
     */
    public static Rule.Builder dailyLossWarning(PerformanceTracker tracker, double warnAt) {
        String strategy = strategy(tracker);
        loss(warnAt, "warnAt");
        return Rule.when("risk.daily-loss.warn:" + strategy, read(tracker, PerformanceSnapshot::todayReturn))
                .below(warnAt).severity(Severity.HIGH)
                .summary("Daily loss of '" + strategy + "' below " + pct(warnAt))
                .runbook(Runbooks.entry("risk-daily-loss-warn"));
    }

    /**
     * "Daily loss limit reached": CRITICAL at the halt level (the seeds halt at −15%), tripping the kill switch.
     *
     * @param tracker the strategy's tracker
     * @param haltAt today's return to halt below, in (−1, 0), such as −0.15
     * @param killSwitch the switch to trip
     * @return the rule builder
     * @throws NullPointerException if {@code tracker} or {@code killSwitch} is null: a halting rule
     *     without a kill switch would alert but never halt
     * @throws IllegalArgumentException if {@code haltAt} is not in (−1, 0)
     */
    public static Rule.Builder dailyLossHalt(PerformanceTracker tracker, double haltAt, KillSwitch killSwitch) {
        String strategy = strategy(tracker);
        Checks.notNull(killSwitch, "killSwitch");
        loss(haltAt, "haltAt");
        String name = "risk.daily-loss.halt:" + strategy;
        return Rule.when(name, read(tracker, PerformanceSnapshot::todayReturn)).below(haltAt).severity(Severity.CRITICAL)
                .summary("Daily loss limit reached for '" + strategy + "': below " + pct(haltAt))
                .runbook(Runbooks.entry("risk-daily-loss-halt"))
                .onFire(v -> killSwitch.trip(name, "daily loss " + pct(v) + " beyond the " + pct(haltAt) + " limit",
                        Map.of("daily_return", v, "limit", haltAt)));
    }

    /**
     * The pre-warning of the daily loss halt: HIGH when today's return falls below
     * {@code at × haltAt} (−12% for a −15% halt at 0.8), so that an operator hears of the loss
     * before the kill switch trips. It halts nothing.
     *
     * @param tracker the strategy's tracker
     * @param haltAt the halt level, in (−1, 0), such as −0.15
     * @param at the fraction of the halt level to warn at, in (0, 1), such as 0.8
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code haltAt} is not in (−1, 0) or {@code at} not in (0, 1)
     */
    public static Rule.Builder dailyLossPreWarning(PerformanceTracker tracker, double haltAt, double at) {
        String strategy = strategy(tracker);
        loss(haltAt, "haltAt");
        preWarningFraction(at);
        double warnAt = haltAt * at;
        return Rule.when("risk.daily-loss.pre-warning:" + strategy, read(tracker, PerformanceSnapshot::todayReturn))
                .below(warnAt).severity(Severity.HIGH)
                .summary("Daily loss of '" + strategy + "' below " + pct(warnAt) + ", " + pct(at)
                        + " of the " + pct(haltAt) + " halt")
                .runbook(Runbooks.entry("risk-daily-loss-pre-warning"));
    }

    /**
     * The pre-warning of the balance drop halt: HIGH when the drop within {@code window} passes
     * {@code at × fraction} (16% for a 20% halt at 0.8). It halts nothing.
     *
     * @param tracker the strategy's tracker
     * @param fraction the halt level, in (0, 1], such as 0.20
     * @param window such as one hour
     * @param at the fraction of the halt level to warn at, in (0, 1), such as 0.8
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} or {@code window} is null
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1], {@code window} is not
     *     positive or {@code at} not in (0, 1)
     */
    public static Rule.Builder balanceDropPreWarning(PerformanceTracker tracker, double fraction, Duration window,
            double at) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        Checks.positive(window, "window");
        preWarningFraction(at);
        double warnAbove = fraction * at;
        String within = HumanDuration.format(window);
        return Rule.when("risk.balance-drop.pre-warning:" + strategy, now -> OptionalDouble.of(tracker.dropWithin(window)))
                .above(warnAbove).severity(Severity.HIGH)
                .summary("Balance of '" + strategy + "' dropped more than " + pct(warnAbove) + " within " + within
                        + ", " + pct(at) + " of the " + pct(fraction) + " halt")
                .runbook(Runbooks.entry("risk-balance-drop-pre-warning"));
    }

    private static void preWarningFraction(double at) {
        if (!(at > 0 && at < 1)) {
            throw new IllegalArgumentException("at must be in (0, 1), got " + at);
        }
    }

    /**
     * "Maximum drawdown above X" (the seeds' target is 15%).
     *
     * @param tracker the strategy's tracker
     * @param fraction in (0, 1], such as 0.15
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public static Rule.Builder maxDrawdownAbove(PerformanceTracker tracker, double fraction) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        return Rule.when("risk.max-drawdown:" + strategy, read(tracker, s -> s.risk().maxDrawdown()))
                .above(fraction).severity(Severity.HIGH)
                .summary("Max drawdown of '" + strategy + "' above " + pct(fraction))
                .runbook(Runbooks.entry("risk-max-drawdown"));
    }

    /**
     * "Win rate below X after at least N trades" (the seeds: 40% after 20).
     *
     * @param tracker the strategy's tracker
     * @param fraction in (0, 1], such as 0.40
     * @param minTrades such as 20, not negative
     * @return the rule builder (MEDIUM)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1] or {@code minTrades} is negative
     */
    public static Rule.Builder winRateBelow(PerformanceTracker tracker, double fraction, long minTrades) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        if (minTrades < 0) {
            throw new IllegalArgumentException("minTrades must not be negative, got " + minTrades);
        }
        return Rule.when("risk.win-rate:" + strategy, read(tracker,
                s -> s.tradeStats().trades() >= minTrades ? s.tradeStats().winRate() : Double.NaN))
                .below(fraction).severity(Severity.MEDIUM)
                .summary("Win rate of '" + strategy + "' below " + pct(fraction) + " after " + minTrades + " trades")
                .runbook(Runbooks.entry("risk-win-rate"));
    }

    /**
     * "Profit factor below X" (the seeds: 1.0).
     *
     * @param tracker the strategy's tracker
     * @param factor positive and finite, such as 1.0
     * @return the rule builder (MEDIUM)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code factor} is not a positive finite number
     */
    public static Rule.Builder profitFactorBelow(PerformanceTracker tracker, double factor) {
        String strategy = strategy(tracker);
        positive(factor, "factor");
        return Rule.when("risk.profit-factor:" + strategy, read(tracker, s -> s.tradeStats().profitFactor()))
                .below(factor).severity(Severity.MEDIUM)
                .summary("Profit factor of '" + strategy + "' below " + factor)
                .runbook(Runbooks.entry("risk-profit-factor"));
    }

    /**
     * "Balance drop &gt; X within a window" (the seeds: 20% within 1 h), halting: the fall from the
     * highest equity within the window to the latest, in snapshot time.
     *
     * @param tracker the strategy's tracker
     * @param fraction in (0, 1], such as 0.20
     * @param window such as one hour; the tracker looks back at most a day
     * @param killSwitch the switch to trip
     * @return the rule builder (CRITICAL)
     * @throws NullPointerException if {@code tracker}, {@code window} or {@code killSwitch} is null:
     *     a halting rule without a kill switch would alert but never halt
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1] or {@code window} is not positive
     */
    public static Rule.Builder balanceDropHalt(PerformanceTracker tracker, double fraction, Duration window,
            KillSwitch killSwitch) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        Checks.positive(window, "window");
        Checks.notNull(killSwitch, "killSwitch");
        String name = "risk.balance-drop:" + strategy;
        String within = HumanDuration.format(window);
        return Rule.when(name, now -> OptionalDouble.of(tracker.dropWithin(window))).above(fraction)
                .severity(Severity.CRITICAL)
                .summary("Balance of '" + strategy + "' dropped more than " + pct(fraction) + " within " + within)
                .runbook(Runbooks.entry("risk-balance-drop"))
                .onFire(v -> killSwitch.trip(name, "balance dropped " + pct(v) + " within " + within,
                        Map.of("drop", v, "limit", fraction)));
    }

    /**
     * "Open positions &gt; max_positions".
     *
     * @param tracker the strategy's tracker
     * @param max the most positions allowed, not negative
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static Rule.Builder openPositionsAbove(PerformanceTracker tracker, int max) {
        String strategy = strategy(tracker);
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        return Rule.when("risk.positions:" + strategy, now -> OptionalDouble.of(tracker.exposure().openPositions()))
                .above(max).severity(Severity.HIGH)
                .summary("Open positions of '" + strategy + "' above " + max)
                .runbook(Runbooks.entry("risk-positions"));
    }

    /**
     * "Position near liquidation": the nearest liquidation price is within this fraction of the mark.
     *
     * @param tracker the strategy's tracker
     * @param fraction in (0, 1], such as 0.05 (a 5% move liquidates)
     * @return the rule builder (CRITICAL)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public static Rule.Builder nearLiquidation(PerformanceTracker tracker, double fraction) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        return Rule.when("risk.liquidation:" + strategy, exposure(tracker, Exposure::nearestLiquidation))
                .below(fraction).severity(Severity.CRITICAL)
                .summary("A position of '" + strategy + "' is within " + pct(fraction) + " of liquidation")
                .runbook(Runbooks.entry("risk-liquidation"));
    }

    /**
     * Leverage (gross notional over equity) above a limit.
     *
     * @param tracker the strategy's tracker
     * @param max positive and finite, such as 3.0
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code max} is not a positive finite number
     */
    public static Rule.Builder leverageAbove(PerformanceTracker tracker, double max) {
        String strategy = strategy(tracker);
        positive(max, "max");
        return Rule.when("risk.leverage:" + strategy, exposure(tracker, Exposure::leverage)).above(max)
                .severity(Severity.HIGH).summary("Leverage of '" + strategy + "' above " + max + "x")
                .runbook(Runbooks.entry("risk-leverage"));
    }

    /**
     * One position's share of gross notional above a limit.
     *
     * @param tracker the strategy's tracker
     * @param fraction in (0, 1], such as 0.5
     * @return the rule builder (MEDIUM)
     * @throws NullPointerException if {@code tracker} is null
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public static Rule.Builder concentrationAbove(PerformanceTracker tracker, double fraction) {
        String strategy = strategy(tracker);
        fraction(fraction, "fraction");
        return Rule.when("risk.concentration:" + strategy, exposure(tracker, Exposure::concentration))
                .above(fraction).severity(Severity.MEDIUM)
                .summary("One position of '" + strategy + "' is above " + pct(fraction) + " of exposure")
                .runbook(Runbooks.entry("risk-concentration"));
    }

    /**
     * "VaR breach": today's return is a worse loss than the historical 1-day VaR 95%. The value
     * is today's return minus VaR, firing below zero.
     *
     * @param tracker the strategy's tracker
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} is null
     */
    public static Rule.Builder varBreach(PerformanceTracker tracker) {
        String strategy = strategy(tracker);
        return Rule.when("risk.var-breach:" + strategy, read(tracker, s -> s.todayReturn() - s.risk().var95()))
                .below(0).severity(Severity.HIGH)
                .summary("Today's loss of '" + strategy + "' exceeds its 1-day VaR 95%")
                .runbook(Runbooks.entry("risk-var-breach"));
    }

    /**
     * "Exchange API errors &gt; N in a window" (the seeds: 5 in 10 min), over a TradePulse timer's
     * {@code outcome=error} recordings.
     *
     * @param registry the registry holding the exchange client's timer
     * @param timer the timer name, such as {@code exchange.requests}
     * @param max such as 5, not negative
     * @param window such as 10 minutes
     * @return the rule builder (HIGH)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timer} is blank, {@code max} negative or {@code window} not positive
     */
    public static Rule.Builder apiErrorsAbove(MeterRegistry registry, String timer, int max, Duration window) {
        Checks.notNull(registry, "registry");
        Checks.notBlank(timer, "timer");
        Checks.positive(window, "window");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        return Rule.when("risk.api-errors:" + timer,
                Conditions.timerCountIncrease(registry, timer, Tags.of("outcome", "error"), window)).above(max)
                .severity(Severity.HIGH)
                .summary("Exchange API errors above " + max + " in " + HumanDuration.format(window))
                .runbook(Runbooks.entry("risk-api-errors"));
    }

    /**
     * "No decisions for &gt; X" (the seeds: 1 h): a dead man's switch on
     * {@link PerformanceTracker#recordDecision()} ({@link Conditions#secondsSince}): the rule
     * engine's clock against the time the tracker's clock recorded, so give both the same time
     * source. Silent until the first decision.
     *
     * @param tracker the strategy's tracker
     * @param maxSilence such as one hour
     * @return the rule builder (HIGH)
     * @throws NullPointerException if {@code tracker} or {@code maxSilence} is null
     * @throws IllegalArgumentException if {@code maxSilence} is not positive
     */
    public static Rule.Builder noDecisionFor(PerformanceTracker tracker, Duration maxSilence) {
        String strategy = strategy(tracker);
        Checks.positive(maxSilence, "maxSilence");
        return Rule.when("risk.no-decision:" + strategy, Conditions.secondsSince(tracker::lastDecision))
                .above(maxSilence.toMillis() / 1000.0).severity(Severity.HIGH)
                .summary("No decision from '" + strategy + "' for more than " + HumanDuration.format(maxSilence))
                .runbook(Runbooks.entry("risk-no-decision"));
    }

    /** The tracker's strategy name; a null tracker is refused with its parameter's name. */
    private static String strategy(PerformanceTracker tracker) {
        return Checks.notNull(tracker, "tracker").strategy();
    }

    static void loss(double value, String name) {
        if (!(value > -1 && value < 0)) {
            throw new IllegalArgumentException(name + " must be a loss in (-1, 0), got " + value);
        }
    }

    static void fraction(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
        }
    }

    static void positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
