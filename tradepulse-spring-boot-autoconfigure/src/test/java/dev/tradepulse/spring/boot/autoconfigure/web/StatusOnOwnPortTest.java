package dev.tradepulse.spring.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = WebBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tradepulse.profile=testing",
        "tradepulse.app=own-port-bot",
        "tradepulse.server.token=" + StatusOnOwnPortTest.TOKEN,
        "tradepulse.server.port=0",
        "tradepulse.status.on=own-port"})
class StatusOnOwnPortTest {

    static final String TOKEN = "fedcba9876543210fedc";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TradePulse tradePulse;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("tp-status-own").toString();
        registry.add("tradepulse.data-dir", () -> dir);
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsStatusAreOnTradePulsesOwnServerUnderTheTokenRule() throws Exception {
        URI own = tradePulse.uri().orElseThrow();

        HttpResponse<String> page = get(own.resolve("/"), "");
        HttpResponse<String> anonymous = get(own.resolve("/status"), "");
        HttpResponse<String> operator = get(own.resolve("/status"), TOKEN);

        assertThat(own.getPort()).isNotEqualTo(port);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("src=\"/assets/status.js\"");
        assertThat(anonymous.body()).contains("\"title\":\"own-port-bot\"", "\"details\":false");
        assertThat(operator.body()).contains("\"details\":true");
    }

    @Test
    void theApplicationsServerDoesNotServeThePage() throws Exception {
        assertThat(get(URI.create("http://127.0.0.1:" + port + "/tradepulse/"), "").statusCode()).isEqualTo(404);
    }
}
