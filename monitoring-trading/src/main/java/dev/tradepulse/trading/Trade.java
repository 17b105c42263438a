package dev.tradepulse.trading;

import java.time.Instant;
import java.util.Objects;

/**
 * A closed trade.
 *
 * @param symbol the instrument
 * @param side {@code BUY} (long) or {@code SELL} (short)
 * @param entryPrice the average entry price
 * @param exitPrice the average exit price
 * @param quantity the quantity
 * @param realizedPnl the P&amp;L after fees, in account currency
 * @param fees the fees paid
 * @param openedAt when the position opened
 * @param closedAt when it closed
 */
public record Trade(String symbol, String side, double entryPrice, double exitPrice, double quantity,
        double realizedPnl, double fees, Instant openedAt, Instant closedAt) {

    /** Checks the values. */
    public Trade {
        Objects.requireNonNull(symbol, "symbol must not be null");
        Objects.requireNonNull(side, "side must not be null");
        Objects.requireNonNull(openedAt, "openedAt must not be null");
        Objects.requireNonNull(closedAt, "closedAt must not be null");
        if (!Double.isFinite(realizedPnl)) {
            throw new IllegalArgumentException("realizedPnl must be a finite number, got " + realizedPnl);
        }
        if (closedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("closedAt must not be before openedAt");
        }
    }
}
