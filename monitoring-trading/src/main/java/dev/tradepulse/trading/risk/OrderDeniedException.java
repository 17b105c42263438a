package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by an {@link OrderGuard} proxy when the {@link PreTradeGate} refuses an order: the call
 * never reached the client. Carries the decision and, when the order could be read, the intent.
 * Unchecked, so that a guarded interface keeps its signatures. Fill in no stack trace: a denial
 * is an answer, not a bug, and a loop that meets the rate limit should not pay for one.
 *
 * <p>Immutable and thread-safe.
 */
public final class OrderDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GateDecision decision;
    private final transient @Nullable OrderIntent intent;

    /**
     * @param method the guarded method's name
     * @param decision the gate's answer, not {@link GateDecision.Verdict#ALLOWED}
     * @param intent the order, or null if it could not be read
     * @param cause why the order could not be read, or null
     * @throws NullPointerException if {@code method} or {@code decision} is null
     */
    public OrderDeniedException(String method, GateDecision decision, @Nullable OrderIntent intent,
            @Nullable Throwable cause) {
        super(message(method, decision, intent), cause, false, false);
        this.decision = decision;
        this.intent = intent;
    }

    private static String message(String method, GateDecision decision, @Nullable OrderIntent intent) {
        Checks.notNull(method, "method");
        Checks.notNull(decision, "decision");
        String order = intent == null ? "" : " " + intent.side() + " " + intent.quantity() + " "
                + LogText.clean(intent.symbol(), 40) + (intent.reduceOnly() ? " reduce-only" : "");
        return method + order + " refused by the pre-trade gate (" + decision.verdict() + ", " + decision.reason()
                + "): " + LogText.clean(decision.detail(), 300);
    }

    /** @return the gate's decision */
    public GateDecision decision() {
        return decision;
    }

    /** @return the order refused, or null if it could not be read */
    public @Nullable OrderIntent intent() {
        return intent;
    }
}
