package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.trading.Side;
import dev.tradepulse.test.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An exposure source that answers NaN (a book it cannot read) must not let new exposure through. */
class PreTradeGateLyingBookTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));

    private static ExposureSource book(int open, double gross, double equity, double mine) {
        return new ExposureSource() {
            @Override
            public int openPositions() {
                return open;
            }

            @Override
            public double grossNotional() {
                return gross;
            }

            @Override
            public double equity() {
                return equity;
            }

            @Override
            public double notional(String symbol) {
                return mine;
            }
        };
    }

    private PreTradeGate gate(PreTradeGateConfig config, ExposureSource book) {
        return PreTradeGate.builder("momentum").state(() -> TradingState.ACTIVE).clock(clock).config(config)
                .exposure(book).build();
    }

    @Test
    void aConcentrationLimitRefusesAnOrderWhenTheGrossNotionalIsNaN() {
        PreTradeGate g = gate(PreTradeGateConfig.custom().maxConcentration(0.5).build(),
                book(3, Double.NaN, 10_000, 0));

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 9_000)).reason())
                .isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
    }

    @Test
    void aConcentrationLimitRefusesAnOrderWhenTheSymbolsNotionalIsNaN() {
        PreTradeGate g = gate(PreTradeGateConfig.custom().maxConcentration(0.5).build(),
                book(3, 1_000, 10_000, Double.NaN));

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 9_000)).reason())
                .isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
    }

    @Test
    void aMaxOpenPositionsLimitRefusesANewSymbolWhenItsNotionalIsNaN() {
        PreTradeGate g = gate(PreTradeGateConfig.custom().maxOpenPositions(3).build(),
                book(3, 1_000, 10_000, Double.NaN));

        assertThat(g.check(OrderIntent.of("SOLUSDT", Side.BUY, 1, 100)).reason())
                .isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
    }

    @Test
    void aConcentrationLimitRefusesAnOrderWhenTheGrossNotionalIsInfinite() {
        PreTradeGate g = gate(PreTradeGateConfig.custom().maxConcentration(0.5).build(),
                book(3, Double.POSITIVE_INFINITY, 10_000, 0));

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 9_000)).reason())
                .isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
    }

    @Test
    void aLeverageLimitRefusesAnOrderWhenTheEquityIsInfinite() {
        PreTradeGate g = gate(PreTradeGateConfig.custom().maxLeverage(2).build(),
                book(1, 1_000, Double.POSITIVE_INFINITY, 0));

        assertThat(g.check(OrderIntent.of("BTCUSDT", Side.BUY, 1, 1_000_000)).reason())
                .isEqualTo(GateDecision.Reason.EXPOSURE_UNKNOWN);
    }
}
