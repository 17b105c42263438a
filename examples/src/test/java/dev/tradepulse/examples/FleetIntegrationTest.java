package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.alerts.sinks.AlertmanagerSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's ops assets ({@code ops/fleet/}) against Debian's prometheus, promtool, alertmanager and
 * amtool: a real Prometheus discovering two running demo bots through the targets file, the
 * dashboard's every query per bot, and the fleet's Alertmanager configuration inhibiting across bots.
 */
class FleetIntegrationTest {

    static final Path FLEET = OpsAssetsTest.OPS.resolve("fleet");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void promtool_and_amtool_accept_the_fleet_configuration() throws Exception {
        Path promtool = Binaries.require("promtool", "prometheus", "promtool check (fleet)");
        Path amtool = Binaries.require("amtool", "prometheus-alertmanager", "amtool check-config (fleet)");

        assertThat(run(promtool, "check", "config", FLEET.resolve("prometheus.yml").toString()))
                .contains("SUCCESS: 2 rule files found", "SUCCESS: 14 rules found", "SUCCESS: 2 rules found");
        assertThat(run(amtool, "check-config", FLEET.resolve("alertmanager.yml").toString()))
                .contains("SUCCESS", "2 inhibit rules");
        // Exchange-wide alerts page; a bot's own alerts go to the ops webhook.
        String config = "--config.file=" + FLEET.resolve("alertmanager.yml");
        assertThat(lastLine(run(amtool, "config", "routes", "test", config, "alertname=ExchangeOutage",
                "exchange=binance", "scope=exchange", "severity=critical"))).isEqualTo("pager");
        assertThat(lastLine(run(amtool, "config", "routes", "test", config, "alertname=ExchangeErrorRateHigh",
                "bot=bot-eu-1", "exchange=binance", "severity=high"))).isEqualTo("ops-webhook");
    }

    @Test
    void an_exchange_outage_inhibits_every_bots_exchange_alerts_on_that_exchange_only() throws Exception {
        Path binary = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager", "fleet inhibition test");
        int port = freePort();
        // The shipped file, its receivers pointed at a closed port (nothing is notified within group_wait anyway).
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, Files.readString(FLEET.resolve("alertmanager.yml"))
                .replace("127.0.0.1:9000", "127.0.0.1:" + freePort()));
        Process am = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("am"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        List<AlertmanagerSink> bots = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(base.resolve("/-/ready")) != null);
            // Three bots, each with its own sink labelled as the README's fleet section says.
            Map<String, String> exchangeOf = Map.of("bot-eu-1", "binance", "bot-eu-2", "binance", "bot-us-1", "kraken");
            for (Map.Entry<String, String> bot : new TreeMap<>(exchangeOf).entrySet()) {
                AlertmanagerSink sink = AlertmanagerSink.builder(List.of(base), URI.create("http://127.0.0.1:8080/"),
                        HTTP).label("bot", bot.getKey()).label("exchange", bot.getValue()).build();
                bots.add(sink);
                sink.deliver(Notification.of(Alert.builder("circuit-breaker-open:exchange", Severity.HIGH,
                        "Circuit breaker 'exchange' opened").label("breaker", "exchange").startsAt(Instant.now())
                        .build()));
            }
            // Same key from three bots: three alerts, told apart by bot.
            await().atMost(Duration.ofSeconds(10)).until(() -> breakerAlerts(base).size() == 3);
            assertThat(breakerAlerts(base).values()).allSatisfy(a -> assertThat(a.at("/status/state").asText())
                    .isEqualTo("active"));

            // What fleet-rules.yml's ExchangeOutage sends for binance, as Prometheus would.
            post(base, List.of(Map.of("labels", Map.of("alertname", "ExchangeOutage", "exchange", "binance",
                    "scope", "exchange", "severity", "critical"), "annotations", Map.of("summary", "binance is down"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Map<String, JsonNode> alerts = breakerAlerts(base);
                return alerts.get("bot-eu-1").at("/status/state").asText().equals("suppressed")
                        && alerts.get("bot-eu-2").at("/status/state").asText().equals("suppressed");
            });
            Map<String, JsonNode> alerts = breakerAlerts(base);
            assertThat(alerts.get("bot-eu-1").at("/status/inhibitedBy")).hasSize(1);
            assertThat(alerts.get("bot-eu-2").at("/status/inhibitedBy")).hasSize(1);
            assertThat(alerts.get("bot-us-1").at("/status/state").asText()).as("kraken is not down").isEqualTo("active");
        } finally {
            bots.forEach(AlertmanagerSink::close);
            am.destroy();
            am.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_real_prometheus_finds_two_demo_bots_through_the_targets_file_and_every_panel_shows_one_bot()
            throws Exception {
        Path prometheus = Binaries.require("prometheus", "prometheus", "fleet Prometheus test");
        int port = freePort();
        try (RunningDemo a = RunningDemo.start(dir.resolve("bot-a"), Duration.ofSeconds(120));
                RunningDemo b = RunningDemo.start(dir.resolve("bot-b"), Duration.ofSeconds(120))) {
            // The shipped files in the same layout, scraping every second, the targets file naming this run's bots.
            Path fleet = Files.createDirectories(dir.resolve("ops/fleet"));
            Files.copy(OpsAssetsTest.OPS.resolve("alert-rules.yml"), dir.resolve("ops/alert-rules.yml"));
            Files.copy(FLEET.resolve("fleet-rules.yml"), fleet.resolve("fleet-rules.yml"));
            Files.writeString(fleet.resolve("prometheus.yml"), Files.readString(FLEET.resolve("prometheus.yml"))
                    .replace("scrape_interval: 15s", "scrape_interval: 1s")
                    .replace("refresh_interval: 1m", "refresh_interval: 1s")
                    // This run's alerts go nowhere: a closed port, not whatever listens on 9093 here.
                    .replace("[\"127.0.0.1:9093\", \"127.0.0.1:9094\"]", "[\"127.0.0.1:" + freePort() + "\"]"));
            assertThat(Files.readString(fleet.resolve("prometheus.yml"))).doesNotContain(":9093", "scrape_interval: 15s");
            Files.writeString(fleet.resolve("bots.yml"), """
                    - targets: ["127.0.0.1:%d"]
                      labels: {bot: bot-a, exchange: binance}
                    - targets: ["127.0.0.1:%d"]
                      labels: {bot: bot-b, exchange: binance}
                    # no bot label: dropped by prometheus.yml's relabelling
                    - targets: ["127.0.0.1:%d"]
                    """.formatted(a.uri().getPort(), b.uri().getPort(), a.uri().getPort()));
            Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + fleet.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                URI api = URI.create("http://127.0.0.1:" + port);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> query(api, "up{job=\"tradepulse\"} == 1").size() == 2);
                assertThat(query(api, "up{job=\"tradepulse\"}")).extracting(s -> s.at("/metric/bot").asText())
                        .containsExactlyInAnyOrder("bot-a", "bot-b");

                // The bot selector: label_values(trading_equity, bot).
                JsonNode dashboard = JSON.readTree(OpsAssetsTest.OPS.resolve("grafana-dashboard.json").toFile());
                JsonNode variable = dashboard.at("/templating/list/0");
                assertThat(variable.get("definition").asText()).isEqualTo("label_values(trading_equity, bot)");
                JsonNode values = JSON.readTree(get(api.resolve("/api/v1/label/bot/values?match[]="
                        + URLEncoder.encode("trading_equity", StandardCharsets.UTF_8)))).get("data");
                assertThat(values).extracting(JsonNode::asText).containsExactlyInAnyOrder("bot-a", "bot-b");

                // Every panel's every query, with $bot set, returns series of that bot only.
                Map<String, String> exprs = new LinkedHashMap<>();
                dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.put(
                        p.get("title").asText() + " / " + t.get("refId").asText(), t.get("expr").asText())));
                assertThat(exprs).hasSizeGreaterThanOrEqualTo(14);
                for (String bot : List.of("bot-a", "bot-b")) {
                    for (Map.Entry<String, String> e : exprs.entrySet()) {
                        String expr = e.getValue().replace("$bot", bot);
                        List<JsonNode> series = new ArrayList<>();
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                                .alias(e.getKey() + " for " + bot + ": " + expr).until(() -> {
                                    series.clear();
                                    series.addAll(query(api, expr));
                                    return !series.isEmpty();
                                });
                        assertThat(series).as(e.getKey() + " for " + bot)
                                .allSatisfy(s -> assertThat(s.at("/metric/bot").asText()).isEqualTo(bot));
                    }
                }
                String rules = get(api.resolve("/api/v1/rules"));
                assertThat(rules).contains("ExchangeOutage", "FleetBotsDown", "DailyLossLimitReached");
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<JsonNode> query(URI api, String promql) throws Exception {
        JsonNode body = JSON.readTree(get(api.resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))));
        if (!body.get("status").asText().equals("success")) {
            throw new AssertionError(promql + ": " + body);
        }
        List<JsonNode> out = new ArrayList<>();
        body.at("/data/result").forEach(out::add);
        return out;
    }

    /** The breaker alerts Alertmanager holds, by bot. */
    private static Map<String, JsonNode> breakerAlerts(URI base) throws Exception {
        Map<String, JsonNode> byBot = new TreeMap<>();
        JSON.readTree(get(base.resolve("/api/v2/alerts"))).forEach(a -> {
            if (a.at("/labels/alertname").asText().equals("circuit-breaker-open")) {
                byBot.put(a.at("/labels/bot").asText(), a);
            }
        });
        return byBot;
    }

    private static void post(URI base, Object alerts) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(alerts))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String run(Path binary, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    /** amtool may print a warning first; its answer is the last line. */
    private static String lastLine(String out) {
        List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.get(lines.size() - 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
