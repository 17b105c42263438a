package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PreTradeGateTest {

    private static final OrderIntent BUY_BTC = OrderIntent.of("BTCUSDT", Side.BUY, 0.1, 60_000);
    private static final OrderIntent BUY_ETH = OrderIntent.of("ETHUSDT", Side.BUY, 1, 3_000);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicReference<TradingState> state = new AtomicReference<>(TradingState.ACTIVE);
    private final LockBook locks = LockBook.builder().clock(clock).build();

    private PreTradeGate.Builder gate() {
        return PreTradeGate.builder("momentum").state(state::get).locks(locks).clock(clock);
    }

    @Test
    void anActiveGateWithDefaultLimitsAllowsAnOrderWithTheSharedConstant() {
        PreTradeGate g = gate().build();

        GateDecision d = g.check(BUY_BTC);

        assertThat(d).isSameAs(GateDecision.ALLOWED);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(GateDecision.Reason.NONE);
        assertThat(g.allowed()).isEqualTo(1);
    }

    @Test
    void haltedDeniesEveryOrderEvenReduceOnly() {
        PreTradeGate g = gate().build();
        state.set(TradingState.HALTED);

        assertThat(g.check(BUY_BTC).verdict()).isEqualTo(GateDecision.Verdict.DENIED);
        GateDecision reduce = g.check(BUY_BTC.asReduceOnly());
        assertThat(reduce.verdict()).isEqualTo(GateDecision.Verdict.DENIED);
        assertThat(reduce.reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);
        assertThat(g.denials(GateDecision.Reason.STATE_HALTED)).isEqualTo(2);
    }

    @Test
    void aClosedGateDeniesEveryOrderWithClosedAndCountsThem() {
        PreTradeGate g = gate().build();
        assertThat(g.check(BUY_BTC).allowed()).isTrue();

        g.close();
        g.close(); // idempotent

        assertThat(g.isClosed()).isTrue();
        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.CLOSED);
        assertThat(g.check(BUY_BTC.asReduceOnly()).verdict()).isEqualTo(GateDecision.Verdict.DENIED);
        assertThat(g.denials(GateDecision.Reason.CLOSED)).isEqualTo(2);
        assertThat(g.allowed()).isEqualTo(1);
    }

    @Test
    void reducingAllowsOnlyReduceOnlyOrders() {
        PreTradeGate g = gate().build();
        state.set(TradingState.REDUCING);

        GateDecision open = g.check(BUY_BTC);
        assertThat(open.verdict()).isEqualTo(GateDecision.Verdict.ALLOWED_IF_REDUCE_ONLY);
        assertThat(open.reason()).isEqualTo(GateDecision.Reason.STATE_REDUCING);
        assertThat(g.check(BUY_BTC.asReduceOnly())).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void aHaltThatArrivesWhileTheOrderIsBeingCheckedDeniesIt() {
        AtomicInteger reads = new AtomicInteger();
        PreTradeGate g = gate().state(() -> reads.getAndIncrement() == 0 ? TradingState.ACTIVE : TradingState.HALTED)
                .build();

        GateDecision d = g.check(BUY_BTC);

        assertThat(d.reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);
        assertThat(reads).hasValue(2);
        assertThat(g.allowed()).isZero();
    }

    @Test
    void aStateSourceThatThrowsOrAnswersNullDenies() {
        PreTradeGate throwing = gate().state(() -> {
            throw new IllegalStateException("store unreadable");
        }).build();
        PreTradeGate nulls = gate().state(() -> null).build();

        assertThat(throwing.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.STATE_UNKNOWN);
        assertThat(nulls.check(BUY_BTC.asReduceOnly()).verdict()).isEqualTo(GateDecision.Verdict.DENIED);
    }

    @Test
    void aSymbolLockRefusesNewExposureOnThatSymbolOnlyAndLetsReduceOnlyThrough() {
        PreTradeGate g = gate().build();
        locks.lock("BTCUSDT", Duration.ofMinutes(30), "3 stop-losses", "stoploss-guard");

        GateDecision d = g.check(BUY_BTC);

        assertThat(d.verdict()).isEqualTo(GateDecision.Verdict.ALLOWED_IF_REDUCE_ONLY);
        assertThat(d.reason()).isEqualTo(GateDecision.Reason.SYMBOL_LOCK);
        assertThat(d.detail()).contains("BTCUSDT", "stoploss-guard", "3 stop-losses", "2026-12-01T10:30:00Z");
        assertThat(g.check(BUY_ETH)).isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(BUY_BTC.asReduceOnly())).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void aGlobalLockRefusesEverySymbol() {
        PreTradeGate g = gate().build();
        locks.operatorLock(Actor.of("alice"), null, Duration.ofHours(1), "exchange maintenance");

        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.GLOBAL_LOCK);
        assertThat(g.check(BUY_ETH).reason()).isEqualTo(GateDecision.Reason.GLOBAL_LOCK);
    }

    @Test
    void aLockStopsRefusingOnceTheClockPassesItsEnd() {
        PreTradeGate g = gate().build();
        locks.lock("BTCUSDT", Duration.ofMinutes(10), "cooldown", "cooldown");

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.SYMBOL_LOCK);
        clock.advance(Duration.ofMillis(1));
        assertThat(g.check(BUY_BTC)).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void theHundredAndFirstOrderWithinASecondIsDeniedAndTheNextSecondHasRoomAgain() {
        PreTradeGate g = gate().build();
        for (int i = 0; i < 100; i++) {
            assertThat(g.check(BUY_BTC)).as("order %d", i).isSameAs(GateDecision.ALLOWED);
            clock.advance(Duration.ofMillis(5));
        }

        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.RATE_PER_SECOND);
        clock.advance(Duration.ofMillis(502)); // the first order is now a second old, the second not yet
        assertThat(g.check(BUY_BTC)).isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.RATE_PER_SECOND);
    }

    @Test
    void thePerMinuteLimitIsASlidingWindowAndCountsOnlyAllowedOrders() {
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxOrdersPerSecond(0).maxOrdersPerMinute(3)
                .maxNotionalPerOrder(10_000).build()).build();
        OrderIntent tooBig = OrderIntent.of("BTCUSDT", Side.BUY, 1, 60_000);
        for (int i = 0; i < 10; i++) {
            assertThat(g.check(tooBig).reason()).isEqualTo(GateDecision.Reason.MAX_NOTIONAL);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(g.check(BUY_ETH)).isSameAs(GateDecision.ALLOWED);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(g.check(BUY_ETH).reason()).isEqualTo(GateDecision.Reason.RATE_PER_MINUTE);
        clock.advance(Duration.ofSeconds(29)); // 59 s after the first
        assertThat(g.check(BUY_ETH).reason()).isEqualTo(GateDecision.Reason.RATE_PER_MINUTE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(g.check(BUY_ETH)).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void aWallClockThatStepsBackDoesNotBlockOrders() {
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxOrdersPerSecond(2).build()).build();
        g.check(BUY_BTC);
        g.check(BUY_BTC);
        clock.set(clock.instant().minus(Duration.ofHours(1)));

        assertThat(g.check(BUY_BTC)).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void theNotionalLimitAppliesToEveryOrderAndAnUnknownNotionalIsRefused() {
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxNotionalPerOrder(10_000).build()).build();

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 0.1, 60_000))).isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 0.2, 60_000)).reason())
                .isEqualTo(GateDecision.Reason.MAX_NOTIONAL);
        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.SELL, 1, 60_000).asReduceOnly()).verdict())
                .isEqualTo(GateDecision.Verdict.DENIED);
        assertThat(g.check(new OrderIntent("BTCUSDT", Side.BUY, 1, Double.NaN, 9_000, false)))
                .isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, Double.NaN)).reason())
                .isEqualTo(GateDecision.Reason.NOTIONAL_UNKNOWN);
    }

    @Test
    void maxOpenPositionsRefusesANewSymbolButNotAnOpenOne() {
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").clock(clock).build();
        tracker.updatePosition(Position.of("BTCUSDT", Side.BUY, 0.1, 60_000, 60_000));
        tracker.updatePosition(Position.of("ETHUSDT", Side.BUY, 1, 3_000, 3_000));
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxOpenPositions(2).build())
                .exposure(ExposureSource.of(tracker)).build();

        GateDecision d = g.check(OrderIntent.of("SOLUSDT", Side.BUY, 10, 150));
        assertThat(d.reason()).isEqualTo(GateDecision.Reason.MAX_POSITIONS);
        assertThat(d.verdict()).isEqualTo(GateDecision.Verdict.ALLOWED_IF_REDUCE_ONLY);
        assertThat(g.check(BUY_BTC)).isSameAs(GateDecision.ALLOWED);
        tracker.closePosition("ETHUSDT");
        assertThat(g.check(OrderIntent.of("SOLUSDT", Side.BUY, 10, 150))).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void maxLeverageRefusesTheOrderThatWouldTakeGrossNotionalAboveTheLimit() {
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").clock(clock).build();
        tracker.recordEquity(clock.instant(), 10_000);
        tracker.updatePosition(Position.of("BTCUSDT", Side.BUY, 0.25, 60_000, 60_000)); // 15,000
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxLeverage(2).build())
                .exposure(ExposureSource.of(tracker)).build();

        assertThat(g.check(OrderIntent.of("ETHUSDT", Side.BUY, 2, 3_000)).reason())
                .isEqualTo(GateDecision.Reason.MAX_LEVERAGE); // 21,000 / 10,000
        assertThat(g.check(OrderIntent.of("ETHUSDT", Side.BUY, 1, 3_000))).isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.SELL, 1, 60_000).asReduceOnly()))
                .isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void maxLeverageOnAFlatBookReadsTheEquityAndRefusesWithoutOne() {
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").clock(clock).build();
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxLeverage(1).build())
                .exposure(ExposureSource.of(tracker)).build();

        assertThat(g.check(BUY_ETH).reason()).isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
        tracker.recordEquity(clock.instant(), 10_000);
        assertThat(g.check(BUY_ETH)).isSameAs(GateDecision.ALLOWED);
        assertThat(g.check(OrderIntent.of("ETHUSDT", Side.BUY, 4, 3_000)).reason())
                .isEqualTo(GateDecision.Reason.MAX_LEVERAGE);
    }

    @Test
    void maxConcentrationExemptsTheFirstPositionAndRefusesAddingToADominantOne() {
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").clock(clock).build();
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxConcentration(0.6).build())
                .exposure(ExposureSource.of(tracker)).build();
        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 6_000))).isSameAs(GateDecision.ALLOWED);
        tracker.updatePosition(Position.of("BTCUSDT", Side.BUY, 1, 6_000, 6_000));
        tracker.updatePosition(Position.of("ETHUSDT", Side.BUY, 1, 4_000, 4_000));

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 1_000)).reason())
                .isEqualTo(GateDecision.Reason.MAX_CONCENTRATION); // 7,000 / 11,000
        assertThat(g.check(OrderIntent.of("ETHUSDT", Side.BUY, 1, 1_000))).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void anExposureSourceThatThrowsRefusesNewExposure() {
        ExposureSource broken = new ExposureSource() {
            @Override
            public int openPositions() {
                throw new IllegalStateException("book unavailable");
            }

            @Override
            public double grossNotional() {
                return 0;
            }

            @Override
            public double equity() {
                return 0;
            }

            @Override
            public double notional(String symbol) {
                return 0;
            }
        };
        PreTradeGate g = gate().config(PreTradeGateConfig.custom().maxOpenPositions(3).build()).exposure(broken)
                .build();

        assertThat(g.check(BUY_BTC).reason()).isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
        assertThat(g.check(BUY_BTC.asReduceOnly())).isSameAs(GateDecision.ALLOWED);
    }

    @Test
    void anExposureLimitWithoutAnExposureSourceFailsAtBuild() {
        assertThatThrownBy(() -> gate().config(PreTradeGateConfig.custom().maxOpenPositions(3).build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exposure");
    }

    @Test
    void denialsAreCountedByReasonInTheMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PreTradeGate g = gate().build();
        g.bindTo(registry);
        g.check(BUY_BTC);
        state.set(TradingState.HALTED);
        g.check(BUY_BTC);
        g.check(BUY_ETH);

        assertThat(registry.get("tradepulse.gate.denials").tag("strategy", "momentum").tag("reason", "STATE_HALTED")
                .functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("tradepulse.gate.denials").tag("reason", "SYMBOL_LOCK").functionCounter().count())
                .isZero();
        assertThat(registry.get("tradepulse.gate.allowed").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void aStrategyNameMustNotBeBlank() {
        assertThatThrownBy(() -> PreTradeGate.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy");
    }
}
