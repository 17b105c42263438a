package dev.tradepulse.runtime;

import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.ExitReason;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.OrderGuard;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.PreTradeGate;
import dev.tradepulse.trading.risk.Protections;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Instant;
import java.util.Map;

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
     * Records a closed trade with why it was closed, and gives it to the configured protections
     * ({@code strategies.<name>.protections.*}): three stop-loss exits within the lookback lock the
     * symbol, say. Not the hot path: it may allocate; {@link #recordTrade(Trade)} does not.
     *
     * @param trade a closed trade
     * @param exit why it was closed, such as {@link ExitReason#STOP_LOSS}
     * @throws NullPointerException if an argument is null
     */
    void recordTrade(Trade trade, ExitReason exit);

    /** @return the strategy's protections (empty unless configured) */
    Protections protections();

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

    /**
     * Asks the pre-trade gate before an order is sent: the trading state, the locks, the order
     * rate, the notional, and the exposure limits. Allocation-free on the allowed path.
     *
     * @param intent the order about to be sent
     * @return allowed, allowed if reduce-only, or denied, with the reason
     * @throws NullPointerException if {@code intent} is null
     */
    GateDecision check(OrderIntent intent);

    /**
     * Puts the gate in front of a client's order-placing methods: a refused call throws
     * {@link dev.tradepulse.trading.risk.OrderDeniedException} and never reaches the client, so a
     * halted strategy cannot send an order through it at all. Other methods (cancels, reads) pass.
     *
     * @param <T> the client's interface
     * @param type the interface
     * @param client the client, usually already {@link TradePulse#instrument instrumented}
     * @param orders for each order-placing method name, how its arguments make an {@link OrderIntent}
     * @return the guarded client
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is not a method of {@code type}
     */
    <T> T guard(Class<T> type, T client, Map<String, OrderGuard.IntentExtractor> orders);

    /** @return the pre-trade gate, with its denial counts */
    PreTradeGate gate();

    /** @return the locks the gate honours (shared by the runtime's strategies): operator lock and unlock */
    LockBook locks();

    /** @return the performance tracker */
    PerformanceTracker tracker();

    /** @return the kill switch */
    KillSwitch killSwitch();
}
