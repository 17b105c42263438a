package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.trading.risk.TradingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No trading without an audit trail, even when nobody polls /health. */
class JournalFailureHaltsTest {

    @TempDir
    Path dir;

    @Test
    void aJournalThatFailsHaltsEveryStrategyWithoutAnyoneAskingForHealth() throws Exception {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum: {}\n  grid: {}\n");
        try (TradePulse tp = TradePulse.builder()
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build()) {
            assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);

            tp.audit().close(); // the journal is gone: nothing the bot does can be proven now

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);
                assertThat(tp.strategy("grid").state()).isEqualTo(TradingState.HALTED);
            });
            assertThat(tp.strategy("momentum").riskState().holds()).anySatisfy(h ->
                    assertThat(h.cause().id()).contains("audit-journal"));
        }
    }
}
