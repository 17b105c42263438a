package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** The {@link PreTradeGate}; see there for the checks and their order. Thread-safe. */
final class DefaultPreTradeGate implements PreTradeGate {

    private static final GateDecision HALTED = GateDecision.of(GateDecision.Reason.STATE_HALTED);
    private static final GateDecision REDUCING = GateDecision.of(GateDecision.Reason.STATE_REDUCING);
    private static final GateDecision UNKNOWN = GateDecision.of(GateDecision.Reason.STATE_UNKNOWN);
    private static final GateDecision NOTIONAL = GateDecision.of(GateDecision.Reason.MAX_NOTIONAL);
    private static final GateDecision NOTIONAL_UNKNOWN = GateDecision.of(GateDecision.Reason.NOTIONAL_UNKNOWN);
    private static final GateDecision POSITIONS = GateDecision.of(GateDecision.Reason.MAX_POSITIONS);
    private static final GateDecision LEVERAGE = GateDecision.of(GateDecision.Reason.MAX_LEVERAGE);
    private static final GateDecision CONCENTRATION = GateDecision.of(GateDecision.Reason.MAX_CONCENTRATION);
    private static final GateDecision EXPOSURE_UNKNOWN = GateDecision.of(GateDecision.Reason.EXPOSURE_UNKNOWN);
    private static final GateDecision PER_SECOND = GateDecision.of(GateDecision.Reason.RATE_PER_SECOND);
    private static final GateDecision PER_MINUTE = GateDecision.of(GateDecision.Reason.RATE_PER_MINUTE);
    private static final GateDecision CLOSED = GateDecision.of(GateDecision.Reason.CLOSED);

    private final String strategy;
    private final PreTradeGateConfig config;
    private final TradingStateSource state;
    private final @Nullable LockBook locks;
    private final @Nullable ExposureSource exposure;
    private final Clock clock;
    private final OrderRateLimiter rates;
    private final DenialAudit denials;
    private final AtomicLong reservedThenHalted = new AtomicLong(); // counted by the rate windows, then denied
    private final double maxNotional;
    private final boolean needsExposure;
    private volatile boolean closed;

    DefaultPreTradeGate(PreTradeGate.Builder b) {
        this.strategy = b.strategy;
        this.config = b.config;
        this.state = b.state;
        this.locks = b.locks;
        this.exposure = b.exposure;
        Clock c = b.clock;
        LockBook l = b.locks;
        this.clock = c != null ? c : l != null ? l.clock() : Clock.systemUTC();
        this.rates = new OrderRateLimiter(config.maxOrdersPerSecond(), config.maxOrdersPerMinute());
        this.denials = new DenialAudit(strategy, b.audit, clock, config.auditInterval());
        this.maxNotional = config.maxNotionalPerOrder();
        this.needsExposure = config.needsExposure();
    }

    @Override
    public GateDecision check(OrderIntent intent) {
        boolean reduceOnly = intent.reduceOnly();
        GateDecision byState = byState(reduceOnly);
        if (byState != null) {
            return deny(byState, intent);
        }
        long now = clock.millis();
        LockBook l = locks;
        if (!reduceOnly && l != null) {
            TradingLock lock = l.blocking(intent.symbol(), now);
            if (lock != null) {
                return deny(lockDecision(lock), intent);
            }
        }
        if (!Double.isNaN(maxNotional)) {
            double value = intent.value();
            if (Double.isNaN(value)) {
                return deny(NOTIONAL_UNKNOWN, intent);
            }
            if (value > maxNotional) {
                return deny(NOTIONAL, intent);
            }
        }
        if (!reduceOnly && needsExposure) {
            GateDecision byBook = byExposure(intent);
            if (byBook != null) {
                return deny(byBook, intent);
            }
        }
        int rate = rates.tryReserve(now);
        if (rate != OrderRateLimiter.OK) {
            return deny(rate == OrderRateLimiter.PER_SECOND ? PER_SECOND : PER_MINUTE, intent);
        }
        byState = byState(reduceOnly); // the halt may have come while this order was checked
        if (byState != null) {
            reservedThenHalted.incrementAndGet();
            return deny(byState, intent);
        }
        return GateDecision.ALLOWED;
    }

    private @Nullable GateDecision byState(boolean reduceOnly) {
        if (closed) {
            return CLOSED; // read with the state, before and after the rate reservation
        }
        TradingState now;
        try {
            now = state.current();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return UNKNOWN;
        }
        if (now == TradingState.ACTIVE) {
            return null;
        }
        if (now == TradingState.REDUCING) {
            return reduceOnly ? null : REDUCING;
        }
        return now == TradingState.HALTED ? HALTED : UNKNOWN; // null from a source that breaks its contract
    }

    private static GateDecision lockDecision(TradingLock lock) {
        return GateDecision.of(lock.global() ? GateDecision.Reason.GLOBAL_LOCK : GateDecision.Reason.SYMBOL_LOCK,
                lock.scope() + " locked until " + lock.until() + " by " + lock.source() + ": " + lock.reason());
    }

    private @Nullable GateDecision byExposure(OrderIntent intent) {
        ExposureSource book = exposure;
        if (book == null) {
            return EXPOSURE_UNKNOWN; // build() refuses this; kept for the null checker
        }
        try {
            int open = book.openPositions();
            double mine = book.notional(intent.symbol());
            if (!Double.isFinite(mine) || open < 0) {
                return EXPOSURE_UNKNOWN; // a book that cannot say what it holds allows no new exposure
            }
            if (config.maxOpenPositions() > 0 && mine == 0 && open >= config.maxOpenPositions()) {
                return POSITIONS;
            }
            double leverage = config.maxLeverage();
            double concentration = config.maxConcentration();
            if (Double.isNaN(leverage) && Double.isNaN(concentration)) {
                return null;
            }
            double value = intent.value();
            if (Double.isNaN(value)) {
                return NOTIONAL_UNKNOWN;
            }
            double gross = book.grossNotional();
            if (!Double.isFinite(gross)) {
                return EXPOSURE_UNKNOWN;
            }
            if (!Double.isNaN(leverage)) {
                double equity = book.equity();
                if (!(equity > 0) || !Double.isFinite(equity)) {
                    return EXPOSURE_UNKNOWN;
                }
                if ((gross + value) / equity > leverage) {
                    return LEVERAGE;
                }
            }
            int others = open - (mine > 0 ? 1 : 0);
            if (!Double.isNaN(concentration) && others > 0 && (mine + value) / (gross + value) > concentration) {
                return CONCENTRATION;
            }
            return null;
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return EXPOSURE_UNKNOWN;
        }
    }

    private GateDecision deny(GateDecision decision, OrderIntent intent) {
        denials.denied(decision, intent);
        return decision;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String strategy() {
        return strategy;
    }

    @Override
    public PreTradeGateConfig config() {
        return config;
    }

    @Override
    public long allowed() {
        return rates.counted() - reservedThenHalted.get(); // no counter of its own on the allowed path
    }

    @Override
    public long denials(GateDecision.Reason reason) {
        return denials.total(Checks.notNull(reason, "reason"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        FunctionCounter.builder("tradepulse.gate.allowed", this, PreTradeGate::allowed).tag("strategy", strategy)
                .description("Orders the pre-trade gate allowed").register(registry);
        for (GateDecision.Reason r : GateDecision.Reason.values()) {
            if (r == GateDecision.Reason.NONE) {
                continue;
            }
            FunctionCounter.builder("tradepulse.gate.denials", denials, d -> d.total(r)).tag("strategy", strategy)
                    .tag("reason", r.name()).description("Orders the pre-trade gate refused, by reason")
                    .register(registry);
        }
    }

    @Override
    public String toString() {
        return "PreTradeGate[" + strategy + ", " + config + "]";
    }
}
