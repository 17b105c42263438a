package dev.tradepulse.trading;

import java.util.Objects;

/**
 * An open position, marked to market.
 *
 * @param symbol the instrument
 * @param side {@code BUY} (long) or {@code SELL} (short)
 * @param quantity the size, positive
 * @param entryPrice the average entry price
 * @param markPrice the current price
 * @param liquidationPrice where the venue would liquidate it, or {@code NaN} if there is none (unlevered)
 */
public record Position(String symbol, String side, double quantity, double entryPrice, double markPrice,
        double liquidationPrice) {

    /** Checks the values. */
    public Position {
        Objects.requireNonNull(symbol, "symbol must not be null");
        Objects.requireNonNull(side, "side must not be null");
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new IllegalArgumentException("side must be BUY or SELL, got: " + side.replaceAll("\\p{Cntrl}", "?"));
        }
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
     * @param side BUY or SELL
     * @param quantity the size
     * @param entryPrice the entry price
     * @param markPrice the current price
     * @return the position
     */
    public static Position of(String symbol, String side, double quantity, double entryPrice, double markPrice) {
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
        return (markPrice - entryPrice) * quantity * (side.equals("BUY") ? 1 : -1);
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
