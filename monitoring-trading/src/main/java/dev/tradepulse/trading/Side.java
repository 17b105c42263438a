package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;

/**
 * The side of an order, a position or a closed trade: {@link #BUY} is long, {@link #SELL} is
 * short. An enum, so that a misspelt side is a compile error rather than a run-time surprise.
 *
 * <p>Immutable and thread-safe.
 */
public enum Side {
    /** Bought: a long position, which gains when the price rises. */
    BUY,
    /** Sold: a short position, which gains when the price falls. */
    SELL;

    /**
     * The sign a price move is multiplied by to give this side's P&amp;L.
     *
     * @return +1 for {@link #BUY}, -1 for {@link #SELL}
     */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    /**
     * The side that closes this one.
     *
     * @return {@link #SELL} for {@link #BUY} and the other way round
     */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /**
     * Reads a side from text, such as an exchange's response, strictly: exactly {@code BUY} or
     * {@code SELL}, in capitals, without blanks. Anything else ({@code buy}, {@code LONG},
     * {@code " BUY"}) is refused rather than guessed.
     *
     * @param text the text
     * @return the side
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is neither {@code BUY} nor {@code SELL}; the
     *     message quotes it with control characters escaped and long text cut
     */
    public static Side parse(String text) {
        Checks.notNull(text, "text");
        return switch (text) {
            case "BUY" -> BUY;
            case "SELL" -> SELL;
            default -> throw new IllegalArgumentException("side must be BUY or SELL, got: '"
                    + LogText.clean(text, 40) + "'");
        };
    }
}
