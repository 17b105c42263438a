package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 12 item 10: health messages and details go through the journal's redaction. */
class HealthRedactionTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private HealthServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    @Test
    void secrets_in_a_check_failure_message_and_in_details_never_reach_health_output_even_with_the_token()
            throws Exception {
        registry.register("database", () -> {
            throw new IllegalStateException("connect failed: jdbc:postgresql://bot:hunter2@db/prod?password=hunter3");
        });
        registry.register("exchange", () -> HealthResult.builder(HealthStatus.DEGRADED)
                .message("login refused for api_key=AKIAIOSFODNN7EXAMPLE").detail("api_key", "k-123456")
                .detail("endpoint", "https://hooks.slack.com/services/T0ABC123/B0DEF456/XyZ123abcDEF456ghiJKL789")
                .detail("nested", Map.of("token", "t-1", "list", List.of("pwd=hunter4"))).detail("latency_ms", 3)
                .build());
        server = HealthServer.builder(registry).bearerToken(TOKEN).port(0).start();

        String body = client.send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).doesNotContain("hunter2", "hunter3", "hunter4", "AKIAIOSFODNN7EXAMPLE", "k-123456", "t-1",
                "XyZ123abcDEF456ghiJKL789").contains("jdbc:postgresql://bot:[REDACTED]@db/prod", "\"latency_ms\":3",
                "\"api_key\":\"[REDACTED]\"");
        HealthResult exchange = registry.check().components().get("exchange").result();
        assertThat(exchange.message()).hasValue("login refused for api_key=[REDACTED]");
        assertThat(exchange.details().get("latency_ms")).isEqualTo(3);
    }

    @Test
    void a_message_set_when_flap_damping_changes_the_status_is_redacted_too() {
        HealthResult result = HealthResult.healthy("ok").withStatus(HealthStatus.DEGRADED, "was: password=hunter2");
        assertThat(result.message()).hasValue("was: password=[REDACTED]");
    }
}
