/**
 * Trading performance, computed incrementally: {@link dev.tradepulse.trading.PerformanceTracker}
 * turns closed trades and equity snapshots into P&amp;L, returns, risk-adjusted ratios, drawdown,
 * tail risk and trade statistics, readable at any moment without blocking the writers, and
 * published as Micrometer gauges. Formulas follow empyrical's conventions (see {@code docs/metrics.md}).
 */
@NullMarked
package dev.tradepulse.trading;

import org.jspecify.annotations.NullMarked;
