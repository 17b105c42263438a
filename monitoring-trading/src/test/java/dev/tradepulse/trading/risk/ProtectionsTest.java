package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProtectionsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final LockBook locks = LockBook.builder().clock(clock).build();

    private Trade trade(String symbol, double pnl) {
        Instant now = clock.instant();
        return new Trade(symbol, Side.BUY, 100, 100 + pnl, 1, pnl, 0, now.minusSeconds(60), now);
    }

    @Test
    void theStopLossGuardLocksTheSymbolAfterThreeStopLosses() {
        Protections p = Protections.builder(locks)
                .add(Protection.stopLossGuard(3, Duration.ofHours(1), Duration.ofMinutes(30), true)).build();

        assertThat(p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        List<TradingLock> placed = p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS);

        assertThat(placed).singleElement().satisfies(l -> {
            assertThat(l.symbol()).isEqualTo("BTCUSDT");
            assertThat(l.source()).isEqualTo("stoploss-guard");
            assertThat(l.reason()).contains("3 stop-losses");
            assertThat(l.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        });
        assertThat(locks.lockOn("ETHUSDT")).isEmpty();
        PreTradeGate gate = PreTradeGate.builder("s").locks(locks).build();
        assertThat(gate.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 100)).reason())
                .isEqualTo(GateDecision.Reason.SYMBOL_LOCK);
    }

    @Test
    void theStopLossGuardIgnoresOtherExitsOtherSymbolsAndStopsOutsideTheWindow() {
        Protections p = Protections.builder(locks)
                .add(Protection.stopLossGuard(3, Duration.ofHours(1), Duration.ofMinutes(30), true)).build();
        p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS);
        clock.advance(Duration.ofMinutes(61));
        p.onTrade(trade("BTCUSDT", -10), ExitReason.SIGNAL);
        p.onTrade(trade("BTCUSDT", -10));
        p.onTrade(trade("ETHUSDT", -10), ExitReason.STOP_LOSS);
        p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS);

        assertThat(p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS)).isEmpty();
        assertThat(locks.active()).isEmpty();
        assertThat(p.onTrade(trade("BTCUSDT", -10), ExitReason.LIQUIDATION)).hasSize(1);
    }

    @Test
    void aGlobalStopLossGuardCountsEverySymbolAndLocksThemAll() {
        Protections p = Protections.builder(locks)
                .add(Protection.stopLossGuard(2, Duration.ofHours(1), Duration.ofMinutes(30), false)).build();
        p.onTrade(trade("BTCUSDT", -10), ExitReason.STOP_LOSS);

        assertThat(p.onTrade(trade("ETHUSDT", -10), ExitReason.STOP_LOSS)).singleElement()
                .matches(TradingLock::global);
    }

    @Test
    void theCooldownLocksASymbolAfterALossOnly() {
        Protections p = Protections.builder(locks).add(Protection.cooldown(Duration.ofMinutes(5))).build();

        assertThat(p.onTrade(trade("BTCUSDT", 25))).isEmpty();
        assertThat(p.onTrade(trade("BTCUSDT", -5))).singleElement().extracting(TradingLock::symbol)
                .isEqualTo("BTCUSDT");
        clock.advance(Duration.ofMinutes(5));
        assertThat(locks.lockOn("BTCUSDT")).isEmpty();
    }

    @Test
    void theDrawdownLockReadsEquityNotTradePnlAndDoesNotPileUp() {
        PerformanceTracker tracker = PerformanceTracker.builder("s").clock(clock).build();
        tracker.recordEquity(clock.instant(), 100_000);
        Protections p = Protections.builder(locks)
                .add(Protection.maxDrawdown(0.15, Duration.ofHours(12), tracker)).build();
        // every closed trade wins, but open positions have taken equity 20% below its peak
        assertThat(p.onTrade(trade("BTCUSDT", 50))).isEmpty();
        tracker.recordEquity(clock.instant().plusSeconds(1), 80_000);

        assertThat(p.onTrade(trade("BTCUSDT", 50))).singleElement().satisfies(l -> {
            assertThat(l.global()).isTrue();
            assertThat(l.reason()).contains("20.0%");
        });
        assertThat(p.check()).isEmpty();
        assertThat(locks.active()).hasSize(1);
    }

    @Test
    void theDrawdownLockIsPlacedByACheckWithoutATrade() {
        double[] drawdown = {0.05};
        Protections p = Protections.builder(locks)
                .add(Protection.maxDrawdown(0.10, Duration.ofHours(1), () -> drawdown[0])).build();
        assertThat(p.check()).isEmpty();
        drawdown[0] = 0.10;

        assertThat(p.check()).hasSize(1);
        clock.advance(Duration.ofHours(1));
        assertThat(p.check()).as("relocked: the drawdown lasts").hasSize(1);
    }

    @Test
    void lowProfitLocksASymbolWhoseTradesMadeTooLittleOverTheWindow() {
        Protections p = Protections.builder(locks)
                .add(Protection.lowProfit(3, Duration.ofHours(6), 0.0, Duration.ofHours(1))).build();
        p.onTrade(trade("BTCUSDT", 2));   // +2%
        p.onTrade(trade("BTCUSDT", -1));  // -1%
        p.onTrade(trade("ETHUSDT", -9));
        assertThat(locks.active()).isEmpty();

        assertThat(p.onTrade(trade("BTCUSDT", -2))).singleElement().satisfies(l -> {
            assertThat(l.symbol()).isEqualTo("BTCUSDT");
            assertThat(l.reason()).contains("-1.00%", "3 trades");
        });
    }

    @Test
    void aLossStreakLocksAfterNLossesInARowAndAWinResetsIt() {
        Protections p = Protections.builder(locks)
                .add(Protection.lossStreak(3, Duration.ofDays(1), Duration.ofHours(2), false)).build();
        p.onTrade(trade("BTCUSDT", -1));
        p.onTrade(trade("ETHUSDT", -1));
        p.onTrade(trade("BTCUSDT", 1));
        p.onTrade(trade("BTCUSDT", -1));
        assertThat(p.onTrade(trade("ETHUSDT", -1))).isEmpty();

        assertThat(p.onTrade(trade("SOLUSDT", -1))).singleElement().matches(TradingLock::global);
    }

    @Test
    void aProtectionThatThrowsIsSkippedAndTheOthersStillLock() {
        Protection broken = new Protection() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Duration lookback() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
                throw new IllegalStateException("bug");
            }
        };
        Protections p = Protections.builder(locks).add(broken).add(Protection.cooldown(Duration.ofMinutes(5))).build();

        assertThat(p.onTrade(trade("BTCUSDT", -1))).hasSize(1);
    }
}
