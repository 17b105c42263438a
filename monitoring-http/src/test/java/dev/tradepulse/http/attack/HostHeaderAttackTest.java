package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attack 4: the Host allowlist against DNS rebinding. Loopback names (any case, with or without
 * port) and IP literals are answered; every other name, a duplicated Host, a missing Host on
 * HTTP/1.1, and a request line whose absolute URI names another host are not.
 */
class HostHeaderAttackTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).port(0).start();
    }

    @AfterEach
    void tearDown() {
        wire.close();
        server.close();
        registry.close();
    }

    private Wire.Reply get(String requestTarget, String... headerLines) throws IOException {
        StringBuilder r = new StringBuilder("GET ").append(requestTarget).append(" HTTP/1.1\r\n");
        for (String h : headerLines) {
            r.append(h).append("\r\n");
        }
        r.append("Connection: close\r\n\r\n");
        return wire.send(server, r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "LocalHost:%d", "localhost:%d", "localhost.", "127.0.0.1",
        "127.0.0.1:%d", "[::1]", "[::1]:%d", "[0:0:0:0:0:0:0:1]:%d"})
    void loopback_names_in_any_case_with_or_without_port_are_answered(String host) throws IOException {
        Wire.Reply reply = get("/health/live", "Host: " + host.formatted(server.port()));

        assertThat(reply.status()).as(reply.all()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:%d", "localhost.evil.example", "localhost.evil.example:%d",
        "127.0.0.1.nip.io", "127.0.0.1.nip.io:%d", "evil.example.", "localhost@evil.example", "xn--lcalhost-x2a",
        "localhost..", "evil.example\t", "[evil.example]", "[evil.example]:%d", "[::1", "[::1]evil.example"})
    void any_other_name_is_refused_with_421_and_no_health_body(String host) throws IOException {
        Wire.Reply reply = get("/health/live", "Host: " + host.formatted(server.port()));

        assertThat(reply.status()).as(reply.all()).isIn(400, 421);
        assertThat(reply.body()).doesNotContain("healthy");
    }

    @Test
    void a_missing_host_on_http_1_1_is_refused() throws IOException {
        Wire.Reply reply = get("/health/live");

        assertThat(reply.status()).as(reply.all()).isEqualTo(400);
    }

    @Test
    void a_duplicated_host_with_a_loopback_name_first_is_refused() throws IOException {
        Wire.Reply reply = get("/health/live", "Host: localhost", "Host: evil.example");

        assertThat(reply.status()).as(reply.all()).isIn(400, 421);
        assertThat(reply.body()).doesNotContain("healthy");
    }

    @Test
    void a_duplicated_host_with_the_hostile_name_first_is_refused() throws IOException {
        Wire.Reply reply = get("/health/live", "Host: evil.example", "Host: localhost");

        assertThat(reply.status()).as(reply.all()).isIn(400, 421);
        assertThat(reply.body()).doesNotContain("healthy");
    }

    @Test
    void an_absolute_uri_naming_a_hostile_host_is_refused_even_with_a_loopback_host_header() throws IOException {
        // RFC 9112 3.2.2: with an absolute-form target the server uses its authority, not Host
        Wire.Reply reply = get("http://evil.example/health/live", "Host: localhost");

        assertThat(reply.status()).as(reply.all()).isIn(400, 421);
        assertThat(reply.body()).doesNotContain("healthy");
    }

    @Test
    void an_absolute_uri_naming_a_hostile_host_is_refused_without_a_host_header() throws IOException {
        Wire.Reply reply = get("http://evil.example/health/live");

        assertThat(reply.status()).as(reply.all()).isIn(400, 421);
        assertThat(reply.body()).doesNotContain("healthy");
    }

    @Test
    void an_absolute_uri_naming_loopback_with_a_matching_host_is_answered() throws IOException {
        Wire.Reply reply = get("http://localhost:" + server.port() + "/health/live", "Host: localhost:" + server.port());

        assertThat(reply.status()).as(reply.all()).isEqualTo(200);
    }

    @Test
    void the_allowlist_guards_unknown_paths_and_the_status_routes_too() throws IOException {
        Wire.Reply unknown = get("/nope", "Host: evil.example");
        Wire.Reply health = get("/health", "Host: evil.example");

        assertThat(unknown.status()).isEqualTo(421);
        assertThat(health.status()).isEqualTo(421);
        assertThat(health.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void http_1_0_without_a_host_is_answered_since_browsers_always_send_one() throws IOException {
        Wire.Reply reply = wire.send(server, "GET /health/live HTTP/1.0\r\n\r\n");

        assertThat(reply.status()).as(reply.all()).isEqualTo(200);
    }

    @Test
    void http_1_0_with_a_hostile_host_is_refused() throws IOException {
        Wire.Reply reply = wire.send(server, "GET /health/live HTTP/1.0\r\nHost: evil.example\r\n\r\n");

        assertThat(reply.status()).as(reply.all()).isEqualTo(421);
    }
}
