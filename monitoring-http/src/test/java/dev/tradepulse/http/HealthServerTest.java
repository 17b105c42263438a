package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import io.micrometer.core.instrument.MockClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    private final MockClock clock = new MockClock();
    private final HealthRegistry registry = HealthRegistry.builder().clock(clock).build();
    private final AtomicReference<HealthResult> exchange = new AtomicReference<>(HealthResult.healthy());
    private final HttpClient client = HttpClient.newHttpClient();
    private HealthServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private HealthServer start(HealthServer.Builder builder) throws Exception {
        registry.register("database", () -> {
            // The clock stays still (checks run in parallel), so durations are 0 and times exact.
            return HealthResult.builder(HealthStatus.HEALTHY).message("sqlite ok").detail("latency_ms", 3).build();
        }, CheckOptions.builder().groups(HealthRegistry.READINESS).build());
        registry.register("exchange", exchange::get, CheckOptions.builder().groups(HealthRegistry.READINESS, "venues")
                .build());
        registry.register("process", HealthResult::healthy, CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
        server = builder.port(0).start();
        return server;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String timestamp() {
        return java.time.Instant.ofEpochMilli(clock.wallTime()).toString();
    }

    @Test
    void health_answers_200_with_the_seed_compatible_json_and_no_details_without_a_token() throws Exception {
        start(HealthServer.builder(registry).bearerToken(TOKEN));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"status\":\"healthy\",\"timestamp\":\"" + timestamp() + "\","
                + "\"components\":{\"database\":{\"status\":\"healthy\",\"duration_ms\":0},"
                + "\"exchange\":{\"status\":\"healthy\",\"duration_ms\":0},"
                + "\"process\":{\"status\":\"healthy\",\"duration_ms\":0}}}");
    }

    @Test
    void the_right_bearer_token_unlocks_messages_and_details_and_a_wrong_one_does_not() throws Exception {
        start(HealthServer.builder(registry).bearerToken(TOKEN));

        String withToken = get("/health/ready", "Authorization", "Bearer " + TOKEN).body();
        String wrongToken = get("/health/ready", "Authorization", "Bearer s3cret-token-for-tesTS").body();

        assertThat(withToken).contains("\"database\":{\"status\":\"healthy\",\"duration_ms\":0,\"critical\":true,"
                + "\"checked_at\":\"" + timestamp() + "\",\"message\":\"sqlite ok\",\"details\":{\"latency_ms\":3}}");
        assertThat(wrongToken).doesNotContain("sqlite ok", "details");
    }

    @Test
    void visibility_never_hides_details_even_with_the_token_and_always_shows_them_to_everyone() throws Exception {
        start(HealthServer.builder(registry).bearerToken(TOKEN).detailVisibility(DetailVisibility.NEVER));
        assertThat(get("/health", "Authorization", "Bearer " + TOKEN).body()).doesNotContain("sqlite ok");
        server.close();

        server = HealthServer.builder(registry).port(0).detailVisibility(DetailVisibility.ALWAYS).start();
        assertThat(get("/health").body()).contains("sqlite ok");
    }

    @Test
    void unhealthy_answers_503_and_degraded_answers_200() throws Exception {
        start(HealthServer.builder(registry));

        exchange.set(HealthResult.unhealthy("502 from venue"));
        HttpResponse<String> down = get("/health");
        exchange.set(HealthResult.degraded("slow"));
        HttpResponse<String> slow = get("/health");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("{\"status\":\"unhealthy\"");
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).startsWith("{\"status\":\"degraded\"");
    }

    @Test
    void live_ready_and_custom_groups_select_their_components() throws Exception {
        start(HealthServer.builder(registry));
        exchange.set(HealthResult.unhealthy("down"));

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/live").body()).contains("process").doesNotContain("exchange");
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/venues").body()).contains("exchange").doesNotContain("database");
    }

    @Test
    void head_gets_the_status_and_headers_without_a_body() throws Exception {
        start(HealthServer.builder(registry));
        exchange.set(HealthResult.unhealthy("down"));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void unknown_paths_and_groups_are_404_json_and_other_methods_405() throws Exception {
        start(HealthServer.builder(registry));

        HttpResponse<String> unknown = get("/metrics");
        HttpResponse<String> noGroup = get("/health/nonexistent");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(noGroup.statusCode()).isEqualTo(404);
        assertThat(noGroup.body()).isEqualTo("{\"error\":\"no such health group\"}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void mounted_routes_share_the_port_and_their_failures_never_leak_a_stack_trace() throws Exception {
        start(HealthServer.builder(registry)
                .route("/metrics", request -> RouteResponse.json(200, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)))
                .route("/broken", ex -> {
                    throw new IllegalStateException("secret internals at dev.tradepulse.Foo");
                }));

        assertThat(get("/metrics").body()).isEqualTo("{\"ok\":true}");
        HttpResponse<String> broken = get("/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void oversized_request_lines_and_headers_are_refused() throws Exception {
        start(HealthServer.builder(registry));

        assertThat(get("/health?" + "x".repeat(5000)).statusCode()).isEqualTo(414);
        assertThat(get("/health", "X-Padding", "y".repeat(9000)).statusCode()).isEqualTo(431);
    }

    @Test
    void it_binds_loopback_by_default_takes_an_ephemeral_port_and_never_shows_the_token() throws Exception {
        start(HealthServer.builder(registry).bearerToken(TOKEN));

        assertThat(server.uri().getHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
        assertThat(server.port()).isPositive().isNotEqualTo(8080);
        assertThat(server.toString()).doesNotContain(TOKEN).contains("token set");
    }

    @Test
    void close_stops_serving() throws Exception {
        start(HealthServer.builder(registry));
        URI uri = server.uri().resolve("/health");
        server.close();
        server = null;

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void bad_settings_are_rejected_naming_the_parameter() {
        assertThatThrownBy(() -> HealthServer.builder(registry).bearerToken("short")).hasMessage(
                "token must be at least 16 characters");
        assertThatThrownBy(() -> HealthServer.builder(registry).port(70000)).hasMessageContaining("port must be");
        assertThatThrownBy(() -> HealthServer.builder(registry).route("metrics", request -> RouteResponse.json(200, "{}")))
                .hasMessageContaining("path must start with '/'");
    }
}
