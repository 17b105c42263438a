package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attack 8: HTTP/1.0, pipelining, HEAD on every route, methods nobody serves (TRACE must never
 * echo), and path tricks ({@code ..}, {@code %2e%2e}, {@code //}, {@code ;params}, NUL, CRLF):
 * none reaches a token-guarded body, none gets a 5xx or a stack trace, none splits a response.
 */
class ProtocolQuirksAttackTest {

    private static final String TOKEN = "quirks-token-0123456789-abc";
    private static final String METRIC = "quirk_metric_total 7";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).port(0).bearerToken(TOKEN)
                .statusPage(StatusPage.builder(registry).build())
                .metrics(() -> "# TYPE quirk_metric_total counter\n" + METRIC + "\n").metricsRequireToken(true)
                .start();
    }

    @AfterEach
    void tearDown() {
        wire.close();
        server.close();
        registry.close();
    }

    private Wire.Reply request(String method, String target) throws IOException {
        return wire.send(server, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private void assertServerLives() throws IOException {
        assertThat(request("GET", "/health/live").status()).isEqualTo(200);
    }

    @Test
    void http_1_0_is_answered_and_the_connection_closed() throws IOException {
        String all = wire.sendAndReadAll(server, "GET /health/live HTTP/1.0\r\n\r\n");

        assertThat(all).startsWith("HTTP/1.1 200").contains("\"status\":\"healthy\"");
    }

    @Test
    void pipelined_requests_are_answered_in_order_on_one_connection() throws IOException {
        try (Socket s = wire.connect(server)) {
            s.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();

            assertThat(Wire.read(in, false).status()).isEqualTo(200);
            assertThat(Wire.read(in, false).status()).isEqualTo(404);
            assertThat(Wire.read(in, true).status()).isEqualTo(200);
            assertThat(Wire.read(in, false).status()).isEqualTo(401);
            Wire.Reply last = Wire.read(in, false);
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.body()).contains("healthy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/live", "/health/ready", "/health/nope", "/status", "/",
        "/assets/status.css", "/assets/status.js", "/metrics", "/events", "/nope"})
    void head_on_every_route_has_the_get_status_and_headers_and_no_body(String path) throws IOException {
        Wire.Reply get = request("GET", path.equals("/events") ? "/health" : path);
        try (Socket s = wire.connect(server)) {
            // a body after the HEAD's headers would be read as the next status line
            s.getOutputStream().write(("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Wire.Reply head = Wire.read(in, true);
            Wire.Reply next = Wire.read(in, false);

            if (!path.equals("/events")) {
                assertThat(head.status()).isEqualTo(get.status());
                assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
            } else {
                assertThat(head.status()).as("HEAD /events").isIn(200, 405);
            }
            assertThat(head.header("Cache-Control")).isNotNull();
            assertThat(next.statusLine()).startsWith("HTTP/1.1 200");
            assertThat(next.body()).contains("healthy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS", "TRACE", "PUT", "DELETE", "PATCH", "POST"})
    void methods_nobody_serves_get_405_on_the_health_routes(String method) throws IOException {
        for (String path : new String[] {"/health", "/health/live", "/status", "/metrics", "/events", "/"}) {
            Wire.Reply reply = wire.send(server, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n");

            assertThat(reply.status()).as(method + " " + path + ": " + reply.all()).isEqualTo(405);
            assertThat(reply.header("Allow")).as(method + " " + path).isNotNull();
        }
    }

    @Test
    void trace_never_echoes_the_request_headers() throws IOException {
        for (String path : new String[] {"/health", "/nope", "*", "/metrics"}) {
            String all = wire.sendAndReadAll(server, "TRACE " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nCookie: session=echo-me-cookie\r\n"
                    + "X-Echo: echo-me-header\r\nConnection: close\r\n\r\n");

            assertThat(all).as("TRACE " + path).startsWith("HTTP/1.1 4").doesNotContain(TOKEN, "echo-me");
        }
    }

    @Test
    void connect_is_refused_and_never_tunnels() throws IOException {
        try (Socket s = wire.connect(server)) {
            // after a refused CONNECT, the next bytes must be parsed as HTTP again, not relayed
            s.getOutputStream().write(("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.port() + "\r\n\r\nGET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Wire.Reply connect = Wire.read(in, false);

            assertThat(connect.status()).as(connect.all()).isBetween(400, 499);
            if (!"close".equalsIgnoreCase(connect.header("Connection"))) {
                Wire.Reply next = Wire.read(in, false);
                assertThat(next.status()).isEqualTo(200);
                assertThat(next.body()).contains("\"status\":\"healthy\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/../metrics", "/health/%2e%2e/metrics", "/health/%2E%2E/metrics",
        "/%2e%2e/metrics", "/./metrics", "/%2e/metrics", "//metrics", "/metrics/", "/metrics;x=y", "/metrics;",
        "/%6detrics", "/METRICS", "/metrics%00", "/metrics%2f", "/health%2f..%2fmetrics", "/assets/../metrics",
        "/health/..%2fmetrics", "/metrics/."})
    void path_tricks_never_reach_the_token_guarded_metrics(String path) throws IOException {
        Wire.Reply reply = request("GET", path);

        assertThat(reply.body()).as(path + ": " + reply.all()).doesNotContain(METRIC);
        assertThat(reply.status()).as(path + ": " + reply.all()).isBetween(400, 499);
        assertServerLives();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//health", "/health;x=y", "/health/live;jsessionid=1", "/health/%2e%2e/",
        "/health/..", "/health/.", "/health%00", "/health/live%00", "/health%0d%0aSet-Cookie:%20a=b",
        "/health/live%0d%0aX-Injected:%20yes", "/%2e%2e/%2e%2e/etc/passwd", "/health/../../../etc/passwd",
        "/health?%0d%0aX-Injected:%20yes", "/health/live\u00e9", "/assets/..%2f..%2fpom.xml",
        "/assets/status.js/..%2f..%2f..%2fpom.xml", "/health/%ff%fe"})
    void path_tricks_get_a_clean_answer_without_5xx_injection_or_files(String path) throws IOException {
        Wire.Reply reply = request("GET", path);

        assertThat(reply.status()).as(path + ": " + reply.all()).isLessThan(500);
        assertThat(reply.headers()).as(path).doesNotContainKeys("set-cookie", "x-injected");
        assertThat(reply.all()).doesNotContain("root:", "<project", "\tat ", "org.eclipse");
        assertServerLives();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /health\u0000 HTTP/1.1", "GET /health\r HTTP/1.1", "GET /hea\rlth HTTP/1.1",
        "GET /health HTTP/1.1\u0000", "GET /health HTTP/9.9", "G\u0000T /health HTTP/1.1",
        "GET /health/live\nX-Injected: yes"})
    void raw_control_characters_and_bad_versions_in_the_request_line_get_an_error_not_a_route(String line)
            throws IOException {
        String all = wire.sendAndReadAll(server, line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(all).as(line.replace("\r", "\\r").replace("\u0000", "\\0")).matches("(?s)HTTP/1\\.1 (4\\d\\d|505) .*")
                .doesNotContain("\"status\":\"healthy\"", "\tat ");
        assertServerLives();
    }

    @Test
    void a_request_with_both_content_length_and_chunked_is_refused_not_smuggled() throws IOException {
        String all = wire.sendAndReadAll(server, "POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer x\r\nConnection: close\r\n\r\n");

        assertThat(all).startsWith("HTTP/1.1 400");
        assertThat(all).doesNotContain(METRIC);
    }

    @Test
    void a_body_that_looks_like_a_request_is_never_answered_as_one() throws IOException {
        String smuggled = "GET /nope-smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (Socket s = wire.connect(server)) {
            s.getOutputStream().write(("POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                    + smuggled.length() + "\r\n\r\n" + smuggled
                    + "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Wire.Reply post = Wire.read(in, false);
            assertThat(post.status()).isEqualTo(405);
            if (!"close".equalsIgnoreCase(post.header("Connection"))) {
                Wire.Reply next = Wire.read(in, false);
                assertThat(next.status()).as("the request after the body, not the body").isEqualTo(200);
                assertThat(next.body()).contains("healthy");
            }
        }
    }
}
