package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.runtime.backup.BackupReport;
import dev.tradepulse.runtime.backup.Backups;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime keeps across a restart: a halt, and the day's loss budget. */
class RestartTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    private Path data() {
        return dir.resolve("data");
    }

    private TradePulse start() throws IOException {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + data() + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum:\n    daily-loss-halt: -0.15\n    daily-loss-warning: -0.10\n");
        return TradePulse.builder().clock(clock)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build();
    }

    private void equity(Strategy s, double value) {
        clock.advance(Duration.ofMinutes(1));
        s.recordEquity(clock.instant(), value);
        s.afterTick();
    }

    @Test
    void aHaltedStrategyStaysHaltedAcrossARestartUntilAPersonRearmsIt() throws Exception {
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            equity(s, 10_000);
            equity(s, 8_000);
            assertThat(s.isHalted()).isTrue();
        }
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            assertThat(s.isHalted()).as("restored from the state store").isTrue();
            assertThat(s.state()).isEqualTo(TradingState.HALTED);
            assertThat(s.killSwitch().rearm("alice", "reviewed the crash")).isTrue();
            assertThat(s.state()).isEqualTo(TradingState.ACTIVE);
        }
        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").isHalted()).as("the re-arm was saved too").isFalse();
        }
    }

    @Test
    void aBotRestartedAtMinusFourteenPercentDoesNotGetAFreshDailyBudget() throws Exception {
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            equity(s, 10_000);
            equity(s, 8_600);
            assertThat(s.isHalted()).isFalse();
        }
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            equity(s, 8_400); // -16% on the day, -2.3% since the restart
            assertThat(s.isHalted()).as("today's baseline was restored: -16% breaches -15%").isTrue();
        }
    }

    @Test
    void aBackupWipeRestoreDrillResumesWithTheHaltedStrategyStillHalted() throws Exception {
        try (TradePulse tp = start()) {
            Strategy s = tp.strategy("momentum");
            equity(s, 10_000);
            equity(s, 8_000);
            assertThat(s.isHalted()).isTrue();
        }
        byte[] key = HexFormat.of().parseHex(Files.readString(data().resolve("audit.key"), StandardCharsets.US_ASCII).strip());
        Path keyCopy = dir.resolve("audit.key.offsite");
        Files.copy(data().resolve("audit.key"), keyCopy);
        Backups backups = Backups.builder(dir.resolve("backups"))
                .journal(data().resolve("audit"), JournalVerifier.withKey(Checkpoints.hmacVerifier(key)))
                .state(data().resolve("state")).clock(clock).build();
        BackupReport made = backups.create();
        assertThat(made.ok()).as(made.toString()).isTrue();

        wipe(data());
        BackupReport restored = backups.restore(made.directory());
        assertThat(restored.ok()).as(restored.toString()).isTrue();
        Files.copy(keyCopy, data().resolve("audit.key")); // the key lives apart from the data it signs

        try (TradePulse tp = start()) {
            assertThat(tp.strategy("momentum").isHalted()).isTrue();
        }
        var v = JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(data().resolve("audit"));
        assertThat(v.ok()).as(v.summary()).isTrue();
    }

    private static void wipe(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
