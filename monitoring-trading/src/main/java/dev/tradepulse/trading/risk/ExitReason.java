package dev.tradepulse.trading.risk;

/**
 * Why a position closed, which {@link dev.tradepulse.trading.Trade} does not record: the
 * {@linkplain Protection#stopLossGuard stop-loss guard} counts {@link #STOP_LOSS} and
 * {@link #LIQUIDATION} exits. Immutable and thread-safe.
 */
public enum ExitReason {
    /** A stop-loss order (fixed, trailing or on the exchange) closed it. */
    STOP_LOSS,
    /** The venue liquidated it: a stop-loss the venue chose. */
    LIQUIDATION,
    /** A take-profit order closed it. */
    TAKE_PROFIT,
    /** The strategy's exit signal closed it. */
    SIGNAL,
    /** A person closed it. */
    MANUAL,
    /** Not known, or none of the above. */
    OTHER;

    /** @return whether a stop-loss guard counts it */
    public boolean stopLoss() {
        return this == STOP_LOSS || this == LIQUIDATION;
    }
}
