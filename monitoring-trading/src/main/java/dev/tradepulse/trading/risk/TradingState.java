package dev.tradepulse.trading.risk;

/**
 * How much a strategy (or an account) may trade, after NautilusTrader's trading states. The order
 * is from the most permissive to the safest: a move toward {@link #HALTED} is a step down.
 */
public enum TradingState {
    /** Every order may be sent. */
    ACTIVE,
    /** Only orders that reduce a position may be sent; new exposure is refused. */
    REDUCING,
    /** Nothing but cancels may be sent. */
    HALTED;

    /**
     * @param other another state
     * @return whether this state is safer (more restrictive) than {@code other}
     * @throws NullPointerException if {@code other} is null
     */
    public boolean isSaferThan(TradingState other) {
        return compareTo(other) > 0;
    }
}
