package dev.tradepulse.runtime.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime started from its config with chat.telegram.*, driven end to end through a loopback Telegram. */
class ChatOverTelegramTest {

    static final long BOB = 2002;
    static final long MALLORY = 6666;
    static final long GROUP = -100200300;

    @TempDir
    Path dir;

    final LoopbackTelegram telegram = new LoopbackTelegram();
    TradePulse tp;

    ChatOverTelegramTest() throws IOException {
    }

    private TradePulse start(String chat) throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum:\n    enabled: true\n" + chat);
        tp = TradePulse.builder().config(ConfigLoader.of(RuntimeSchema.schema()).file(f).environment(Map.of()).load()).build();
        return tp;
    }

    @AfterEach
    void close() {
        if (tp != null) {
            tp.close();
        }
        telegram.close();
    }

    private JsonNode nextSent() throws InterruptedException {
        JsonNode m = telegram.sent.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message sent within 10 s").isNotNull();
        return m;
    }

    private String journal() throws IOException {
        tp.audit().flush();
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("data").resolve("audit"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    private String withTelegram(String users) {
        return "chat:\n  telegram:\n    token: " + LoopbackTelegram.TOKEN + "\n    api: " + telegram.uri() + "\n" + users;
    }

    @Test
    void anOperatorHaltsFromTheGroupOverTelegramAndAnUnlistedMemberIsRefused() throws Exception {
        start(withTelegram("  users: [telegram:2002:operator]\n"));

        telegram.message(MALLORY, "mallory", GROUP, "/halt all");
        assertThat(nextSent().path("text").asText()).contains("not allowed").contains("6666");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);

        telegram.message(BOB, "bob", GROUP, "/halt momentum");
        JsonNode ask = nextSent();
        assertThat(ask.path("chat_id").asText()).isEqualTo(Long.toString(GROUP));
        assertThat(ask.path("text").asText()).startsWith("Confirm /halt momentum?");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        String data = ask.path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asText();

        telegram.press(BOB, "bob", GROUP, data);

        assertThat(nextSent().path("text").asText()).isEqualTo("momentum is HALTED");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(journal())
                .contains("\"actor\":\"chat:telegram:6666\",\"action\":\"auth_failure\"")
                .contains("\"outcome\":\"REFUSED_UNAUTHORISED\"")
                .contains("\"command\":\"halt\",\"args\":\"momentum\",\"outcome\":\"DONE\"")
                .contains("\"action\":\"kill_switch\""));
        assertThat(tp.health().names()).contains("chat-telegram");
    }

    @Test
    void withATokenAndNoUsersEveryCommandIsRefused() throws Exception {
        start(withTelegram(""));
        telegram.message(BOB, "bob", GROUP, "/status");
        assertThat(nextSent().path("text").asText()).contains("not allowed");
    }

    @Test
    void withoutATokenChatIsOffAndNothingPolls() throws Exception {
        start("chat:\n  users: [telegram:2002:operator]\n");
        assertThat(tp.health().names()).doesNotContain("chat-telegram");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().contains("chat-telegram"));
    }
}
