package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.HealthServerConfig;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extra attacks on what an anonymous client can make the server do: pin every worker with
 * requests to {@code /health} while one check is slow (liveness must still answer quickly, the
 * issue's 100 ms target), and ask for large responses without reading them (the write timeout
 * must cut them off, and liveness must answer meanwhile).
 */
class WorkerStarvationAttackTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private HealthServer server;

    @AfterEach
    void tearDown() {
        release.countDown();
        wire.close();
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private long liveMillis() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve("/health/live"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Server threads whose stack is inside the health registry or the status page right now. */
    private static long serverThreadsWaitingOnHealth() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("tradepulse-http"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().contains("HealthRegistry")
                        || f.getClassName().contains("StatusPage")))
                .count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/ready", "/status"})
    void liveness_answers_quickly_while_anonymous_clients_hold_every_worker_on_a_slow_readiness_check(String path)
            throws Exception {
        registry.register("process", HealthResult::healthy,
                CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
        // an exchange that hangs until its 3 s timeout: ordinary in production
        registry.register("exchange", () -> {
            release.await(10, TimeUnit.SECONDS);
            return HealthResult.healthy();
        }, CheckOptions.builder().groups(HealthRegistry.READINESS).timeout(Duration.ofSeconds(3)).build());
        server = HealthServer.builder(registry).config(HealthServerConfig.custom().port(0).build())
                .statusPage(StatusPage.builder(registry).build()).start();
        liveMillis(); // warm up
        byte[] health = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 32; i++) {
            wire.connect(server).getOutputStream().write(health); // 32 at once against 4 workers
        }
        // the attack is in place once the configured workers all wait on the check
        await().atMost(Duration.ofSeconds(2)).until(() -> serverThreadsWaitingOnHealth() >= 4);

        long took = liveMillis();

        // generous against the 100 ms target, far below the check's 3 s timeout
        assertThat(took).as("liveness latency while " + path + " requests wait on a slow check").isLessThan(500);
    }

    @Test
    void clients_that_never_read_a_large_response_are_cut_off_at_the_write_timeout_while_liveness_answers()
            throws Exception {
        registry.register("process", HealthResult::healthy);
        String big = "# TYPE big_total counter\n" + ("big_total{k=\"" + "v".repeat(80) + "\"} 1\n").repeat(80_000);
        server = HealthServer.builder(registry).config(HealthServerConfig.custom().port(0)
                .writeTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1)).build())
                .metrics(() -> big).start();
        Socket[] readers = new Socket[6];
        for (int i = 0; i < readers.length; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            readers[i] = s;
        }
        try {
            assertThat(liveMillis()).as("liveness while 6 large responses are stuck").isLessThan(2_000);
            // wait past the write timeout without reading, then read what the server left in flight
            CountDownLatch never = new CountDownLatch(1);
            assertThat(never.await(4, TimeUnit.SECONDS)).isFalse();
            for (Socket s : readers) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                long total = 0;
                byte[] buf = new byte[65536];
                int n;
                try {
                    while ((n = in.read(buf)) != -1) {
                        total += n;
                    }
                } catch (IOException e) {
                    // reset: cut off
                }
                assertThat(total).as("bytes a non-reading client got of a %d-byte response", big.length())
                        .isLessThan(big.length());
            }
        } finally {
            for (Socket s : readers) {
                s.close();
            }
        }
    }
}
