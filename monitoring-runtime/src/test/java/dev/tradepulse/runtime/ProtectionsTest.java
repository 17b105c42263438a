package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.ExitReason;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protections a config file declares lock the symbol in the gate the strategy's orders ask. */
class ProtectionsTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void threeStopLossExitsLockTheSymbolInTheGateUntilTheLockExpires() throws Exception {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum:\n    protections:\n      stop-loss-guard: 3\n      lookback: 1h\n"
                + "      lock-for: 30m\n");
        try (TradePulse tp = TradePulse.builder().clock(clock)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build()) {
            Strategy s = tp.strategy("momentum");
            OrderIntent buy = OrderIntent.of("BTCUSDT", Side.BUY, 0.01, 60_000);
            assertThat(s.check(buy).allowed()).isTrue();

            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(5));
                Instant at = clock.instant();
                s.recordTrade(new Trade("BTCUSDT", Side.BUY, 60_000, 59_000, 0.01, -10, 0.1, at.minusSeconds(60), at),
                        ExitReason.STOP_LOSS);
            }

            GateDecision refused = s.check(buy);
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.reason()).isEqualTo(GateDecision.Reason.SYMBOL_LOCK);
            assertThat(s.check(OrderIntent.of("ETHUSDT", Side.BUY, 0.1, 3_000)).allowed()).as("another symbol").isTrue();
            assertThat(s.locks().active()).singleElement().satisfies(l -> assertThat(l.symbol()).isEqualTo("BTCUSDT"));

            clock.advance(Duration.ofMinutes(31));
            assertThat(s.check(buy).allowed()).as("the lock expired").isTrue();
        }
    }
}
