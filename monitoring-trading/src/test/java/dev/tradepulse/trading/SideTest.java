package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SideTest {

    @Test
    void parsing_accepts_exactly_buy_and_sell() {
        assertThat(Side.parse("BUY")).isEqualTo(Side.BUY);
        assertThat(Side.parse("SELL")).isEqualTo(Side.SELL);
    }

    @Test
    void parsing_refuses_anything_else_rather_than_guessing() {
        for (String text : new String[] {"buy", "Sell", "LONG", "SHORT", " BUY", "BUY ", "", "B"}) {
            assertThatThrownBy(() -> Side.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("side must be BUY or SELL, got: ");
        }
        assertThatThrownBy(() -> Side.parse(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("text must not be null");
    }

    @Test
    void a_refused_side_cannot_forge_log_lines_or_flood_the_message() {
        assertThatThrownBy(() -> Side.parse("BUY\nINFO fake line"))
                .hasMessage("side must be BUY or SELL, got: 'BUY\\nINFO fake line'");
        assertThatThrownBy(() -> Side.parse("X".repeat(10_000))).hasMessageContaining("(10000 chars)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }

    @Test
    void the_sign_and_the_opposite_side_follow_long_and_short() {
        assertThat(Side.BUY.sign()).isEqualTo(1);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
        assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
        assertThat(Side.SELL.opposite()).isEqualTo(Side.BUY);
    }

    @Test
    void a_short_position_gains_when_the_price_falls() {
        assertThat(Position.of("BTCUSDT", Side.BUY, 2, 100, 90).unrealizedPnl()).isEqualTo(-20.0);
        assertThat(Position.of("BTCUSDT", Side.SELL, 2, 100, 90).unrealizedPnl()).isEqualTo(20.0);
    }

    @Test
    void trades_and_positions_refuse_a_missing_side_naming_it() {
        Instant at = Instant.parse("2026-01-05T00:00:00Z");
        assertThatThrownBy(() -> new Trade("BTCUSDT", null, 1, 1, 1, 0, 0, at, at))
                .isInstanceOf(NullPointerException.class).hasMessage("side must not be null");
        assertThatThrownBy(() -> Position.of("BTCUSDT", null, 1, 1, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("side must not be null");
    }
}
