package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Reconciliation} compares the exchange's book with TradePulse's. The defaults:
 * <ul>
 *   <li>positions within 1e-8 units or 0.1% of the larger quantity (rounding to the exchange's
 *       step size, not a missed fill);</li>
 *   <li>equity within 1 unit of the account currency or 0.5% (fees, funding and mark prices
 *       the bot has not seen yet);</li>
 *   <li>balances within 1e-8 or 0.1% of the larger amount;</li>
 *   <li>open orders exactly;</li>
 *   <li>two drifted runs in a row before it alerts and lowers to REDUCING: a fill that lands
 *       between the exchange's answer and the bot's record looks like a drift for one run;</li>
 *   <li>a matching run lifts what a drift lowered ({@code recoverWhenMatched});</li>
 *   <li>a fetch may take 1.5 seconds, inside the health registry's default 2-second check timeout.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; holds no secrets. {@link Builder} is not thread-safe.
 */
public final class ReconciliationConfig {

    private static final ReconciliationConfig DEFAULTS = new Builder().build();

    private final Tolerance positions;
    private final Tolerance equity;
    private final Tolerance balances;
    private final int openOrders;
    private final int confirmations;
    private final boolean recoverWhenMatched;
    private final Duration fetchTimeout;

    private ReconciliationConfig(Builder b) {
        this.positions = b.positions;
        this.equity = b.equity;
        this.balances = b.balances;
        this.openOrders = b.openOrders;
        this.confirmations = b.confirmations;
        this.recoverWhenMatched = b.recoverWhenMatched;
        this.fetchTimeout = b.fetchTimeout;
    }

    /**
     * The defaults (see the class description).
     *
     * @return the defaults
     */
    public static ReconciliationConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts from another config.
     *
     * @param base the config to copy
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(ReconciliationConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.positions = base.positions;
        b.equity = base.equity;
        b.balances = base.balances;
        b.openOrders = base.openOrders;
        b.confirmations = base.confirmations;
        b.recoverWhenMatched = base.recoverWhenMatched;
        b.fetchTimeout = base.fetchTimeout;
        return b;
    }

    /** @return the tolerance on each symbol's signed quantity */
    public Tolerance positions() {
        return positions;
    }

    /** @return the tolerance on equity */
    public Tolerance equity() {
        return equity;
    }

    /** @return the tolerance on each asset's balance */
    public Tolerance balances() {
        return balances;
    }

    /** @return how many open orders per symbol the two books may differ by */
    public int openOrders() {
        return openOrders;
    }

    /** @return how many drifted runs in a row alert and lower the state */
    public int confirmations() {
        return confirmations;
    }

    /** @return whether a matching run lifts what a drift lowered */
    public boolean recoverWhenMatched() {
        return recoverWhenMatched;
    }

    /** @return how long a fetch may take before it counts as failed */
    public Duration fetchTimeout() {
        return fetchTimeout;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReconciliationConfig c && positions.equals(c.positions) && equity.equals(c.equity)
                && balances.equals(c.balances) && openOrders == c.openOrders && confirmations == c.confirmations
                && recoverWhenMatched == c.recoverWhenMatched && fetchTimeout.equals(c.fetchTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(positions, equity, balances, openOrders, confirmations, recoverWhenMatched, fetchTimeout);
    }

    @Override
    public String toString() {
        return "ReconciliationConfig[positions=" + positions + ", equity=" + equity + ", balances=" + balances + ", openOrders=" + openOrders
                + ", confirmations=" + confirmations + ", recoverWhenMatched=" + recoverWhenMatched
                + ", fetchTimeout=" + fetchTimeout + "]";
    }

    /**
     * How far two numbers may differ: within {@code absolute}, or within {@code relative} of the
     * larger magnitude, whichever allows more. Immutable and thread-safe.
     *
     * @param absolute the absolute difference allowed, not negative
     * @param relative the fraction of the larger magnitude allowed, in [0, 1]
     */
    public record Tolerance(double absolute, double relative) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if {@code absolute} is negative or not finite, or
         *     {@code relative} is not in [0, 1]
         */
        public Tolerance {
            if (!(absolute >= 0) || !Double.isFinite(absolute)) {
                throw new IllegalArgumentException("absolute must be a finite number >= 0, got " + absolute);
            }
            if (!(relative >= 0 && relative <= 1)) {
                throw new IllegalArgumentException("relative must be in [0, 1], got " + relative);
            }
        }

        /**
         * @param ours TradePulse's value
         * @param theirs the exchange's value
         * @return whether they agree within this tolerance
         */
        public boolean within(double ours, double theirs) {
            double diff = Math.abs(ours - theirs);
            return diff <= absolute || diff <= relative * Math.max(Math.abs(ours), Math.abs(theirs));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s or %s%%", absolute, relative * 100);
        }
    }

    /** Collects settings, checking each at once. Not thread-safe. */
    public static final class Builder {
        private Tolerance positions = new Tolerance(1e-8, 0.001);
        private Tolerance equity = new Tolerance(1.0, 0.005);
        private Tolerance balances = new Tolerance(1e-8, 0.001);
        private int openOrders = 0;
        private int confirmations = 2;
        private boolean recoverWhenMatched = true;
        private Duration fetchTimeout = Duration.ofMillis(1500);

        private Builder() {
        }

        /**
         * The tolerance on each symbol's signed quantity.
         *
         * @param absolute units, not negative
         * @param relative a fraction in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException as {@link Tolerance#Tolerance} does
         */
        public Builder positions(double absolute, double relative) {
            this.positions = new Tolerance(absolute, relative);
            return this;
        }

        /**
         * The tolerance on equity.
         *
         * @param absolute account currency, not negative
         * @param relative a fraction in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException as {@link Tolerance#Tolerance} does
         */
        public Builder equity(double absolute, double relative) {
            this.equity = new Tolerance(absolute, relative);
            return this;
        }

        /**
         * The tolerance on each asset's balance.
         *
         * @param absolute units of the asset, not negative
         * @param relative a fraction in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException as {@link Tolerance#Tolerance} does
         */
        public Builder balances(double absolute, double relative) {
            this.balances = new Tolerance(absolute, relative);
            return this;
        }

        /**
         * How many open orders per symbol the books may differ by; 0 by default.
         *
         * @param difference not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code difference} is negative
         */
        public Builder openOrders(int difference) {
            if (difference < 0) {
                throw new IllegalArgumentException("difference must not be negative, got " + difference);
            }
            this.openOrders = difference;
            return this;
        }

        /**
         * How many drifted runs in a row alert and lower the state; 2 by default.
         *
         * @param runs at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code runs} is less than 1
         */
        public Builder confirmations(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            this.confirmations = runs;
            return this;
        }

        /**
         * Whether a matching run lifts what a drift lowered; true by default. A failed fetch
         * never lifts anything.
         *
         * @param recover whether to
         * @return this builder
         */
        public Builder recoverWhenMatched(boolean recover) {
            this.recoverWhenMatched = recover;
            return this;
        }

        /**
         * How long a fetch may take; 1.5 seconds by default. Register the check with a health
         * timeout longer than this, or the registry reports it timed out first.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder fetchTimeout(Duration timeout) {
            this.fetchTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Freezes the settings.
         *
         * @return the config
         */
        public ReconciliationConfig build() {
            return new ReconciliationConfig(this);
        }
    }
}
