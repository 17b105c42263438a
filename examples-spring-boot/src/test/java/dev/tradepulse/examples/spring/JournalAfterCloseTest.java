package dev.tradepulse.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The bot started as its {@code main} starts it, then closed as a SIGTERM closes it: closing the
 * context stops the trading loop and then closes TradePulse, and the journal left behind holds
 * the orders and the halt, ends with the closing checkpoint, and verifies with the generated key;
 * the halt is restored when the bot starts again on the same data dir.
 */
class JournalAfterCloseTest {

    @TempDir
    Path data;

    @Test
    void theJournalVerifiesAfterTheContextClosesAndHoldsTheOrdersAndTheHalt() throws IOException {
        crashAndClose();

        byte[] key = HexFormat.of().parseHex(Files.readString(data.resolve("audit.key"), StandardCharsets.US_ASCII).strip());
        var verification = JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(data.resolve("audit"));
        assertThat(verification.ok()).as(verification.summary()).isTrue();
        assertThat(journal()).contains("\"dip-buyer\"").contains("BUY_THE_DIP").contains("MOMENTUM")
                .contains("trading_halt").contains("kill-switch:dip-buyer");
        assertThat(lastLine(journal())).as("the closing checkpoint").contains("\"type\":\"CHECKPOINT\"")
                .contains("\"reason\":\"close\"");
    }

    @Test
    void aHaltedStrategyIsStillHaltedWhenTheBotStartsAgainOnTheSameDataDir() {
        crashAndClose();

        try (ConfigurableApplicationContext again = start(MutableClock.at(Instant.parse("2026-12-01T10:00:00Z")))) {
            TradePulse tradePulse = again.getBean(TradePulse.class);
            assertThat(tradePulse.strategy("dip-buyer").state()).isEqualTo(TradingState.HALTED);
            assertThat(tradePulse.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        }
    }

    /** Starts the bot, ticks it through the crash (the dip buyer halts), and closes the context. */
    private void crashAndClose() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T09:00:00Z"));
        try (ConfigurableApplicationContext context = start(clock)) {   // closing it is what is tested
            TradePulse tradePulse = context.getBean(TradePulse.class);
            TradingLoop loop = context.getBean(TradingLoop.class);
            for (int i = 0; i < 60; i++) {
                clock.advance(Duration.ofSeconds(1));
                loop.tick();
            }
            assertThat(tradePulse.strategy("dip-buyer").state()).isEqualTo(TradingState.HALTED);
        }
    }

    /** The bot as its main starts it, on a free port, with the test's clock and data dir and no ticks of its own. */
    private ConfigurableApplicationContext start(MutableClock clock) {
        return new SpringApplicationBuilder(SpringBotApplication.class)
                .initializers((GenericApplicationContext c) -> c.registerBean("testClock", Clock.class, () -> clock,
                        bean -> bean.setPrimary(true)))
                .run("--server.port=0", "--bot.tick-interval=0", "--bot.crash-at-tick=30",
                        "--tradepulse.data-dir=" + data);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private String journal() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            return String.join("\n", files.filter(f -> f.toString().endsWith(".jsonl")).sorted().map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList());
        }
    }
}
