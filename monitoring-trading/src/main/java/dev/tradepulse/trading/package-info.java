/**
 * Trading performance, computed incrementally: {@link dev.tradepulse.trading.PerformanceTracker}
 * turns closed trades and equity snapshots into P&amp;L, returns, risk-adjusted ratios, drawdown,
 * tail risk and trade statistics ({@link dev.tradepulse.trading.PerformanceSnapshot}), readable at
 * any moment without blocking the writers, and published as Micrometer gauges (the tracker is a
 * {@code MeterBinder}). Formulas follow empyrical's conventions (see {@code docs/metrics.md}).
 *
 * <p>Risk: {@link dev.tradepulse.trading.RiskRules} turns limits into alert rules, and
 * {@link dev.tradepulse.trading.KillSwitch} halts trading when a halting rule fires. Each component
 * takes its settings as an immutable config ({@link dev.tradepulse.trading.PerformanceTrackerConfig},
 * {@link dev.tradepulse.trading.KillSwitchConfig}, {@link dev.tradepulse.trading.RiskRulesConfig}:
 * {@code ofDefaults()}, {@code custom()}, {@code from(base)}), and sides are the
 * {@link dev.tradepulse.trading.Side} enum, never strings.
 */
@NullMarked
package dev.tradepulse.trading;

import org.jspecify.annotations.NullMarked;
