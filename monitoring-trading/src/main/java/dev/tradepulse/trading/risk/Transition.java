package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A change of a {@link RiskState}'s own state, as its listeners, its audit record and its status
 * event report it. Transitions of one state are numbered in the order they took effect
 * ({@link #sequence()}); listeners on different threads may see them out of that order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope the state's scope (a strategy or an account)
 * @param sequence the transition's number, from 1, counted across restarts when the state is saved
 * @param type down, up, or restored at start
 * @param from the state before; for {@link Type#RESTORED}, {@link TradingState#ACTIVE} (a fresh start)
 * @param to the state after
 * @param cause who or what moved it
 * @param reason why, for people
 * @param holds what holds the state down afterwards
 * @param at when it happened
 */
public record Transition(String scope, long sequence, Type type, TradingState from, TradingState to, Cause cause,
        String reason, List<Hold> holds, Instant at) {

    /** Which way a transition went. */
    public enum Type {
        /** Toward {@link TradingState#HALTED}: automatic and immediate. */
        DOWN,
        /** Toward {@link TradingState#ACTIVE}: an operator's lift, or a recovering cause's own. */
        UP,
        /** The state a saved record held, or the safe state a damaged record forced, at start. */
        RESTORED
    }

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public Transition {
        Checks.notNull(scope, "scope");
        Checks.notNull(type, "type");
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.notNull(cause, "cause");
        Checks.notNull(reason, "reason");
        holds = List.copyOf(Checks.notNull(holds, "holds"));
        Checks.notNull(at, "at");
    }
}
