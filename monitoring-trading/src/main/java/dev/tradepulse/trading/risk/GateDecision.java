package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;

/**
 * The {@link PreTradeGate}'s answer for one order: a verdict, the reason, and words for people.
 *
 * <p>Every decision but a lock's is a shared constant ({@link #of(Reason)}), so that answering
 * builds nothing; a lock's decision names the lock and is built on the (denied) path that meets
 * it. Immutable and thread-safe.
 *
 * @param verdict allowed, allowed if reduce-only, or denied
 * @param reason why: {@link Reason#NONE} when allowed
 * @param detail words for a log line or an exception message
 */
public record GateDecision(Verdict verdict, Reason reason, String detail) {

    /** What the gate says. */
    public enum Verdict {
        /** Send it. */
        ALLOWED,
        /**
         * Not as sent: the same order marked reduce-only would not be refused for this reason
         * (it could still meet a later check, such as the rate limit).
         */
        ALLOWED_IF_REDUCE_ONLY,
        /** Do not send it. */
        DENIED
    }

    /** Why, with the verdict each reason gives and its words. */
    public enum Reason {
        /** Nothing stood in the way. */
        NONE(Verdict.ALLOWED, "allowed"),
        /** The strategy is {@link TradingState#REDUCING}: only reduce-only orders go out. */
        STATE_REDUCING(Verdict.ALLOWED_IF_REDUCE_ONLY, "trading state is REDUCING: only reduce-only orders"),
        /** The strategy is {@link TradingState#HALTED}: no order goes out (cancels are not orders). */
        STATE_HALTED(Verdict.DENIED, "trading state is HALTED: no orders"),
        /** The state source failed or answered null: the gate takes the safe side. */
        STATE_UNKNOWN(Verdict.DENIED, "trading state unknown (the state source failed): no orders"),
        /** A global lock is active: no new exposure on any symbol. */
        GLOBAL_LOCK(Verdict.ALLOWED_IF_REDUCE_ONLY, "all symbols are locked"),
        /** The order's symbol is locked: no new exposure on it. */
        SYMBOL_LOCK(Verdict.ALLOWED_IF_REDUCE_ONLY, "the symbol is locked"),
        /** The order is worth more than the per-order limit. */
        MAX_NOTIONAL(Verdict.DENIED, "notional above the per-order limit"),
        /** A notional-based limit is set but the intent has neither a notional nor a price. */
        NOTIONAL_UNKNOWN(Verdict.DENIED, "notional unknown (no price and no notional) while a notional limit is set"),
        /** A new position would exceed the maximum number of open positions. */
        MAX_POSITIONS(Verdict.ALLOWED_IF_REDUCE_ONLY, "max open positions reached"),
        /** The order would take gross leverage above the limit. */
        MAX_LEVERAGE(Verdict.ALLOWED_IF_REDUCE_ONLY, "leverage would exceed the limit"),
        /** The order would take the symbol's share of gross notional above the limit. */
        MAX_CONCENTRATION(Verdict.ALLOWED_IF_REDUCE_ONLY, "concentration would exceed the limit"),
        /** An exposure limit is set but the exposure source failed or has no equity yet. */
        EXPOSURE_UNKNOWN(Verdict.ALLOWED_IF_REDUCE_ONLY, "exposure unknown (the source failed or has no equity)"),
        /** Too many orders allowed within the last second. */
        RATE_PER_SECOND(Verdict.DENIED, "too many orders in the last second"),
        /** Too many orders allowed within the last minute. */
        RATE_PER_MINUTE(Verdict.DENIED, "too many orders in the last minute"),
        /** The order could not be read (an {@link OrderGuard} mapping failed): refused, not guessed. */
        INVALID_INTENT(Verdict.DENIED, "the order could not be read"),
        /**
         * The gate is closed (TradePulse shut down): an order sent now would go out unguarded and
         * unaudited, so none goes. Counted, not journalled (the journal is closing too).
         */
        CLOSED(Verdict.DENIED, "monitoring is shut down: no orders");

        private final Verdict verdict;
        private final String words;

        Reason(Verdict verdict, String words) {
            this.verdict = verdict;
            this.words = words;
        }

        /** @return the verdict this reason gives */
        public Verdict verdict() {
            return verdict;
        }

        /** @return what it means, in words */
        public String words() {
            return words;
        }
    }

    private static final GateDecision[] CONSTANTS = constants();

    /** The decision to send an order: a shared constant. */
    public static final GateDecision ALLOWED = CONSTANTS[Reason.NONE.ordinal()];

    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code verdict} is not the one {@code reason} gives
     */
    public GateDecision {
        Checks.notNull(verdict, "verdict");
        Checks.notNull(reason, "reason");
        Checks.notNull(detail, "detail");
        if (reason.verdict() != verdict) {
            throw new IllegalArgumentException("verdict must be " + reason.verdict() + " for reason " + reason
                    + ", got " + verdict);
        }
    }

    /**
     * The shared decision for a reason, with the reason's words as its detail.
     *
     * @param reason the reason
     * @return the constant
     * @throws NullPointerException if {@code reason} is null
     */
    public static GateDecision of(Reason reason) {
        return CONSTANTS[Checks.notNull(reason, "reason").ordinal()];
    }

    /**
     * A decision with its own detail, such as the lock that refused the order.
     *
     * @param reason the reason
     * @param detail the words
     * @return the decision
     * @throws NullPointerException if an argument is null
     */
    public static GateDecision of(Reason reason, String detail) {
        return new GateDecision(Checks.notNull(reason, "reason").verdict(), reason, detail);
    }

    /** @return whether the order may be sent as it is */
    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }

    private static GateDecision[] constants() {
        Reason[] reasons = Reason.values();
        GateDecision[] all = new GateDecision[reasons.length];
        for (Reason r : reasons) {
            all[r.ordinal()] = new GateDecision(r.verdict(), r, r.words());
        }
        return all;
    }
}
