package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.util.Locale;

/**
 * What holds a {@link RiskState} down: a risk rule, a health mapping, an operator, or TradePulse
 * itself (a saved state that could not be read). A cause is identified by its {@link #kind()} and
 * {@link #name()}; {@link #recovers()} says whether it may lift its own hold
 * ({@link RiskState#recover}) or whether only an operator may ({@link RiskState#lift}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind who or what it is
 * @param name which rule, health component, operator or part of TradePulse; never blank
 * @param recovers whether this cause may lift the hold it placed, without an operator
 */
public record Cause(Kind kind, String name, boolean recovers) {

    /** Who or what lowers or lifts a state. */
    public enum Kind {
        /** A risk rule, such as a daily-loss limit. */
        RULE,
        /** A health mapping, such as stale market data. */
        HEALTH,
        /** A person. */
        OPERATOR,
        /** TradePulse itself, such as a saved state that could not be read at start. */
        SYSTEM
    }

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code kind} or {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Cause {
        Checks.notNull(kind, "kind");
        Checks.notBlank(name, "name");
    }

    /**
     * A risk rule; only an operator may lift what it holds, unless {@link #recovering()} says otherwise.
     *
     * @param name the rule's name
     * @return the cause
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Cause rule(String name) {
        return new Cause(Kind.RULE, name, false);
    }

    /**
     * A health mapping, such as {@code market-data}; only an operator may lift what it holds, unless
     * {@link #recovering()} says otherwise.
     *
     * @param name the health component or mapping
     * @return the cause
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Cause health(String name) {
        return new Cause(Kind.HEALTH, name, false);
    }

    /**
     * A person.
     *
     * @param who the operator
     * @return the cause
     * @throws NullPointerException if {@code who} is null
     * @throws IllegalArgumentException if {@code who} is blank
     */
    public static Cause operator(String who) {
        return new Cause(Kind.OPERATOR, who, false);
    }

    /**
     * TradePulse itself.
     *
     * @param name which part, such as {@code state-record}
     * @return the cause
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Cause system(String name) {
        return new Cause(Kind.SYSTEM, name, false);
    }

    /**
     * This cause, allowed to lift its own hold through {@link RiskState#recover}: for example
     * {@code Cause.health("market-data").recovering()} lowers a state to REDUCING while data is
     * stale and lifts it when the data is fresh, if nothing else holds the state down.
     *
     * @return the same cause, allowed to recover
     */
    public Cause recovering() {
        return new Cause(kind, name, true);
    }

    /** @return the identity of the cause, such as {@code health:market-data}; the same whether it recovers or not */
    public String id() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }

    /** @return {@link #id()} */
    @Override
    public String toString() {
        return id();
    }
}
