package dev.tradepulse.trading.risk;

/**
 * Where a {@link PreTradeGate} reads the trading state from: the risk state machine's
 * {@code current()}, wired as a method reference ({@code riskState::current}).
 *
 * <p>Implementations must be thread-safe, lock-free and allocation-free: the gate calls
 * {@link #current()} on every check, on the trading thread, and again just before it allows an
 * order. A source that throws or returns null makes the gate deny the order
 * ({@link GateDecision.Reason#STATE_UNKNOWN}).
 */
@FunctionalInterface
public interface TradingStateSource {

    /** A source that is always {@link TradingState#ACTIVE}: the gate's default when no state machine is wired. */
    TradingStateSource ALWAYS_ACTIVE = () -> TradingState.ACTIVE;

    /**
     * The state now.
     *
     * @return the state
     */
    TradingState current();
}
