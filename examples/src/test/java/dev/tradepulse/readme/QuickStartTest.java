package dev.tradepulse.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, run as written with its YAML: the bot trades until its daily loss limit halts it. */
class QuickStartTest {

    private static final List<String> OVERRIDES = List.of("tradepulse.data-dir", "tradepulse.server.port",
            "tradepulse.shutdown.hook");

    @TempDir
    Path dir;

    @AfterEach
    void clearOverrides() {
        OVERRIDES.forEach(System::clearProperty);
    }

    @Test
    void theQuickStartBotRunsFromItsYamlUntilTheKillSwitchHaltsItAndLeavesAJournalThatVerifies() throws Exception {
        Path config = Path.of("src", "test", "resources", "readme", "tradepulse.yml");
        Path data = dir.resolve("data");
        // What an operator would pass as -D flags: a scratch data-dir, a free port, no JVM hook in a test.
        System.setProperty("tradepulse.data-dir", data.toString());
        System.setProperty("tradepulse.server.port", "0");
        System.setProperty("tradepulse.shutdown.hook", "false");

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> QuickStartBot.main(new String[] {config.toString()}));

        byte[] key = HexFormat.of().parseHex(Files.readString(data.resolve("audit.key"), StandardCharsets.US_ASCII).strip());
        var verification = JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(data.resolve("audit"));
        assertThat(verification.ok()).as(verification.summary()).isTrue();
        try (var files = Files.list(data.resolve("audit"))) {
            String journal = String.join("\n", files.filter(f -> f.toString().endsWith(".jsonl"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList());
            assertThat(journal).contains("trading_halt").contains("risk.daily-loss.halt:momentum");
        }
    }
}
