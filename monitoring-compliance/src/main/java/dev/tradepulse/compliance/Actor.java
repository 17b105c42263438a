package dev.tradepulse.compliance;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.internal.SafeText;

/**
 * Who did what an audit event records: a user id, a strategy, a rule engine, an operator. A type
 * of its own so that the actor cannot trade places with any of the text arguments next to it
 * (an action, a rule, a parameter name) in {@link ComplianceLogger}'s methods: such a swap does not
 * compile. Keep one per strategy or user where a call is hot; making one costs an allocation.
 *
 * <p>The id is written to the journal redacted and cut like any other text. Immutable and
 * thread-safe.
 *
 * @param id the actor's id, as written in the event's {@code actor} field
 */
public record Actor(String id) {

    /**
     * Checks the id.
     *
     * @throws NullPointerException if {@code id} is null
     */
    public Actor {
        Checks.notNull(id, "id");
    }

    /**
     * An actor.
     *
     * @param id the actor's id, such as {@code user_123} or {@code strategy-7}
     * @return the actor
     * @throws NullPointerException if {@code id} is null
     */
    public static Actor of(String id) {
        return new Actor(id);
    }

    /** The id, redacted by the default rules and on one line. */
    @Override
    public String toString() {
        return "Actor[" + SafeText.safe(id) + "]";
    }
}
