package dev.tradepulse.trading;

/**
 * The open book at one moment, against the account's equity.
 *
 * <p>Immutable and thread-safe.
 *
 * @param openPositions how many positions are open
 * @param unrealizedPnl their P&amp;L at the mark
 * @param grossNotional the sum of |notional|
 * @param leverage gross notional over equity ({@code NaN} without equity)
 * @param concentration the largest position's share of gross notional, 0 to 1 ({@code NaN} with none open)
 * @param nearestLiquidation the smallest {@link Position#liquidationDistance()} ({@code NaN} if none has one)
 */
public record Exposure(int openPositions, double unrealizedPnl, double grossNotional, double leverage,
        double concentration, double nearestLiquidation) {
}
