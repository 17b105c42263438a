package dev.tradepulse.compliance.witness;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.api.support.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs each head as JSON; GET returns the latest. One deadline covers each whole exchange, body
 * included, and at most 16 KiB of a response is kept.
 */
final class HttpWitness implements Witness {

    private static final int MAX_BODY = 16_384;
    private final URI uri;
    private final HttpClient client;
    private final Duration timeout;

    HttpWitness(URI uri, HttpClient client, Duration timeout) {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("uri must be http or https, got " + scheme);
        }
        this.uri = uri;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public void publish(WitnessedHead head) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WitnessedHeads.toJson(head))).build();
        Response r = exchange(request);
        if (r.status() / 100 != 2) {
            throw new IOException("witness answered HTTP " + r.status());
        }
    }

    @Override
    public Optional<WitnessedHead> latest() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            Response r = exchange(request);
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (r.status() / 100 != 2) {
                throw new IOException("witness answered HTTP " + r.status());
            }
            return Optional.of(WitnessedHeads.parse(r.body().trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the witness", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the witness did not return a head: " + e.getMessage(), e);
        }
    }

    private record Response(int status, String body) {
    }

    private Response exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> sent =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            HttpResponse<InputStream> response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> readBounded(response.body()),
                    HttpWitness::daemon); // never the common pool: a dripping body must not hold its worker
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                return new Response(response.statusCode(),
                        new String(body.get(left, TimeUnit.NANOSECONDS), StandardCharsets.UTF_8));
            } finally {
                response.body().close(); // stops a dripping body; the rest is never read
            }
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new IOException("witness did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private static void daemon(Runnable task) {
        Threads.daemonThread("witness-http-body", task).start();
    }

    private static byte[] readBounded(InputStream in) {
        try {
            return in.readNBytes(MAX_BODY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Witnesses.http(" + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + ")";
    }
}
