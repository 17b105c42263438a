package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.support.Checks;
import java.net.URI;
import java.time.Duration;

/**
 * A {@link RuleEngine}'s settings: how often it evaluates on its own thread, or whether it only
 * evaluates when {@link RuleEngine#evaluate()} is called. Rules, the dispatcher and the clock are
 * given to the engine's builder.
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class RuleEngineConfig {

    /** How often rules are evaluated by default: every 5 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final RuleEngineConfig DEFAULTS = new Builder().build();

    private final Duration interval;
    private final boolean scheduled;
    private final boolean awaitActions;
    private final URI runbookBase;

    private RuleEngineConfig(Builder b) {
        this.interval = b.interval;
        this.scheduled = b.scheduled;
        this.awaitActions = b.awaitActions;
        this.runbookBase = b.runbookBase;
    }

    /**
     * The defaults: evaluated every 5 seconds on the engine's thread.
     *
     * @return the default configuration
     */
    public static RuleEngineConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts a configuration from an existing one.
     *
     * @param base the configuration to copy
     * @return a builder holding its settings
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(RuleEngineConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.interval = base.interval;
        b.scheduled = base.scheduled;
        b.awaitActions = base.awaitActions;
        b.runbookBase = base.runbookBase;
        return b;
    }

    /** @return how often the engine's thread evaluates the rules */
    public Duration interval() {
        return interval;
    }

    /** @return whether the engine evaluates on its own thread; if not, only {@link RuleEngine#evaluate()} does */
    public boolean scheduled() {
        return scheduled;
    }

    /**
     * @return whether {@code evaluate()} waits for an action another round is running for one of
     *     its rules (default false)
     */
    public boolean awaitActions() {
        return awaitActions;
    }

    /**
     * Where the operations handbook lives: the links of shipped rules, under
     * {@link Runbooks#BASE}, are moved to this base as their alerts fire. The default is
     * {@code Runbooks.BASE} itself.
     *
     * @return the base the handbook's anchors are appended to
     */
    public URI runbookBase() {
        return runbookBase;
    }

    @Override
    public String toString() {
        return "RuleEngineConfig[interval=" + interval + ", scheduled=" + scheduled + ", awaitActions=" + awaitActions + ", runbookBase=" + runbookBase
                + "]";
    }

    /** Collects settings; each is checked when set. Not thread-safe. */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private boolean scheduled = true;
        private boolean awaitActions;
        private URI runbookBase = Runbooks.BASE;

        private Builder() {
        }

        /**
         * Where the operations handbook is hosted, for users who publish {@code docs/operations.md}
         * elsewhere (an intranet wiki, a docs site of their own): the shipped rules' links, under
         * {@link Runbooks#BASE}, are moved to this base, the anchor appended to its text, as
         * their alerts fire. Links given to rules of your own are left alone. The default is
         * {@code Runbooks.BASE}.
         *
         * @param base an absolute URI ending where the anchor goes, such as
         *     {@code https://wiki.example.com/tradepulse/operations#}; no credentials in it
         * @return this builder
         * @throws NullPointerException if {@code base} is null
         * @throws IllegalArgumentException if {@code base} is not absolute, carries user info,
         *     has a non-empty fragment, or makes no URI with an anchor appended
         */
        public Builder runbookBase(URI base) {
            this.runbookBase = Runbooks.checkBase(base, "base");
            return this;
        }

        /**
         * How often the engine's thread evaluates; the default is {@link #DEFAULT_INTERVAL}.
         *
         * @param every at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code every} is null
         * @throws IllegalArgumentException if {@code every} is shorter than 1 ms
         */
        public Builder interval(Duration every) {
            Checks.positive(every, "every");
            if (every.toMillis() == 0) {
                throw new IllegalArgumentException("every must be at least 1 ms, but was " + every);
            }
            this.interval = every;
            return this;
        }

        /**
         * Whether the engine evaluates on its own thread (the default), or only when
         * {@link RuleEngine#evaluate()} is called: on a bot's trading thread after each tick, or
         * in a test that moves a clock.
         *
         * @param scheduled false for no thread
         * @return this builder
         */
        public Builder scheduled(boolean scheduled) {
            this.scheduled = scheduled;
            return this;
        }

        /**
         * Whether {@code evaluate()} returns only after any action that another round started for one
         * of its rules has finished. For engines whose actions halt trading (a kill switch), evaluated
         * on the trading thread: when evaluate() returns, a breach the engine has seen has been acted
         * on, even if the engine's own thread fired it a moment earlier. Leave it off where one rule's
         * slow action must not hold up the caller.
         *
         * @param await true to wait
         * @return this builder
         */
        public Builder awaitActions(boolean await) {
            this.awaitActions = await;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public RuleEngineConfig build() {
            return new RuleEngineConfig(this);
        }
    }
}
