package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops assets against Debian's prometheus, promtool and amtool, and a real scrape of the demo. */
class PrometheusIntegrationTest {

    @TempDir
    Path dir;

    private static String run(Path binary, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void promtool_and_amtool_accept_the_shipped_configuration_and_rules() throws Exception {
        Path promtool = Binaries.require("promtool", "prometheus", "promtool check");
        Path amtool = Binaries.require("amtool", "prometheus-alertmanager", "amtool check-config");

        assertThat(run(promtool, "check", "config", OpsAssetsTest.OPS.resolve("prometheus.yml").toString()))
                .contains("SUCCESS");
        assertThat(run(promtool, "check", "rules", OpsAssetsTest.OPS.resolve("alert-rules.yml").toString()))
                .contains("SUCCESS: 14 rules found");
        assertThat(run(amtool, "check-config", OpsAssetsTest.OPS.resolve("alertmanager.yml").toString()))
                .contains("SUCCESS");
    }

    @Test
    void a_real_prometheus_scrapes_the_demo_and_answers_a_query_for_a_tradepulse_metric() throws Exception {
        Path prometheus = Binaries.require("prometheus", "prometheus", "Prometheus scrape test");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RunningDemo demo = RunningDemo.start(dir.resolve("data"), Duration.ofSeconds(90))) {
            // The shipped file, pointed at this run's port and scraping every second.
            String config = Files.readString(OpsAssetsTest.OPS.resolve("prometheus.yml"))
                    .replace("127.0.0.1:8080", "127.0.0.1:" + demo.uri().getPort())
                    .replace("scrape_interval: 5s", "scrape_interval: 1s");
            Files.copy(OpsAssetsTest.OPS.resolve("alert-rules.yml"), dir.resolve("alert-rules.yml"));
            Files.writeString(dir.resolve("prometheus.yml"), config);
            Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI query = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                        + URLEncoder.encode("trading_equity{strategy=\"momentum\",job=\"tradepulse-demo\"}",
                                StandardCharsets.UTF_8));
                JsonNode[] result = new JsonNode[1];
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> {
                            String body = http.send(HttpRequest.newBuilder(query).build(),
                                    HttpResponse.BodyHandlers.ofString()).body();
                            result[0] = new ObjectMapper().readTree(body);
                            return result[0].at("/data/result").size() > 0;
                        });
                JsonNode sample = result[0].at("/data/result/0");
                assertThat(sample.at("/metric/bot").asText()).isEqualTo("demo");
                assertThat(sample.at("/value/1").asDouble()).isPositive();
                String rules = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/rules")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(rules).contains("DailyLossLimitReached", "CircuitBreakerOpen");
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
