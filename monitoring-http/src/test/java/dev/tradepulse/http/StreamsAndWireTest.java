package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.health.HealthRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Jetty server sends on the wire, and how it treats stream clients that read or do not. */
class StreamsAndWireTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> sockets = new ArrayList<>();
    private HealthServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static StatusSection section(AtomicReference<String> text) {
        return new StatusSection() {
            @Override
            public String id() {
                return "changing";
            }

            @Override
            public String title() {
                return "Changing";
            }

            @Override
            public StatusView view(boolean details) {
                return StatusView.note(text.get());
            }
        };
    }

    @Test
    void head_sends_the_length_and_no_body_and_no_response_names_the_server() throws Exception {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).port(0).start();

        String head = raw("HEAD /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String get = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        int getLength = get.length() - get.indexOf("\r\n\r\n") - 4;
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + getLength).endsWith("\r\n\r\n");
        assertThat(head + get).doesNotContainIgnoringCase("Server:").doesNotContain("Jetty");
    }

    @Test
    void headers_too_large_for_the_parser_get_431_json_without_details() throws Exception {
        server = HealthServer.builder(registry).port(0).start();

        String response = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431").contains("application/json")
                .endsWith("{\"error\":\"request headers too large\"}").doesNotContain("Jetty", "Exception");
    }

    @Test
    void events_refuse_head_and_other_methods_with_405() throws Exception {
        server = HealthServer.builder(registry).statusPage(StatusPage.builder(registry).build()).port(0).start();

        String head = raw("HEAD /events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(head).startsWith("HTTP/1.1 405").contains("Allow: GET");
    }

    @Test
    void a_stream_client_that_never_reads_is_dropped_at_the_write_timeout_and_its_slot_freed() throws Exception {
        AtomicInteger version = new AtomicInteger();
        String big = "x".repeat(256 * 1024);
        StatusSection heavy = new StatusSection() {
            @Override
            public String id() {
                return "heavy";
            }

            @Override
            public String title() {
                return "Heavy";
            }

            @Override
            public StatusView view(boolean details) {
                return StatusView.note(version.incrementAndGet() + big); // a new 256 KiB snapshot every tick
            }
        };
        StatusPage page = StatusPage.builder(registry).section(heavy).maxStreams(1).interval(Duration.ofMillis(100))
                .build();
        server = HealthServer.builder(registry).statusPage(page)
                .config(HealthServerConfig.custom().port(0).writeTimeout(Duration.ofMillis(500)).build()).start();
        Socket stuck = new Socket();
        sockets.add(stuck);
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new InetSocketAddress(server.uri().getHost(), server.port()), 5_000);
        stuck.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)); // and never reads
        await().atMost(Duration.ofSeconds(10)).until(() -> page.openStreams() == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> page.openStreams() == 0);

        HttpResponse<InputStream> next = client.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(next.statusCode()).isEqualTo(200);
        next.body().close();
    }

    @Test
    void a_reading_stream_client_stays_connected_through_quiet_periods_longer_than_the_write_timeout()
            throws Exception {
        AtomicReference<String> text = new AtomicReference<>("first");
        // a fixed clock: the snapshot's timestamp stays, so nothing changes until the text does
        StatusPage page = StatusPage.builder(registry).section(section(text)).interval(Duration.ofMillis(100))
                .clock(Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC)).build();
        server = HealthServer.builder(registry).statusPage(page)
                .config(HealthServerConfig.custom().port(0).writeTimeout(Duration.ofMillis(200)).build()).start();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the test closes the server
            }
            events.add("<end>");
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(events.poll(10, TimeUnit.SECONDS)).contains("first");

        // quiet for several write timeouts: idle between events is not a failure
        assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
        text.set("second");

        assertThat(events.poll(10, TimeUnit.SECONDS)).contains("second");
        assertThat(page.openStreams()).isEqualTo(1);
    }
}
