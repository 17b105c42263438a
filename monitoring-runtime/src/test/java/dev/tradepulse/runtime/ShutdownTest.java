package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.runtime.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's shutdown on a real child JVM ({@link ShutdownChild}): SIGTERM, {@code System.exit}
 * from another thread and SIGKILL, with a loopback webhook that records what the child sends.
 */
class ShutdownTest {

    static final String TOKEN = "0123456789abcdef0123";
    static final Duration DEADLINE = Duration.ofSeconds(10);
    // The JVM's own exit after the hook (and a loaded build machine) gets this much on top.
    static final Duration EXIT_SLACK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    Path data;
    Webhook webhook;
    Process child;

    /** A loopback webhook: records every POST body; while a resolve arrives, asks the child's server if it is live. */
    static final class Webhook implements AutoCloseable {
        final HttpServer server;
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Integer> liveDuringResolve = new CopyOnWriteArrayList<>();
        final CountDownLatch firing = new CountDownLatch(1);
        final CountDownLatch resolved = new CountDownLatch(1);
        volatile URI childServer = URI.create("http://127.0.0.1:1/");

        Webhook() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                if (body.contains("\"status\":\"resolved\"")) {
                    liveDuringResolve.add(live(childServer));
                    resolved.countDown();
                } else {
                    firing.countDown();
                }
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        private static int live(URI base) {
            try {
                HttpRequest r = HttpRequest.newBuilder(base.resolve("/health/live")).timeout(Duration.ofSeconds(5)).build();
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeEach
    void webhook() throws IOException {
        data = dir.resolve("data");
        webhook = new Webhook();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        webhook.close();
    }

    private Path config() throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\n"
                + "data-dir: " + data + "\n"
                + "shutdown:\n  hook: true\n  deadline: " + DEADLINE.toSeconds() + "s\n"
                + "server:\n  token: " + TOKEN + "\n"
                + "alerts:\n  webhook:\n    url: " + webhook.uri() + "\n"
                // Rules run every 100 ms on their own: were they still running after the resolves, the
                // still-breached limits would fire again.
                + "rules:\n  interval: 100ms\n"
                + "strategies:\n  momentum:\n    daily-loss-halt: -0.15\n");
        return f;
    }

    /** Starts the child and waits (bounded) for READY and for its first alert to reach the webhook. */
    private URI startChild(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownChild.class.getName(), config().toString(), mode)
                .redirectError(dir.resolve("child.err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TRADEPULSE_"));
        child = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = in.readLine()) != null; ) {
                    if (l.startsWith("READY ")) {
                        return l.substring(6).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(90, TimeUnit.SECONDS);
        assertThat(ready).as("the child exited before READY; its stderr: %s", stderr()).isNotNull();
        // Keep draining its output so that it never blocks on a full pipe.
        CompletableFuture.runAsync(() -> {
            try {
                while (in.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        URI uri = URI.create(ready);
        webhook.childServer = uri;
        assertThat(webhook.firing.await(30, TimeUnit.SECONDS)).as("the halt's alert reached the webhook").isTrue();
        return uri;
    }

    private String stderr() throws IOException {
        Path f = dir.resolve("child.err");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private long awaitExit() throws InterruptedException {
        long t0 = System.nanoTime();
        assertThat(child.waitFor(DEADLINE.plus(EXIT_SLACK).toMillis(), TimeUnit.MILLISECONDS))
                .as("the child exits within the shutdown deadline").isTrue();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private byte[] key() throws IOException {
        return HexFormat.of().parseHex(Files.readString(data.resolve("audit.key"), StandardCharsets.US_ASCII).strip());
    }

    private Verification verify() throws IOException {
        return JournalVerifier.withKey(Checkpoints.hmacVerifier(key())).verify(data.resolve("audit"));
    }

    private static List<JsonNode> journal(Path audit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(audit)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(json.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    /** What a clean, ordered shutdown leaves behind, whatever ended the JVM. */
    private void assertOrderlyShutdown() throws Exception {
        assertThat(webhook.resolved.await(1, TimeUnit.SECONDS)).as("a resolve notification reached the webhook: %s",
                webhook.bodies).isTrue();
        // 2 (resolves) before 4 (server): the server still answered while the resolve was delivered.
        assertThat(webhook.liveDuringResolve).first().isEqualTo(200);
        // Every alert that fired was resolved; and 1 (schedulers) before 2 (resolves): no rule fired
        // an alert again after its resolve went out. (A first firing may still be delivered after
        // another key's resolve: the sink merges what waits for it.)
        ObjectMapper json = new ObjectMapper();
        List<String> fired = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (String body : webhook.bodies) {
            JsonNode n = json.readTree(body);
            for (JsonNode a : n.path("alerts")) {
                String key = a.path("key").asText();
                if (a.path("status").asText().equals("resolved")) {
                    resolved.add(key);
                } else {
                    assertThat(resolved).as("%s fired again after its resolve: %s", key, a).doesNotContain(key);
                    fired.add(key);
                }
            }
        }
        assertThat(fired).isNotEmpty();
        assertThat(resolved).as("resolved").containsAll(fired);

        Verification v = verify();
        assertThat(v.ok()).as(v.summary()).isTrue();
        List<JsonNode> lines = journal(data.resolve("audit"));
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("CHECKPOINT");
        assertThat(last.path("details").path("reason").asText()).isEqualTo("close");
        // 1 (schedulers) before 3 (journal): the rule-driven halt is journaled, and nothing follows the closing checkpoint.
        int lastRuleDriven = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toString().contains("kill-switch:momentum")) {
                lastRuleDriven = i;
            }
        }
        assertThat(lastRuleDriven).as("the halt is in the journal").isBetween(0, lines.size() - 2);

        // The child's log is read (the halt is in it), and no stage overran or failed.
        assertThat(stderr()).contains("Kill switch 'momentum' tripped")
                .doesNotContain("did not finish").doesNotContain("Closing ");
    }

    @Test
    void sigtermClosesEverythingInTheDocumentedOrderWithinTheDeadline() throws Exception {
        startChild("wait");
        child.destroy(); // SIGTERM on Linux
        long took = awaitExit();
        System.out.println("SIGTERM: the child exited " + took + " ms after the signal");
        assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM ran its hooks and exited
        assertOrderlyShutdown();
    }

    @Test
    void systemExitFromAnotherThreadClosesEverythingInTheDocumentedOrderWithinTheDeadline() throws Exception {
        startChild("exit");
        child.getOutputStream().write("exit\n".getBytes(StandardCharsets.US_ASCII));
        child.getOutputStream().flush();
        long took = awaitExit();
        System.out.println("System.exit: the child exited " + took + " ms after the request");
        assertThat(child.exitValue()).isZero();
        assertOrderlyShutdown();
    }

    @Test
    void aSigkilledChildLeavesADataDirectoryThatTheNextStartOpensAndTheJournalVerifies() throws Exception {
        startChild("wait");
        child.destroyForcibly(); // SIGKILL: no hook, no close, the state store's lock dies with the process
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        var config = ConfigLoader.of(RuntimeSchema.schema()).file(config())
                .environment(Map.of("TRADEPULSE_SHUTDOWN_HOOK", "false")).load();
        try (TradePulse again = TradePulse.builder().config(config).build()) {
            assertThat(again.strategies()).contains("momentum");
            assertThat(again.uri()).isPresent();
        }
        Verification v = verify();
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(journal(data.resolve("audit")).toString()).contains("kill-switch:momentum");
    }
}
