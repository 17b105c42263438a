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
 * Attack 5: the bearer-token rule. Only {@code Authorization: Bearer <token>} exactly (the scheme
 * without case, RFC 9110 11.1) unlocks details and a token-guarded {@code /metrics}; a wrong
 * length, a case change, an empty value, another scheme, the token in the query, a cookie or
 * another header, and two headers carrying no right token do not.
 */
class BearerTokenAttackTest {

    private static final String TOKEN = "Attack-Token-0123456789-abcdef";
    private static final String SECRET_MESSAGE = "feed lag 7 ms on venue-x";
    private static final String METRIC = "attack_metric_total 42";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        registry.register("feed", () -> HealthResult.healthy(SECRET_MESSAGE));
        StatusPage page = StatusPage.builder(registry).build();
        server = HealthServer.builder(registry).port(0).bearerToken(TOKEN).statusPage(page)
                .metrics(() -> "# TYPE attack_metric_total counter\n" + METRIC + "\n").metricsRequireToken(true)
                .start();
    }

    @AfterEach
    void tearDown() {
        wire.close();
        server.close();
        registry.close();
    }

    private Wire.Reply get(String target, String... headerLines) throws IOException {
        StringBuilder r = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headerLines) {
            r.append(h).append("\r\n");
        }
        r.append("Connection: close\r\n\r\n");
        return wire.send(server, r.toString());
    }

    @Test
    void the_exact_token_shows_details_and_metrics() throws IOException {
        assertThat(get("/health", "Authorization: Bearer " + TOKEN).body()).contains(SECRET_MESSAGE);
        assertThat(get("/metrics", "Authorization: Bearer " + TOKEN).body()).contains(METRIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "BeArEr "})
    void the_scheme_is_matched_without_case(String scheme) throws IOException {
        assertThat(get("/health", "Authorization: " + scheme + TOKEN).body()).contains(SECRET_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization: Bearer ",
        "Authorization: Bearer",
        "Authorization: Bearer  ",
        "Authorization: Bearer attack-token-0123456789-abcdef",
        "Authorization: Bearer ATTACK-TOKEN-0123456789-ABCDEF",
        "Authorization: Bearer Attack-Token-0123456789-abcde",
        "Authorization: Bearer Attack-Token-0123456789-abcdefg",
        "Authorization: Bearer Attack-Token-0123456789-abcdeF",
        "Authorization: Bearer Attack",
        "Authorization: Bearer xAttack-Token-0123456789-abcdef",
        "Authorization: BearerAttack-Token-0123456789-abcdef",
        "Authorization: Basic QXR0YWNrLVRva2VuLTAxMjM0NTY3ODktYWJjZGVm",
        "Authorization: Token Attack-Token-0123456789-abcdef",
        "Authorization: Attack-Token-0123456789-abcdef",
        "Authorization: Bearer Attack-Token-0123456789-abcdef Attack-Token-0123456789-abcdef",
        "Authorization: Bearer Attack-Token-0123456789-abcdef,Bearer x",
        "X-Auth-Token: Attack-Token-0123456789-abcdef",
        "Proxy-Authorization: Bearer Attack-Token-0123456789-abcdef",
        "Cookie: token=Attack-Token-0123456789-abcdef"})
    void anything_but_the_exact_bearer_token_shows_no_details_and_no_metrics(String header) throws IOException {
        Wire.Reply health = get("/health", header);
        Wire.Reply metrics = get("/metrics", header);
        Wire.Reply status = get("/status", header);

        assertThat(health.body()).as(health.all()).doesNotContain(SECRET_MESSAGE);
        assertThat(status.body()).as(status.all()).doesNotContain(SECRET_MESSAGE);
        assertThat(metrics.status()).as(metrics.all()).isIn(400, 401);
        assertThat(metrics.body()).doesNotContain(METRIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?token=", "?access_token=", "?bearer=", "?Authorization=Bearer%20", "?auth=",
        "?x=1&access_token="})
    void the_token_in_the_query_string_never_works(String query) throws IOException {
        Wire.Reply health = get("/health" + query + TOKEN);
        Wire.Reply metrics = get("/metrics" + query + TOKEN);
        Wire.Reply status = get("/status" + query + TOKEN);

        assertThat(health.body()).doesNotContain(SECRET_MESSAGE);
        assertThat(status.body()).doesNotContain(SECRET_MESSAGE);
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.body()).doesNotContain(METRIC);
    }

    @Test
    void two_authorization_headers_neither_with_the_token_show_no_details() throws IOException {
        Wire.Reply reply = get("/health", "Authorization: Bearer wrong-wrong-wrong-wrong", "Authorization: Bearer ");

        assertThat(reply.body()).doesNotContain(SECRET_MESSAGE);
    }

    @Test
    void a_request_with_two_authorization_headers_is_never_authenticated_whichever_comes_first()
            throws IOException {
        // RFC 9110 11.6.2 allows one Authorization field; two are ambiguous (a proxy in front may
        // keep either), so the token rule must not depend on their order
        boolean rightFirst = get("/health", "Authorization: Bearer " + TOKEN, "Authorization: Bearer nope")
                .body().contains(SECRET_MESSAGE);
        boolean rightSecond = get("/health", "Authorization: Bearer nope", "Authorization: Bearer " + TOKEN)
                .body().contains(SECRET_MESSAGE);

        assertThat(rightSecond).as("right token second shows details").isFalse();
        assertThat(rightFirst).as("right token first shows details").isFalse();
    }

    @Test
    void a_head_to_token_guarded_metrics_without_the_token_is_401_without_a_body() throws IOException {
        try (Socket s = wire.connect(server)) {
            s.getOutputStream().write(("HEAD /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Wire.Reply head = Wire.read(in, true);
            Wire.Reply next = Wire.read(in, false);

            assertThat(head.status()).isEqualTo(401);
            assertThat(next.status()).as("the HEAD sent no body bytes").isEqualTo(200);
            assertThat(next.body()).doesNotContain(METRIC);
        }
    }

    @Test
    void the_event_stream_without_the_token_carries_no_details() throws IOException {
        try (Socket s = wire.connect(server)) {
            s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = Wire.line(in)) != null && !line.startsWith("data:")) {
                seen.append(line).append('\n');
            }
            assertThat(seen.toString()).startsWith("HTTP/1.1 200");
            assertThat(line).as("the first event").isNotNull().contains("\"feed\"").doesNotContain(SECRET_MESSAGE);
        }
    }

    @Test
    void the_token_never_appears_in_any_response() throws IOException {
        String all = get("/health", "Authorization: Bearer " + TOKEN).all()
                + get("/metrics", "Authorization: Bearer " + TOKEN).all()
                + get("/status", "Authorization: Bearer " + TOKEN).all()
                + get("/nope", "Authorization: Bearer " + TOKEN).all()
                + get("/metrics", "Authorization: Bearer x" + TOKEN).all();

        assertThat(all).doesNotContain(TOKEN);
        assertThat(server.toString()).doesNotContain(TOKEN);
        assertThat(server.config().toString()).doesNotContain(TOKEN);
    }
}
