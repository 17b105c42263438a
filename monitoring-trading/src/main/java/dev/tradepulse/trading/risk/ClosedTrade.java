package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.trading.Trade;

/**
 * A closed trade and why it closed, as {@link Protections} see it. Immutable and thread-safe.
 *
 * @param trade the trade
 * @param exitReason why it closed
 */
public record ClosedTrade(Trade trade, ExitReason exitReason) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     */
    public ClosedTrade {
        Checks.notNull(trade, "trade");
        Checks.notNull(exitReason, "exitReason");
    }

    /** @return the trade's symbol */
    public String symbol() {
        return trade.symbol();
    }

    /** @return whether it lost money (after fees) */
    public boolean loss() {
        return trade.realizedPnl() < 0;
    }

    /**
     * The P&amp;L as a share of the cost basis ({@code entryPrice * quantity}); 0 if the basis is
     * not positive.
     *
     * @return the profit ratio, such as -0.02 for a 2% loss
     */
    public double profitRatio() {
        double basis = trade.entryPrice() * trade.quantity();
        return basis > 0 && Double.isFinite(basis) ? trade.realizedPnl() / basis : 0;
    }
}
