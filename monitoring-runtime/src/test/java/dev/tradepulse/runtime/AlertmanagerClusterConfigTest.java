package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.runtime.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot in a fleet posts to every member of the Alertmanager cluster, with its own labels. */
class AlertmanagerClusterConfigTest {

    @TempDir
    Path dir;

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A loopback Alertmanager that accepts every post to /api/v2/alerts and keeps the bodies. */
    private String alertmanager(List<String> bodies) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/api/v2/alerts", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s.start();
        servers.add(s);
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    private TradePulse start(String alerts) throws IOException {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\napp: grid-bot\ndata-dir: " + dir.resolve("data")
                + "\nserver:\n  enabled: false\nalerts:\n" + alerts);
        return TradePulse.builder().config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load())
                .build();
    }

    @Test
    void everyMemberGetsTheAlertWithTheBotsLabelsAndItsApp() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        String a = alertmanager(first);
        String b = alertmanager(second);
        try (TradePulse tp = start("  alertmanager:\n    url: [" + a + ", " + b + "]\n    labels: [bot=bot-eu-1, exchange=binance]\n")) {
            tp.alerts().fire(Alert.builder("feed-stale:binance", Severity.HIGH, "market data is 90 s old").build());

            await().atMost(Duration.ofSeconds(20)).until(() -> !first.isEmpty() && !second.isEmpty());
        }
        for (List<String> bodies : List.of(first, second)) {
            assertThat(bodies.get(0)).contains("\"bot\":\"bot-eu-1\"").contains("\"exchange\":\"binance\"")
                    .contains("\"app\":\"grid-bot\"").contains("feed-stale:binance");
        }
    }

    @Test
    void aLabelThatIsNotNameEqualsValueFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> start("  alertmanager:\n    url: http://127.0.0.1:9\n    labels: [bot]\n").close())
                .isInstanceOf(StartupException.class)
                .hasStackTraceContaining("alerts.alertmanager.labels entry 1 must be name=value");
    }
}
