package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.internal.MountContext;
import dev.tradepulse.http.internal.StreamSlots;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The graceful drain, and the internal hook the WebSocket endpoint mounts through. */
class LifecycleAndMountTest {

    private static final String TOKEN = "lifecycle-token-for-tests";

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @AfterEach
    void close() {
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

    @Test
    void close_lets_a_request_in_progress_finish_and_answers_new_ones_with_503_json() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = HealthServer.builder(registry).port(0).shutdownGrace(Duration.ofSeconds(20))
                .route("/slow", request -> {
                    entered.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return RouteResponse.json(200, "{\"done\":true}");
                }).start();
        Socket waiting = new Socket(server.uri().getHost(), server.port()); // connected before the drain starts
        waiting.setSoTimeout(10_000);
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(server.uri()
                .resolve("/slow")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        String refused = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused == null && System.nanoTime() < deadline) {
            // the drain starts on the closing thread: ask until it answers 503
            waiting.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readResponse(waiting.getInputStream());
            if (answer.startsWith("HTTP/1.1 503")) {
                refused = answer;
            }
        }
        release.countDown();

        assertThat(refused).isNotNull().contains("{\"error\":\"shutting down\"}");
        assertThat(slow.get(20, TimeUnit.SECONDS).body()).isEqualTo("{\"done\":true}");
        closing.get(20, TimeUnit.SECONDS);
        waiting.close();
        server = null;
    }

    /** One response with a Content-Length body from a kept-alive socket. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return head.toString();
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    @Test
    void a_mounted_stream_endpoint_shares_the_slots_and_token_rule_and_sits_behind_the_host_allowlist()
            throws Exception {
        registry.register("process", HealthResult::healthy);
        AtomicReference<MountContext> shared = new AtomicReference<>();
        StatusPage page = StatusPage.builder(registry).maxStreams(2).mount(context -> {
            shared.set(context);
            return new Handler.Abstract.NonBlocking() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    if (!"/ws".equals(request.getHttpURI().getPath())) {
                        return false;
                    }
                    StreamSlots.Slot slot = context.slots().acquire(context.authenticated(request));
                    String body = slot == null ? "refused" : "slot " + (slot.authenticated() ? "operator" : "anonymous");
                    response.setStatus(200);
                    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
            };
        }).build();
        server = HealthServer.builder(registry).bearerToken(TOKEN).statusPage(page).port(0).start();

        String anonymous = raw("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String anonymousAgain = raw("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String operator = raw("GET /ws HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n");
        String rebinding = raw("GET /ws HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertThat(anonymous).endsWith("slot anonymous");
        assertThat(anonymousAgain).as("one of two slots is kept for the token").endsWith("refused");
        assertThat(operator).endsWith("slot operator");
        assertThat(rebinding).startsWith("HTTP/1.1 421");
        assertThat(shared.get().originAllowed("http://localhost:" + server.port())).isTrue();
        assertThat(shared.get().originAllowed("https://evil.example")).isFalse();
        assertThat(shared.get().originAllowed("null")).isFalse();
        assertThat(shared.get().originAllowed(null)).isTrue();
        assertThat(new String(shared.get().statusJson(false), StandardCharsets.UTF_8)).contains("\"status\":\"healthy\"");
        // the SSE stream draws on the same pool: both slots are taken
        HttpResponse<String> events = client.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(503);
        assertThat(client.send(HttpRequest.newBuilder(server.uri().resolve("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> shared.get().slots().inUse() == 2);
    }
}
