package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write the state directory (not the journal's key) cannot un-halt a strategy
 * by putting back an older record or deleting it: the authenticated journal says what the last
 * transition was, and a record older than it is not trusted.
 */
class ReplayedStateTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    private TradePulse start() throws IOException {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum: {}\n");
        return TradePulse.builder().clock(clock)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build();
    }

    private Path record() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data/state"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("risk-state.momentum")).findFirst()
                    .orElseThrow(() -> new AssertionError("no risk-state record in " + dir.resolve("data/state")));
        }
    }

    private static final OrderIntent BUY = OrderIntent.of("BTCUSDT", Side.BUY, 0.01, 60_000);

    @Test
    void anOlderActiveRecordPutBackAfterAHaltStartsHaltedNotActive() throws Exception {
        Path copy = dir.resolve("active-record");
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            s.killSwitch().trip("daily-loss", "first halt", Map.of());
            assertThat(s.killSwitch().rearm("alice", "reviewed")).isTrue();
            Files.copy(record(), copy); // the record says ACTIVE now
            clock.advance(Duration.ofMinutes(5));
            s.killSwitch().trip("daily-loss", "second halt", Map.of());
            assertThat(s.state()).isEqualTo(TradingState.HALTED);
        }
        Files.copy(copy, record(), StandardCopyOption.REPLACE_EXISTING); // the replay

        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            assertThat(s.state()).isEqualTo(TradingState.HALTED);
            assertThat(s.check(BUY).reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);
            assertThat(s.riskState().lastTransition().orElseThrow().reason()).contains("older than the journal's last transition");

            assertThat(s.riskState().lift("bob", "checked the state directory")).isTrue();
            assertThat(s.state()).isEqualTo(TradingState.ACTIVE);
        }
        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").state()).as("the operator's lift is trusted again").isEqualTo(TradingState.ACTIVE);
        }
    }

    @Test
    void aDeletedRecordOfAHaltedStrategyStartsHalted() throws Exception {
        try (TradePulse tp = start()) {
            tp.strategy("momentum").killSwitch().trip("daily-loss", "halt", Map.of());
        }
        Files.delete(record());

        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);
        }
    }

    @Test
    void aStrategyThatWasNeverHeldDownStartsActiveWithoutARecord() throws Exception {
        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        }
        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        }
    }
}
