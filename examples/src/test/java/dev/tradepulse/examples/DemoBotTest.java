package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoBotTest {

    @Test
    void a_short_run_trades_rides_out_the_outage_and_prints_a_summary() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DemoBot.Report report = DemoBot.run(new DemoBot.Options(Duration.ofSeconds(4), 7),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(report.orders()).isPositive();
        assertThat(report.orderTimerCount()).isEqualTo(report.orders());
        assertThat(report.breakerTransitions()).contains("CLOSED -> OPEN");
        assertThat(report.rejectedByBreaker()).isPositive();
        assertThat(report.instrumentationFailures()).isZero();
        assertThat(out).contains("=== Summary ===", "Timers (exchange.requests):", "successful_with_retry",
                "Circuit breaker 'exchange' transitions: CLOSED -> OPEN");
    }

    @Test
    void options_are_parsed_and_bad_ones_are_named() {
        assertThat(DemoBot.Options.parse("--duration", "5", "--seed", "9"))
                .isEqualTo(new DemoBot.Options(Duration.ofSeconds(5), 9));
        assertThatThrownBy(() -> DemoBot.Options.parse("--speed", "1")).hasMessageContaining("unknown option: --speed");
        assertThatThrownBy(() -> DemoBot.Options.parse("--duration")).hasMessage("--duration needs a value");
        assertThatThrownBy(() -> DemoBot.Options.parse("--duration", "0")).hasMessage("--duration must be positive");
    }
}
