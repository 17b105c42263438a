package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.runtime.config.ConfigException;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradePulseTest {

    static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    /** Records every notification; the runtime's resolve notifications included. */
    static final class Recording implements AlertSink {
        final List<Alert> seen = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void deliver(Notification n) {
            seen.addAll(n.alerts());
        }
    }

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  token: " + TOKEN + "\n" + text);
        return f;
    }

    private TradePulse.Builder builder(Path file, Map<String, String> env) {
        return TradePulse.builder().clock(clock)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(env).load());
    }

    private static int status(URI uri, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aStrategyBreachingItsDailyLimitIsHaltedOnTheTradingThreadAndTheJournalVerifies() throws Exception {
        Recording sink = new Recording();
        Path file = yaml("strategies:\n  momentum:\n    daily-loss-halt: -0.15\n");
        Path data = dir.resolve("data");
        try (TradePulse tp = builder(file, Map.of()).sink(sink).build()) {
            Strategy momentum = tp.strategy("momentum");
            momentum.recordEquity(clock.instant(), 10_000);
            clock.advance(Duration.ofMinutes(5));
            momentum.recordEquity(clock.instant(), 8_400);
            momentum.afterTick();

            assertThat(momentum.isHalted()).isTrue();
            assertThat(tp.uri()).isPresent();
            assertThat(status(tp.uri().get(), "/health/live", null)).isEqualTo(200);
            assertThat(status(tp.uri().get(), "/status", TOKEN)).isEqualTo(200);
            assertThat(status(tp.uri().get(), "/metrics", null)).isEqualTo(200);
        }
        assertThat(sink.seen).anySatisfy(a -> assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED));
        byte[] key = HexFormat.of().parseHex(Files.readString(data.resolve("audit.key"), StandardCharsets.US_ASCII).strip());
        var v = JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(data.resolve("audit"));
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(Files.readString(firstJournalFile(data.resolve("audit")))).contains("kill-switch:momentum").contains("trading_halt");
    }

    private static Path firstJournalFile(Path audit) throws IOException {
        try (var files = Files.list(audit)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void aStrategyThatIsNotDeclaredIsAnErrorThatListsTheDeclaredOnes() throws Exception {
        try (TradePulse tp = builder(yaml("strategies:\n  momentum:\n    enabled: true\n"), Map.of()).build()) {
            assertThatThrownBy(() -> tp.strategy("momentun"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("momentun").hasMessageContaining("[momentum]");
        }
    }

    @Test
    void anEnvironmentVariableOverridesTheFile() throws Exception {
        Path file = yaml("app: from-file\n");
        try (TradePulse tp = builder(file, Map.of("TRADEPULSE_APP", "from-env", "TRADEPULSE_SERVER_ENABLED", "false")).build()) {
            assertThat(tp.config().string("app")).contains("from-env");
            assertThat(tp.uri()).isEmpty();
        }
    }

    @Test
    void aSystemPropertyOverridesTheEnvironment() throws Exception {
        Properties p = new Properties();
        p.setProperty("tradepulse.app", "from-property");
        var config = ConfigLoader.of(RuntimeSchema.schema()).file(yaml(""))
                .environment(Map.of("TRADEPULSE_APP", "from-env", "TRADEPULSE_SERVER_ENABLED", "false"))
                .systemProperties(p).load();
        try (TradePulse tp = TradePulse.builder().clock(clock).config(config).build()) {
            assertThat(tp.config().string("app")).contains("from-property");
        }
    }

    @Test
    void aTakenPortFailsTheStartWithThePartTheAddressAndTheFixAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = yaml("strategies:\n  momentum:\n    enabled: true\n");
            Files.writeString(file, Files.readString(file).replace("server:\n  token:", "server:\n  port: "
                    + taken.getLocalPort() + "\n  token:"));
            assertThatThrownBy(() -> builder(file, Map.of()).build())
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("the HTTP server")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("server.port");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && !t.isDaemon()
                && t.getName().startsWith("tradepulse"));
        // Everything it took was given back: the same data directory starts at once.
        try (TradePulse again = builder(yaml(""), Map.of()).build()) {
            assertThat(again.uri()).isPresent();
        }
    }

    @Test
    void aSecondRuntimeOnTheSameDataDirectoryIsRefusedAndNamesTheHolder() throws Exception {
        Path file = yaml("");
        try (TradePulse first = builder(file, Map.of()).build()) {
            assertThatThrownBy(() -> builder(file, Map.of()).build())
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("the state store");
            assertThat(first.health().check().status().name()).isNotEmpty();
        }
    }

    @Test
    void productionRefusesToStartWithoutATokenOrAnAuditKey() throws Exception {
        Path file = dir.resolve("prod.yml");
        Files.writeString(file, "profile: production\ndata-dir: " + dir.resolve("p") + "\n");
        assertThatThrownBy(() -> ConfigLoader.of(RuntimeSchema.schema()).file(file).load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.token");
        var config = ConfigLoader.of(RuntimeSchema.schema()).file(file)
                .environment(Map.of("TRADEPULSE_SERVER_TOKEN", TOKEN, "TRADEPULSE_SERVER_PORT", "0",
                        "TRADEPULSE_SHUTDOWN_HOOK", "false")).load();
        assertThatThrownBy(() -> TradePulse.builder().config(config).build())
                .isInstanceOf(StartupException.class).hasMessageContaining("audit.hmac-key")
                .hasMessageNotContaining(TOKEN);
    }
}
