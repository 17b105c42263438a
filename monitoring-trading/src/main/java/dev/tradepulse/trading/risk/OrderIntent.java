package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.trading.Side;

/**
 * An order the bot is about to send, as the {@link PreTradeGate} sees it.
 *
 * <p>Give the notional directly, or a price the gate multiplies by the quantity: a limit order's
 * price, or a market order's reference price (the last trade or the mark). An intent without
 * either has an unknown notional, which the notional, leverage and concentration checks refuse
 * when they are set.
 *
 * <p>Immutable and thread-safe. Keep one per order template on a hot path: making one costs an
 * allocation the gate itself never adds.
 *
 * @param symbol the instrument
 * @param side buy or sell
 * @param quantity the quantity, positive
 * @param price the limit or reference price, positive, or {@code NaN} if unknown
 * @param notional the order's value in account currency, positive, or {@code NaN} to use
 *     {@code quantity * price}
 * @param reduceOnly whether the order may only reduce an open position
 */
public record OrderIntent(String symbol, Side side, double quantity, double price, double notional,
        boolean reduceOnly) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code symbol} or {@code side} is null
     * @throws IllegalArgumentException if {@code symbol} is blank, {@code quantity} is not a
     *     positive finite number, or {@code price} or {@code notional} is neither NaN nor a
     *     positive finite number
     */
    public OrderIntent {
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(side, "side");
        if (!(quantity > 0) || !Double.isFinite(quantity)) {
            throw new IllegalArgumentException("quantity must be a positive finite number, got " + quantity);
        }
        positiveOrNaN(price, "price");
        positiveOrNaN(notional, "notional");
    }

    /**
     * An order at a price: a limit price, or a market order's reference price.
     *
     * @param symbol the instrument
     * @param side buy or sell
     * @param quantity the quantity
     * @param price the price
     * @return an intent that may open or add to a position
     * @throws NullPointerException if {@code symbol} or {@code side} is null
     * @throws IllegalArgumentException if a value is out of range (see the record's constructor)
     */
    public static OrderIntent of(String symbol, Side side, double quantity, double price) {
        return new OrderIntent(symbol, side, quantity, price, Double.NaN, false);
    }

    /**
     * The same order, marked reduce-only.
     *
     * @return an intent that may only reduce a position
     */
    public OrderIntent asReduceOnly() {
        return reduceOnly ? this : new OrderIntent(symbol, side, quantity, price, notional, true);
    }

    /**
     * The order's value: {@link #notional()} if given, otherwise {@code quantity * price}.
     *
     * @return the value in account currency, or {@code NaN} if neither is known
     */
    public double value() {
        return Double.isNaN(notional) ? quantity * price : notional;
    }

    private static void positiveOrNaN(double v, String name) {
        if (!Double.isNaN(v) && (!(v > 0) || !Double.isFinite(v))) {
            throw new IllegalArgumentException(name + " must be NaN or a positive finite number, got " + v);
        }
    }
}
