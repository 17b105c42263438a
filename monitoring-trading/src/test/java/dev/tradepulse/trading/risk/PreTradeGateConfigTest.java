package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PreTradeGateConfigTest {

    @Test
    void theDefaultsAreNautilusRateBinanceMinuteAndNoAccountLimits() {
        PreTradeGateConfig c = PreTradeGateConfig.ofDefaults();

        assertThat(c.maxOrdersPerSecond()).isEqualTo(100);
        assertThat(c.maxOrdersPerMinute()).isEqualTo(1_200);
        assertThat(c.maxNotionalPerOrder()).isNaN();
        assertThat(c.maxOpenPositions()).isZero();
        assertThat(c.maxLeverage()).isNaN();
        assertThat(c.maxConcentration()).isNaN();
        assertThat(c.auditInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.needsExposure()).isFalse();
    }

    @Test
    void fromCopiesEverySettingAndEqualityFollowsThem() {
        PreTradeGateConfig c = PreTradeGateConfig.custom().maxOrdersPerSecond(10).maxOrdersPerMinute(0)
                .maxNotionalPerOrder(5_000).maxOpenPositions(3).maxLeverage(2).maxConcentration(0.5)
                .auditInterval(Duration.ofSeconds(10)).build();

        assertThat(PreTradeGateConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(PreTradeGateConfig.from(c).maxLeverage(Double.NaN).build()).isNotEqualTo(c);
        assertThat(c.toString()).contains("maxOrdersPerSecond=10", "maxOpenPositions=3", "auditInterval=10 s");
        assertThat(c.needsExposure()).isTrue();
    }

    @Test
    void outOfRangeSettingsFailNamingTheParameter() {
        PreTradeGateConfig.Builder b = PreTradeGateConfig.custom();
        assertThatThrownBy(() -> b.maxOrdersPerSecond(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> b.maxOrdersPerMinute(PreTradeGateConfig.MAX_RATE_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> b.maxNotionalPerOrder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notional");
        assertThatThrownBy(() -> b.maxLeverage(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leverage");
        assertThatThrownBy(() -> b.maxConcentration(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share");
        assertThatThrownBy(() -> b.maxOpenPositions(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positions");
        assertThatThrownBy(() -> b.auditInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }

    @Test
    void aDecisionMustCarryItsReasonsVerdict() {
        assertThatThrownBy(() -> new GateDecision(GateDecision.Verdict.ALLOWED, GateDecision.Reason.STATE_HALTED, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verdict");
        assertThat(GateDecision.of(GateDecision.Reason.MAX_NOTIONAL)).isSameAs(GateDecision.of(GateDecision.Reason.MAX_NOTIONAL));
    }
}
