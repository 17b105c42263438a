package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.trading.Exposure;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;

/**
 * The open book the {@link PreTradeGate}'s position, leverage and concentration checks read:
 * usually a {@link PerformanceTracker}, through {@link #of(PerformanceTracker)}.
 *
 * <p>The gate calls these methods only when one of those limits is set, and only for orders
 * that are not reduce-only. Implementations must be thread-safe; a method that throws, or answers
 * a negative count or a notional or equity that is NaN or infinite, makes the gate refuse the
 * order ({@link GateDecision.Reason#EXPOSURE_UNKNOWN}).
 */
public interface ExposureSource {

    /**
     * How many positions are open.
     *
     * @return the count
     */
    int openPositions();

    /**
     * The sum of the open positions' |notional|.
     *
     * @return the gross notional, in account currency
     */
    double grossNotional();

    /**
     * The account's equity.
     *
     * @return the equity, or {@code NaN} if unknown (the leverage check then refuses new exposure)
     */
    double equity();

    /**
     * The |notional| of the open position in a symbol.
     *
     * @param symbol the instrument
     * @return the notional, 0 when none is open
     */
    double notional(String symbol);

    /**
     * A tracker's book. Each call reads the tracker's positions afresh (the tracker allocates
     * its {@link Exposure} and position list for that; the gate adds nothing).
     *
     * @param tracker the tracker
     * @return the source
     * @throws NullPointerException if {@code tracker} is null
     */
    static ExposureSource of(PerformanceTracker tracker) {
        Checks.notNull(tracker, "tracker");
        return new ExposureSource() {
            @Override
            public int openPositions() {
                return tracker.exposure().openPositions();
            }

            @Override
            public double grossNotional() {
                return tracker.exposure().grossNotional();
            }

            @Override
            public double equity() {
                Exposure e = tracker.exposure();
                if (e.grossNotional() > 0 && e.leverage() > 0 && Double.isFinite(e.leverage())) {
                    return e.grossNotional() / e.leverage();
                }
                return tracker.snapshot().equity(); // a flat book: leverage says nothing of equity
            }

            @Override
            public double notional(String symbol) {
                for (Position p : tracker.positions()) {
                    if (p.symbol().equals(symbol)) {
                        return Math.abs(p.notional());
                    }
                }
                return 0;
            }

            @Override
            public String toString() {
                return "ExposureSource[" + tracker.strategy() + "]";
            }
        };
    }
}
