package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link KillSwitch}: how long its halt action may run before the halt is
 * reported as failed. Built with {@link #custom()} or {@link #from(KillSwitchConfig)}, handed to
 * {@link KillSwitch.Builder#config(KillSwitchConfig)}.
 *
 * <p>Immutable and thread-safe. Holds no secrets.
 */
public final class KillSwitchConfig {

    /** How long a halt action may run by default before the halt is reported as failed: 10 seconds. */
    public static final Duration DEFAULT_HALT_DEADLINE = Duration.ofSeconds(10);
    /** The longest deadline allowed: one day. */
    public static final Duration MAX_HALT_DEADLINE = Duration.ofDays(1);

    private static final KillSwitchConfig DEFAULTS = new Builder(DEFAULT_HALT_DEADLINE).build();

    private final Duration haltDeadline;

    private KillSwitchConfig(Builder b) {
        this.haltDeadline = b.haltDeadline;
    }

    /**
     * The defaults: a 10-second halt deadline.
     *
     * @return the default settings
     */
    public static KillSwitchConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder(DEFAULT_HALT_DEADLINE);
    }

    /**
     * Starts from another config's settings.
     *
     * @param base the settings to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(KillSwitchConfig base) {
        return new Builder(Checks.notNull(base, "base").haltDeadline);
    }

    /** @return how long a halt action may run before the halt is journalled and alerted as failed */
    public Duration haltDeadline() {
        return haltDeadline;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof KillSwitchConfig c && haltDeadline.equals(c.haltDeadline);
    }

    @Override
    public int hashCode() {
        return haltDeadline.hashCode();
    }

    @Override
    public String toString() {
        return "KillSwitchConfig[haltDeadline=" + HumanDuration.format(haltDeadline) + "]";
    }

    /** Collects settings, checking each at once. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private Duration haltDeadline;

        private Builder(Duration haltDeadline) {
            this.haltDeadline = haltDeadline;
        }

        /**
         * How long the halt action may run before the halt is journalled and alerted as failed;
         * the default is {@link #DEFAULT_HALT_DEADLINE} (10 seconds). An action that overruns is
         * not interrupted.
         *
         * @param deadline positive, at most a day
         * @return this builder
         * @throws NullPointerException if {@code deadline} is null
         * @throws IllegalArgumentException if {@code deadline} is not positive or longer than a day
         */
        public Builder haltDeadline(Duration deadline) {
            Checks.positive(deadline, "deadline");
            if (deadline.compareTo(MAX_HALT_DEADLINE) > 0) {
                throw new IllegalArgumentException("deadline must be at most 1 day, but was " + deadline);
            }
            this.haltDeadline = deadline;
            return this;
        }

        /**
         * Freezes the settings.
         *
         * @return the config
         */
        public KillSwitchConfig build() {
            return new KillSwitchConfig(this);
        }
    }
}
