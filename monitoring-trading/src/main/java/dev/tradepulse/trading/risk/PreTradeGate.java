package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.ComplianceLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Answers, before an order is sent, whether it may be: {@link GateDecision.Verdict#ALLOWED},
 * {@link GateDecision.Verdict#ALLOWED_IF_REDUCE_ONLY} or {@link GateDecision.Verdict#DENIED}, each
 * with a {@link GateDecision.Reason}. One gate per strategy.
 *
 * <pre>{@code
 * PreTradeGate gate = PreTradeGate.builder("momentum")
 *     .config(PreTradeGateConfig.custom().maxNotionalPerOrder(25_000).maxOpenPositions(3).build())
 *     .state(riskState::current)
 *     .locks(lockBook)
 *     .exposure(ExposureSource.of(tracker))
 *     .audit(audit)
 *     .build();
 * gate.bindTo(meterRegistry);
 * GateDecision d = gate.check(OrderIntent.of("BTCUSDT", Side.BUY, 0.1, 64_000));
 * if (!d.allowed()) { ... }
 * }</pre>
 *
 * <p><b>The checks, in this order</b>; the first that refuses gives the answer:
 * <ol>
 *   <li>the trading state: {@link TradingState#HALTED} denies every order (cancels are not
 *       orders and never pass through the gate: send them directly); {@link TradingState#REDUCING}
 *       refuses an order that is not reduce-only; a state source that fails denies;</li>
 *   <li>the locks of the {@link LockBook}: a global lock, then the symbol's, for orders that are
 *       not reduce-only;</li>
 *   <li>the notional per order, for every order;</li>
 *   <li>for orders that are not reduce-only, against the {@link ExposureSource}: the open
 *       positions (an order in a symbol already open adds none), the leverage the order would
 *       lead to ({@code (gross + notional) / equity}), and the share of gross notional the
 *       symbol would reach while other positions are open. An order not marked reduce-only is
 *       counted as adding its whole notional, even if it would in fact shrink a position;</li>
 *   <li>the orders per second and per minute (sliding windows); only allowed orders are counted;</li>
 *   <li>the state again: an order that met the halt while being checked is denied. Once the
 *       state source says {@code HALTED}, no check that reads it passes.</li>
 * </ol>
 *
 * <p><b>Cost.</b> The allowed path takes no lock and allocates nothing: the decisions are
 * constants, the rate counts are atomic slot arrays, the locks a snapshot read. The exposure
 * checks cost what the {@link ExposureSource} costs (a {@code PerformanceTracker}
 * builds its exposure per call). See {@code docs/benchmarks.md}.
 *
 * <p><b>Denials</b> are counted by reason ({@link #denials}, and the meter
 * {@code tradepulse.gate.denials} with tags {@code strategy} and {@code reason} once bound) and
 * audited: the first of each reason per {@linkplain PreTradeGateConfig#auditInterval() interval}
 * is written to the journal as a {@code LIMIT_BREACH} risk event with rule
 * {@code pre-trade-gate.<REASON>} and the number suppressed since the previous one; in a durable
 * journal mode that write waits for its fsync. A journal that fails never reaches the caller.
 *
 * <p><b>Closing.</b> A gate holds no threads, but {@link #close()} matters: after it every check
 * is {@linkplain GateDecision.Reason#CLOSED denied}, so a trading thread that outlives its
 * monitoring (a shutdown hook ran, the context closed) cannot send an order nobody guards or
 * audits.
 *
 * <p>Thread-safe: any number of threads may check at once.
 */
public interface PreTradeGate extends MeterBinder, AutoCloseable {

    /**
     * Starts a builder.
     *
     * @param strategy the strategy this gate guards, as in the meters and the journal
     * @return a builder with the default config, an always-ACTIVE state, no locks, no exposure
     *     source and no journal
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalArgumentException if {@code strategy} is blank
     */
    static Builder builder(String strategy) {
        return new Builder(Checks.notBlank(strategy, "strategy"));
    }

    /**
     * Checks an order before it is sent. Never throws for a failing state source, exposure
     * source, journal or meter: it denies, or allows and carries on.
     *
     * @param intent the order
     * @return the decision; {@link GateDecision#ALLOWED} (a shared constant) when it may go
     * @throws NullPointerException if {@code intent} is null
     */
    GateDecision check(OrderIntent intent);

    /**
     * Refuses every order from now on, with {@link GateDecision.Reason#CLOSED}. Idempotent; never
     * throws. A check that had read the state before the close may still return its decision.
     */
    @Override
    void close();

    /** @return whether {@link #close()} was called */
    boolean isClosed();

    /** @return the strategy's name */
    String strategy();

    /** @return the limits */
    PreTradeGateConfig config();

    /** @return the orders allowed so far */
    long allowed();

    /**
     * @param reason a reason
     * @return the orders refused for it so far
     * @throws NullPointerException if {@code reason} is null
     */
    long denials(GateDecision.Reason reason);

    /**
     * Registers {@code tradepulse.gate.allowed} and {@code tradepulse.gate.denials} (one per
     * reason, tag {@code reason}), both tagged {@code strategy}. The meters read the gate's own
     * counts, so the check path never touches Micrometer. May be called for more than one registry.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    void bindTo(MeterRegistry registry);

    /** Collects a gate's parts. Not thread-safe: confine a builder to one thread. */
    final class Builder {
        final String strategy;
        PreTradeGateConfig config = PreTradeGateConfig.ofDefaults();
        TradingStateSource state = TradingStateSource.ALWAYS_ACTIVE;
        @Nullable LockBook locks;
        @Nullable ExposureSource exposure;
        @Nullable ComplianceLogger audit;
        @Nullable Clock clock;

        private Builder(String strategy) {
            this.strategy = strategy;
        }

        /**
         * The limits; {@link PreTradeGateConfig#ofDefaults()} by default.
         *
         * @param config the config
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(PreTradeGateConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Where the trading state comes from, such as {@code riskState::current}; always
         * {@link TradingState#ACTIVE} by default.
         *
         * @param state the source
         * @return this builder
         * @throws NullPointerException if {@code state} is null
         */
        public Builder state(TradingStateSource state) {
            this.state = Checks.notNull(state, "state");
            return this;
        }

        /**
         * The locks to honour; none by default.
         *
         * @param locks the lock book
         * @return this builder
         * @throws NullPointerException if {@code locks} is null
         */
        public Builder locks(LockBook locks) {
            this.locks = Checks.notNull(locks, "locks");
            return this;
        }

        /**
         * The open book, needed when max open positions, leverage or concentration is set.
         *
         * @param exposure the source, such as {@link ExposureSource#of}
         * @return this builder
         * @throws NullPointerException if {@code exposure} is null
         */
        public Builder exposure(ExposureSource exposure) {
            this.exposure = Checks.notNull(exposure, "exposure");
            return this;
        }

        /**
         * The journal denials are audited in; none by default.
         *
         * @param audit the compliance logger
         * @return this builder
         * @throws NullPointerException if {@code audit} is null
         */
        public Builder audit(ComplianceLogger audit) {
            this.audit = Checks.notNull(audit, "audit");
            return this;
        }

        /**
         * The clock of the rate windows, lock ends and audit intervals; by default the lock
         * book's clock, or the system UTC clock without one.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Builds the gate, ready to check.
         *
         * @return the gate
         * @throws IllegalArgumentException if an exposure limit is set without an exposure source
         */
        public PreTradeGate build() {
            if (config.needsExposure() && exposure == null) {
                throw new IllegalArgumentException("exposure must be set: the config sets max open positions, "
                        + "leverage or concentration, which read the open book (" + config + ")");
            }
            return new DefaultPreTradeGate(this);
        }
    }
}
