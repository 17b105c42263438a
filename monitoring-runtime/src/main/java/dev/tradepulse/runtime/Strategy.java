package dev.tradepulse.runtime;

import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Instant;

/**
 * One strategy of a {@link TradePulse}: its performance tracker, its kill switch and its risk
 * rules. The record methods are the tracker's, on the trading thread's hot path (no allocation,
 * no lock held across I/O); {@link #afterTick()} runs the strategy's rules on the calling thread.
 * Thread-safe.
 */
public interface Strategy {

    /** @return the strategy's name */
    String name();

    /**
     * @param trade a closed trade
     * @throws NullPointerException if {@code trade} is null
     * @see PerformanceTracker#recordTrade(Trade)
     */
    void recordTrade(Trade trade);

    /**
     * @param at when the equity was this
     * @param equity the account's equity
     * @throws NullPointerException if {@code at} is null
     * @throws IllegalArgumentException if {@code equity} is not finite
     * @see PerformanceTracker#recordEquity(Instant, double)
     */
    void recordEquity(Instant at, double equity);

    /**
     * @param position an open position (replaces the one of its symbol)
     * @throws NullPointerException if {@code position} is null
     */
    void updatePosition(Position position);

    /**
     * @param symbol the symbol whose position is closed
     * @throws NullPointerException if {@code symbol} is null
     */
    void closePosition(String symbol);

    /** Notes that the strategy decided something now (the no-decision rule watches this). */
    void recordDecision();

    /**
     * Runs this strategy's rules now, on the calling thread, so that a limit breached by the last
     * tick halts the strategy before its next order. Never throws: a failing rule is counted and
     * logged at a bounded rate.
     */
    void afterTick();

    /** @return whether the kill switch has halted this strategy (restored from disk after a restart) */
    boolean isHalted();

    /**
     * @return ACTIVE, REDUCING (only position-reducing orders) or HALTED; a volatile read, for
     *     the order path
     */
    TradingState state();

    /** @return the strategy's trading state machine: its holds, transitions and operator lift */
    RiskState riskState();

    /** @return the performance tracker */
    PerformanceTracker tracker();

    /** @return the kill switch */
    KillSwitch killSwitch();
}
