package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link RiskState}: the state it starts in when its saved record is damaged,
 * unreadable or of an unknown version, and whether it audits and alerts its own transitions.
 * Built with {@link #custom()} or {@link #from(RiskStateConfig)}, handed to
 * {@link RiskState.Builder#config(RiskStateConfig)}.
 *
 * <p>Immutable and thread-safe. Holds no secrets.
 */
public final class RiskStateConfig {

    /** The state a damaged or unreadable saved record lands in by default: {@link TradingState#HALTED}. */
    public static final TradingState DEFAULT_FAILED_READ_STATE = TradingState.HALTED;

    private static final RiskStateConfig DEFAULTS = new Builder(DEFAULT_FAILED_READ_STATE, true).build();

    private final TradingState failedReadState;
    private final boolean announceTransitions;

    private RiskStateConfig(Builder b) {
        this.failedReadState = b.failedReadState;
        this.announceTransitions = b.announceTransitions;
    }

    /**
     * The defaults: a damaged record lands in HALTED; transitions are audited and alerted.
     *
     * @return the default settings
     */
    public static RiskStateConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder(DEFAULT_FAILED_READ_STATE, true);
    }

    /**
     * Starts from another config's settings.
     *
     * @param base the settings to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(RiskStateConfig base) {
        Checks.notNull(base, "base");
        return new Builder(base.failedReadState, base.announceTransitions);
    }

    /** @return the state a damaged, unreadable or unknown-version saved record lands in; never ACTIVE */
    public TradingState failedReadState() {
        return failedReadState;
    }

    /**
     * @return whether the state journals ({@code TRADING_STATE}) and alerts each of its
     *     transitions; restores and damaged records are journalled and alerted either way
     */
    public boolean announceTransitions() {
        return announceTransitions;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RiskStateConfig c && failedReadState == c.failedReadState
                && announceTransitions == c.announceTransitions;
    }

    @Override
    public int hashCode() {
        return failedReadState.hashCode() * 31 + Boolean.hashCode(announceTransitions);
    }

    @Override
    public String toString() {
        return "RiskStateConfig[failedReadState=" + failedReadState + ", announceTransitions=" + announceTransitions + "]";
    }

    /** Collects settings, checking each at once. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private TradingState failedReadState;
        private boolean announceTransitions;

        private Builder(TradingState failedReadState, boolean announceTransitions) {
            this.failedReadState = failedReadState;
            this.announceTransitions = announceTransitions;
        }

        /**
         * The state a saved record that is damaged, unreadable or of an unknown version lands in;
         * the default is {@link #DEFAULT_FAILED_READ_STATE} (HALTED). It is a safe state: ACTIVE is refused.
         *
         * @param state {@link TradingState#REDUCING} or {@link TradingState#HALTED}
         * @return this builder
         * @throws NullPointerException if {@code state} is null
         * @throws IllegalArgumentException if {@code state} is {@link TradingState#ACTIVE}
         */
        public Builder failedReadState(TradingState state) {
            Checks.notNull(state, "state");
            if (state == TradingState.ACTIVE) {
                throw new IllegalArgumentException("state must be REDUCING or HALTED: a saved state that cannot be"
                        + " read never lands in ACTIVE");
            }
            this.failedReadState = state;
            return this;
        }

        /**
         * Whether the state journals and alerts its own transitions; the default is true. Turn it
         * off only when another component journals and alerts them, as {@code KillSwitch} does
         * for its halts. Restores and damaged records are journalled and alerted either way.
         *
         * @param enabled whether to announce transitions
         * @return this builder
         */
        public Builder announceTransitions(boolean enabled) {
            this.announceTransitions = enabled;
            return this;
        }

        /**
         * Freezes the settings.
         *
         * @return the config
         */
        public RiskStateConfig build() {
            return new RiskStateConfig(this);
        }
    }
}
