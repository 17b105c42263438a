package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.RouteResponse;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attack 6: routes, sections, checks and the scrape throw (RuntimeException, a real
 * StackOverflowError, OutOfMemoryError, an Error with a secret in its message). No stack trace,
 * exception class or secret may reach the response, and the server answers on afterwards.
 */
class FailingHandlersAttackTest {

    private static final String TOKEN = "failing-token-0123456789-xyz";
    private static final String SECRET = "hunter2-SECRET-in-message";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private final AtomicInteger sectionCalls = new AtomicInteger();
    private HealthServer server;

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @BeforeEach
    void start() throws IOException {
        registry.register("process", HealthResult::healthy);
        StatusSection boom = StatusSection.of("boom", "Boom", details -> {
            if (sectionCalls.incrementAndGet() % 2 == 0) {
                recurse(0);
            }
            throw new IllegalStateException("section failed, password=" + SECRET);
        });
        StatusSection fine = StatusSection.of("fine", "Fine", details -> StatusView.note("all good"));
        StatusPage page = StatusPage.builder(registry).section(boom).section(fine).build();
        server = HealthServer.builder(registry).port(0).bearerToken(TOKEN).statusPage(page)
                .route("/rt", request -> {
                    throw new IllegalStateException("route failed, token=" + SECRET);
                })
                .route("/so", request -> RouteResponse.json(200, "{\"n\":" + recurse(0) + "}"))
                .route("/oom", request -> {
                    throw new OutOfMemoryError("oom " + SECRET);
                })
                .route("/err", request -> {
                    throw new AssertionError(SECRET);
                })
                .route("/null", request -> null)
                .metrics(() -> {
                    throw new LinkageError("scrape " + SECRET);
                })
                .start();
    }

    @AfterEach
    void tearDown() {
        wire.close();
        server.close();
        registry.close();
    }

    private Wire.Reply get(String target, boolean token) throws IOException {
        return wire.send(server, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token ? "Authorization: Bearer " + TOKEN + "\r\n" : "") + "Connection: close\r\n\r\n");
    }

    private static void assertClean(Wire.Reply reply) {
        // the status line's reason phrase ("Server Error") is Jetty's fixed text; headers and body are checked
        assertThat(reply.headers() + reply.body()).doesNotContain(SECRET, "Exception", "Error", "\tat ", "dev.tradepulse", "java.lang",
                "org.eclipse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rt", "/so", "/oom", "/err", "/null", "/metrics"})
    void a_throwing_handler_gets_a_bare_json_500_and_the_server_answers_on(String path) throws IOException {
        for (boolean token : new boolean[] {false, true}) {
            Wire.Reply reply = get(path, token);

            assertThat(reply.status()).as(reply.all()).isEqualTo(500);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.body()).isEqualTo("{\"error\":\"internal error\"}");
            assertClean(reply);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(get("/health/live", false).status()).isEqualTo(200);
        }
    }

    @Test
    void a_status_section_that_throws_is_isolated_and_its_message_never_shown() throws IOException {
        for (int i = 0; i < 4; i++) { // alternates RuntimeException and StackOverflowError
            for (boolean token : new boolean[] {false, true}) {
                Wire.Reply reply = get("/status", token);

                assertThat(reply.status()).as(reply.all()).isEqualTo(200);
                assertThat(reply.body()).contains("all good");
                assertThat(reply.body()).doesNotContain(SECRET, "\tat ", "StackOverflow");
            }
        }
    }

    @Test
    void a_health_check_that_overflows_its_stack_is_unhealthy_without_a_trace_and_the_server_lives()
            throws IOException {
        registry.register("deep", () -> HealthResult.healthy(String.valueOf(recurse(0))));
        registry.register("leaky", () -> {
            throw new IllegalStateException(SECRET);
        });

        Wire.Reply anonymous = get("/health", false);
        Wire.Reply operator = get("/health", true);

        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.body()).contains("\"deep\"").doesNotContain(SECRET, "StackOverflow", "\tat ");
        assertThat(operator.body()).doesNotContain("\tat ", "dev.tradepulse.http");
        assertThat(get("/health/live", false).status()).isEqualTo(200);
    }

    @Test
    void the_event_stream_carries_the_other_sections_while_one_throws() throws IOException {
        try (Socket s = wire.connect(server)) {
            s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String line;
            while ((line = Wire.line(in)) != null && !line.startsWith("data:")) {
                assertThat(line).doesNotContain(SECRET);
            }
            assertThat(line).as("the first event").isNotNull().contains("all good").doesNotContain(SECRET, "\tat ");
        }
        assertThat(sectionCalls.get()).isPositive();
    }
}
