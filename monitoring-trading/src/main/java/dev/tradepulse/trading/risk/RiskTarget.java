package dev.tradepulse.trading.risk;

/**
 * What the health-driven risk components ({@link HealthRiskMapping}, {@link Reconciliation}) act
 * on: a trading state that a cause may lower and, when that cause recovers, lift again. The
 * trading state machine implements it; a bot may adapt its own.
 *
 * <p>The contract the components rely on:
 * <ul>
 *   <li>{@link #lower} moves the state down to {@code to} at once if it is safer than the current
 *       state, and records {@code cause} as holding it there; a state already as safe or safer
 *       stays. Lowering twice with the same cause counts once.</li>
 *   <li>{@link #lift} withdraws {@code cause}: the state rises only as far as the causes still
 *       holding it allow, and only if the target allows that cause to recover. A cause that holds
 *       nothing is ignored.</li>
 * </ul>
 *
 * <p>Threads: called from health workers, the rule engine's thread and the bot's own threads, at
 * once; an implementation must be thread-safe and return quickly. What it throws is caught, counted
 * and logged at a bounded rate by the caller.
 */
public interface RiskTarget {

    /**
     * Lowers the state to {@code to} (if that is safer than now) because of {@code cause}.
     *
     * @param to the state to move down to
     * @param cause a stable name for what lowered it, such as {@code health:market-data}
     * @param reason text for operators, such as "market data is stale: BTCUSDT"
     */
    void lower(TradingState to, String cause, String reason);

    /**
     * Withdraws {@code cause}: what it lowered may rise again if recovery is allowed.
     *
     * @param cause the name given to {@link #lower}
     */
    void lift(String cause);
}
