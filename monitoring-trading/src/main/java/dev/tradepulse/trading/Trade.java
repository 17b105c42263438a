package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;

/**
 * A closed trade.
 *
 * <p>Immutable and thread-safe.
 *
 * @param symbol the instrument
 * @param side the position's side: {@link Side#BUY} (long) or {@link Side#SELL} (short)
 * @param entryPrice the average entry price
 * @param exitPrice the average exit price
 * @param quantity the quantity
 * @param realizedPnl the P&amp;L after fees, in account currency
 * @param fees the fees paid
 * @param openedAt when the position opened
 * @param closedAt when it closed
 */
public record Trade(String symbol, Side side, double entryPrice, double exitPrice, double quantity,
        double realizedPnl, double fees, Instant openedAt, Instant closedAt) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code symbol}, {@code side}, {@code openedAt} or
     *     {@code closedAt} is null
     * @throws IllegalArgumentException if {@code realizedPnl} is not finite or {@code closedAt} is
     *     before {@code openedAt}
     */
    public Trade {
        Checks.notNull(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.notNull(openedAt, "openedAt");
        Checks.notNull(closedAt, "closedAt");
        if (!Double.isFinite(realizedPnl)) {
            throw new IllegalArgumentException("realizedPnl must be a finite number, got " + realizedPnl);
        }
        if (closedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("closedAt must not be before openedAt");
        }
    }
}
