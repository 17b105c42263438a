package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.HealthServerConfig;
import dev.tradepulse.http.RouteResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attack 3: oversized requests. A 1 MB header gets 431, a 100 KB URI 414, a huge body 413 (or
 * the route's 405) without being buffered, and a chunked body that never ends is cut off; every
 * answer is TradePulse JSON, and the server answers on.
 */
class OversizedRequestAttackTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private final AtomicBoolean stop = new AtomicBoolean();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).config(HealthServerConfig.custom().port(0)
                .idleTimeout(Duration.ofSeconds(2)).build())
                .route("/echo", request -> RouteResponse.json(200, "{\"ok\":true}")).start();
    }

    @AfterEach
    void tearDown() {
        stop.set(true);
        wire.close();
        server.close();
        registry.close();
    }

    /** Writes head then body on a thread of its own (the server may stop reading); reads the answer here. */
    private String sendLarge(String head, byte[] body, int repeat) throws IOException {
        Socket s = wire.connect(server);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < repeat && !stop.get(); i++) {
                    out.write(body);
                    written.addAndGet(body.length);
                }
                out.flush();
            } catch (IOException e) {
                // the server closed the connection: expected for an oversized request
            }
        }, "oversized-writer");
        writer.setDaemon(true);
        writer.start();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(buf)) != -1) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // a server that never answered: the assertions say so
        } catch (IOException e) {
            // reset after the answer
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private void assertServerLives() throws IOException {
        assertThat(wire.send(server, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);
    }

    private static void assertJsonError(String all, int status) {
        assertThat(all).as(all.length() > 400 ? all.substring(0, 400) : all).startsWith("HTTP/1.1 " + status + " ");
        assertThat(all).contains("application/json").contains("{\"error\":").doesNotContain("<html", "\tat ",
                "org.eclipse");
    }

    @Test
    void a_one_megabyte_header_gets_a_json_431_and_the_server_answers_on() throws IOException {
        String all = sendLarge("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ",
                "a".repeat(1024).getBytes(StandardCharsets.US_ASCII), 1024);

        assertJsonError(all, 431);
        assertServerLives();
    }

    @Test
    void a_thousand_small_headers_over_the_limit_get_a_json_431() throws IOException {
        StringBuilder head = new StringBuilder("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 1000; i++) {
            head.append("X-H").append(i).append(": v\r\n");
        }
        String all = wire.sendAndReadAll(server, head + "Connection: close\r\n\r\n");

        assertJsonError(all, 431);
        assertServerLives();
    }

    @Test
    void a_hundred_kilobyte_uri_gets_a_json_414_and_the_server_answers_on() throws IOException {
        String all = sendLarge("GET /health?q=", "b".repeat(1024).getBytes(StandardCharsets.US_ASCII), 100);

        assertJsonError(all, 414);
        assertServerLives();
    }

    @Test
    void a_hundred_kilobyte_path_gets_a_json_414() throws IOException {
        String all = wire.sendAndReadAll(server, "GET /" + "p".repeat(100 * 1024)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertJsonError(all, 414);
        assertServerLives();
    }

    @Test
    void a_declared_huge_body_on_post_and_put_is_refused_without_reading_it() throws IOException {
        for (String method : new String[] {"POST", "PUT"}) {
            for (String path : new String[] {"/health", "/echo", "/nope"}) {
                String all = sendLarge(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 1073741824\r\n\r\n", new byte[64 * 1024], 16);

                assertThat(all).as(method + " " + path).matches("(?s)HTTP/1\\.1 (413|405|404) .*");
                assertThat(all).contains("application/json").doesNotContain("\tat ");
            }
        }
        assertServerLives();
    }

    @Test
    void an_undeclared_huge_chunked_body_is_cut_off_at_the_body_limit() throws IOException {
        byte[] chunk = ("4000\r\n" + "c".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        String all = sendLarge("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n", chunk,
                4096); // up to 64 MiB

        assertThat(all).matches("(?s)HTTP/1\\.1 (413|405|200) .*").doesNotContain("\tat ");
        assertServerLives();
    }

    @Test
    void a_chunked_body_that_never_ends_is_answered_and_the_connection_closed_by_the_idle_timeout()
            throws IOException {
        Socket s = wire.connect(server);
        s.getOutputStream().write(("PUT /health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII)); // and no last chunk, ever
        s.getOutputStream().flush();
        Wire.Reply reply = Wire.read(s.getInputStream(), false);

        assertThat(reply.status()).isIn(405, 413);
        s.setSoTimeout(8_000);
        long started = System.nanoTime();
        assertThat(Wire.closedByServer(s)).as("closed within 8 s (idle timeout 2 s)").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertServerLives();
    }

    @Test
    void a_chunked_body_trickled_forever_to_a_route_is_cut_off_well_before_the_attack_ends() throws IOException {
        Socket s = wire.connect(server);
        s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        AtomicBoolean writeFailed = new AtomicBoolean();
        Thread trickler = new Thread(() -> {
            try {
                for (int i = 0; i < 200 && !stop.get(); i++) {
                    s.getOutputStream().write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(250); // the attacker's pace, inside the 2 s idle timeout
                }
            } catch (IOException e) {
                writeFailed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chunk-trickler");
        trickler.setDaemon(true);
        trickler.start();

        // the route never reads the body, so the server must answer and then end the connection
        await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> assertThat(writeFailed.get())
                .as("the server closed the trickling connection").isTrue());
        assertServerLives();
    }
}
