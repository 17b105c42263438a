package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;

/**
 * An open position, marked to market.
 *
 * <p>Immutable and thread-safe.
 *
 * @param symbol the instrument
 * @param side {@link Side#BUY} (long) or {@link Side#SELL} (short)
 * @param quantity the size, positive
 * @param entryPrice the average entry price
 * @param markPrice the current price
 * @param liquidationPrice where the venue would liquidate it, or {@code NaN} if there is none (unlevered)
 */
public record Position(String symbol, Side side, double quantity, double entryPrice, double markPrice,
        double liquidationPrice) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code symbol} or {@code side} is null
     * @throws IllegalArgumentException if {@code quantity}, {@code entryPrice} or {@code markPrice}
     *     is not a positive finite number, or {@code liquidationPrice} is neither NaN nor one
     */
    public Position {
        Checks.notNull(symbol, "symbol");
        Checks.notNull(side, "side");
        positive(quantity, "quantity");
        positive(entryPrice, "entryPrice");
        positive(markPrice, "markPrice");
        if (!Double.isNaN(liquidationPrice)) {
            positive(liquidationPrice, "liquidationPrice");
        }
    }

    /**
     * A position without a liquidation price.
     *
     * @param symbol the instrument
     * @param side long or short
     * @param quantity the size
     * @param entryPrice the entry price
     * @param markPrice the current price
     * @return the position
     * @throws NullPointerException if {@code symbol} or {@code side} is null
     * @throws IllegalArgumentException if a quantity or price is not a positive finite number
     */
    public static Position of(String symbol, Side side, double quantity, double entryPrice, double markPrice) {
        return new Position(symbol, side, quantity, entryPrice, markPrice, Double.NaN);
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    /** @return quantity × mark price */
    public double notional() {
        return quantity * markPrice;
    }

    /** @return the P&amp;L if closed at the mark price */
    public double unrealizedPnl() {
        return (markPrice - entryPrice) * quantity * side.sign();
    }

    /**
     * How far the mark is from liquidation, as a fraction of the mark: 0.05 means a 5% move
     * liquidates it. {@code NaN} without a liquidation price.
     *
     * @return the distance
     */
    public double liquidationDistance() {
        return Double.isNaN(liquidationPrice) ? Double.NaN : Math.abs(markPrice - liquidationPrice) / markPrice;
    }
}
