package dev.tradepulse.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = BotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.show-details=always",
        "tradepulse.app=spring-bot",
        "tradepulse.profile=testing",
        "tradepulse.strategies.momentum.daily-loss-halt=-0.20"})
class StarterOverHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TradePulse tradePulse;

    @Autowired
    MeterRegistry applicationRegistry;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("tp-starter-http");
        registry.add("tradepulse.data-dir", dir::toString);
    }

    @AfterAll
    static void releaseTheHungCheck() {
        BotApplication.RELEASE.countDown();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tradePulsePublishesToTheApplicationsRegistryAndServesNothingOfItsOwn() {
        assertThat(tradePulse.meterRegistry()).isSameAs(applicationRegistry);
        assertThat(tradePulse.uri()).isEmpty();
        assertThat(tradePulse.config().string("app")).contains("spring-bot");
        assertThat(tradePulse.config().bool("server.enabled")).isFalse();
    }

    @Test
    void strategiesDeclaredInPropertiesExist() {
        assertThat(tradePulse.strategies()).contains("momentum");
    }

    @Test
    void prometheusShowsTradePulsesTradingAndResilienceMeters() throws Exception {
        // What an instrumented exchange client declares: its retry and breaker, named by the annotations.
        tradePulse.monitoring().retryRegistry().retry("exchange");
        tradePulse.monitoring().circuitBreakerRegistry().circuitBreaker("exchange");

        HttpResponse<String> r = get("/actuator/prometheus");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("tradepulse_health_status").contains("component=\"exchange\"")
                .contains("trading_equity").contains("strategy=\"momentum\"")
                .contains("resilience4j_retry_calls").contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void healthListsEachCheckAsAComponentAndAHungCheckIsBoundedByItsTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get("/actuator/health");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"tradepulse\"").contains("\"exchange\"").contains("\"feed\"")
                .contains("\"tradepulseStatus\":\"UNHEALTHY\"").contains("timed out");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readinessIncludesTradePulsesReadinessChecks() throws Exception {
        HttpResponse<String> r = get("/actuator/health/readiness");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"readinessState\"").contains("\"tradepulseReadiness\"").contains("\"exchange\"")
                .doesNotContain("\"feed\"");
    }

    @Test
    void livenessIsServedWithSpringsLivenessState() throws Exception {
        HttpResponse<String> r = get("/actuator/health/liveness");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"livenessState\"").contains("\"status\":\"UP\"");
    }
}
