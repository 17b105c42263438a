package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack 2, continued: clients that open a status stream and vanish (a reset, no goodbye) while
 * the snapshot does not change. Their slots must come back within seconds, not only when the
 * next heartbeat (15 s by default) happens to fail, or a client can keep the pool full by
 * opening and abandoning streams.
 */
class AbandonedStreamsAttackTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private HealthServer server;

    @AfterEach
    void tearDown() {
        wire.close();
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    @Test
    void slots_of_clients_that_reset_their_stream_are_freed_within_five_seconds() throws Exception {
        registry.register("process", HealthResult::healthy);
        StatusPage page = StatusPage.builder(registry).maxStreams(4).build(); // no token: anyone may use all 4
        server = HealthServer.builder(registry).port(0).statusPage(page).start();
        for (int i = 0; i < 4; i++) {
            Socket s = wire.connect(server);
            s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(Wire.line(s.getInputStream())).startsWith("HTTP/1.1 200");
            s.setSoLinger(true, 0);
            s.close(); // RST
        }
        long gone = System.nanoTime();

        await().atMost(Duration.ofSeconds(20)).until(() -> page.openStreams() == 0);
        long freedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gone);

        assertThat(freedMillis).as("ms until the abandoned streams' slots were freed").isLessThan(5_000);
        assertThat(status()).isEqualTo(200);
    }

    private int status() throws IOException {
        Socket s = wire.connect(server);
        s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return Integer.parseInt(Wire.line(s.getInputStream()).split(" ")[1]);
    }
}
