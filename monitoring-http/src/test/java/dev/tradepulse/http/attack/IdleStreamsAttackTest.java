package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.HealthServerConfig;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack 2: status-stream clients that never read, up to and beyond the slot limit. An operator
 * with the bearer token must still get a stream, liveness must still answer, and a client that
 * never reads a fast-changing, large stream must be dropped (bounded memory) with its slot freed.
 * (The WebSocket endpoint is not on this branch yet; these attacks cover SSE {@code /events}.)
 */
class IdleStreamsAttackTest {

    private static final String TOKEN = "attack-stream-token-0123456789";
    private static final String EVENTS = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HealthServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        wire.close();
        servers.forEach(HealthServer::close);
        registry.close();
    }

    private HealthServer start(StatusPage page, HealthServerConfig config) throws IOException {
        registry.register("process", HealthResult::healthy);
        HealthServer server = HealthServer.builder(registry).config(config).bearerToken(TOKEN).statusPage(page).start();
        servers.add(server);
        return server;
    }

    private static int status(Socket s) throws IOException {
        String line = Wire.line(s.getInputStream());
        return line == null ? -1 : Integer.parseInt(line.split(" ")[1]);
    }

    private Socket openEvents(HealthServer server, String request) throws IOException {
        Socket s = wire.connect(server);
        s.setReceiveBufferSize(4096);
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void an_operator_with_the_token_gets_a_stream_while_forty_anonymous_clients_that_never_read_ask_for_eight_slots()
            throws Exception {
        StatusPage page = StatusPage.builder(registry).maxStreams(8).interval(Duration.ofMillis(100)).build();
        HealthServer server = start(page, HealthServerConfig.custom().port(0).build());
        int granted = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            // the status line is read; after it, the client never reads again
            int code = status(openEvents(server, EVENTS));
            if (code == 200) {
                granted++;
            } else if (code == 503) {
                refused++;
            }
        }
        // a wrong token is anonymous too
        int wrongToken = status(openEvents(server, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN.substring(1) + "x\r\n\r\n"));

        HttpResponse<InputStream> operator = client.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<String> live = client.send(HttpRequest.newBuilder(server.uri().resolve("/health/live"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(granted).as("anonymous streams granted").isEqualTo(4);
        assertThat(refused).isEqualTo(36);
        assertThat(wrongToken).isEqualTo(503);
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(live.statusCode()).isEqualTo(200);
        operator.body().close();
    }

    @Test
    void every_operator_slot_is_usable_while_anonymous_clients_hold_theirs_and_the_next_one_is_refused()
            throws Exception {
        StatusPage page = StatusPage.builder(registry).maxStreams(6).maxAnonymousStreams(2).build();
        HealthServer server = start(page, HealthServerConfig.custom().port(0).build());
        for (int i = 0; i < 5; i++) {
            openEvents(server, EVENTS);
        }
        String auth = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n";
        List<Integer> operators = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            operators.add(status(openEvents(server, auth)));
        }

        assertThat(operators).containsExactly(200, 200, 200, 200, 503);
    }

    @Test
    void clients_that_never_read_a_large_fast_changing_stream_are_dropped_and_their_slots_freed() throws Exception {
        AtomicLong version = new AtomicLong();
        String filler = "x".repeat(64 * 1024);
        // a section whose view changes at every look, 64 KiB each, so the kernel buffers fill fast
        StatusSection churn = StatusSection.of("churn", "Churn", details -> StatusView.note("v" + version.incrementAndGet() + filler));
        StatusPage page = StatusPage.builder(registry).section(churn).maxStreams(4).maxAnonymousStreams(4)
                .interval(Duration.ofMillis(100)).build();
        HealthServer server = start(page, HealthServerConfig.custom().port(0).writeTimeout(Duration.ofSeconds(1))
                .build());
        for (int i = 0; i < 4; i++) {
            assertThat(status(openEvents(server, EVENTS))).isEqualTo(200);
        }
        assertThat(status(openEvents(server, EVENTS))).as("pool full").isEqualTo(503);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(page.openStreams()).isZero());
        assertThat(status(openEvents(server, EVENTS))).as("a slot after the drop").isEqualTo(200);
    }
}
