package dev.tradepulse.spring.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.runtime.TradePulse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = WebBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always",
        "tradepulse.profile=testing",
        "tradepulse.app=web-bot",
        "tradepulse.server.token=" + StatusOnApplicationServerTest.TOKEN,
        "tradepulse.status.on=application",
        "tradepulse.health.cache=1h",
        "tradepulse.health.indicators.include=ledger,broker",
        "tradepulse.health.indicators.timeouts.broker=300ms"})
// The indicators' test runs first: /status and the stream run TradePulse's checks too, which would count.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusOnApplicationServerTest {

    static final String TOKEN = "0123456789abcdef0123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TradePulse tradePulse;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("tp-status-app").toString();
        registry.add("tradepulse.data-dir", () -> dir);
    }

    @AfterAll
    static void releaseTheHungIndicator() {
        WebBotApplication.RELEASE.countDown();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, "");
    }

    @Test
    void thePageIsServedUnderItsPathWithItsOwnPathsRewrittenToIt() throws Exception {
        HttpResponse<String> bare = get("/tradepulse");
        HttpResponse<String> page = get("/tradepulse/");
        HttpResponse<String> script = get("/tradepulse/assets/status.js");

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).contains("/tradepulse/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("src=\"/tradepulse/assets/status.js\"", "href=\"/tradepulse/assets/status.css\"",
                "href=\"/actuator/health\"").doesNotContain("\"/assets/");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("fetch(\"/tradepulse/events\"", "fetch(\"/tradepulse/status\"")
                .doesNotContain("fetch(\"/status\"", "fetch(\"/events\"");
        assertThat(get("/tradepulse/assets/status.css").statusCode()).isEqualTo(200);
        assertThat(get("/tradepulse/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void statusShowsDetailsOnlyWithTheToken() throws Exception {
        HttpResponse<String> anonymous = get("/tradepulse/status");
        HttpResponse<String> wrong = send("GET", "/tradepulse/status", "not-the-token-at-all");
        HttpResponse<String> operator = send("GET", "/tradepulse/status", TOKEN);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"title\":\"web-bot\"", "\"details\":false");
        assertThat(wrong.body()).contains("\"details\":false");
        assertThat(operator.body()).contains("\"details\":true");
        assertThat(operator.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void otherMethodsAreRefusedWithoutAStackTrace() throws Exception {
        HttpResponse<String> post = send("POST", "/tradepulse/status", TOKEN);

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).doesNotContain("Exception", "at dev.");
    }

    @Test
    void theStreamSendsTheSnapshotAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tradepulse/events"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).GET().build();
        HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());

        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/event-stream"));
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            while (!frame.toString(StandardCharsets.UTF_8).endsWith("\n\n")) {
                int b = in.read();
                assertThat(b).as("the stream ended before its first frame").isNotNegative();
                frame.write(b);
            }
            assertThat(frame.toString(StandardCharsets.UTF_8)).startsWith("event: status\ndata: {")
                    .contains("\"details\":true");
        }
    }

    @Test
    void tradePulseServesNothingOnItsOwnPort() {
        assertThat(tradePulse.uri()).isEmpty();
    }

    @Test
    @Order(1)
    void adoptedIndicatorsAppearUnderTheirOwnNamesRunOnceAndAHungOneIsBounded() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> first = get("/actuator/health");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        HttpResponse<String> second = get("/actuator/health");

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        JsonNode components = new ObjectMapper().readTree(first.body()).path("components");
        assertThat(components.path("ledger").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("ledger").path("details").path("rows").asInt()).isEqualTo(12);
        assertThat(components.path("broker").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("broker").path("details").path("message").asText()).isEqualTo("timed out after 300ms");
        assertThat(components.path("tradepulse").path("components").has("ledger")).as("not listed twice").isFalse();
        assertThat(new ObjectMapper().readTree(second.body()).path("components").path("ledger").path("status").asText())
                .isEqualTo("UP");
        assertThat(WebBotApplication.LEDGER_RUNS).as("one run for both requests, none by Actuator itself").hasValue(1);
    }
}
