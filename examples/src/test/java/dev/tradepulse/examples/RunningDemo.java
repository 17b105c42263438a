package dev.tradepulse.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The demo bot on a free loopback port, for tests that need a live one; stop() ends it cleanly. */
final class RunningDemo implements AutoCloseable {

    final DemoBot.Started started;
    private final CompletableFuture<DemoBot.Report> run;

    private RunningDemo(DemoBot.Started started, CompletableFuture<DemoBot.Report> run) {
        this.started = started;
        this.run = run;
    }

    static RunningDemo start(Path dataDir, Duration duration) throws Exception {
        CompletableFuture<DemoBot.Started> up = new CompletableFuture<>();
        CompletableFuture<DemoBot.Report> run = CompletableFuture.supplyAsync(() -> {
            try {
                return DemoBot.run(new DemoBot.Options(duration, 7, 0, dataDir),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), up::complete);
            } catch (Exception e) {
                up.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        }, r -> new Thread(r, "running-demo").start());
        return new RunningDemo(up.get(30, TimeUnit.SECONDS), run);
    }

    URI uri() {
        return started.uri();
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri().resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Stops trading; the bot then closes its server, journal and alerts. */
    DemoBot.Report stop() throws Exception {
        started.stop().set(true);
        return run.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!run.isDone()) {
            try {
                stop();
            } catch (Exception e) {
                throw new IllegalStateException("the demo did not stop cleanly", e);
            }
        }
    }
}
