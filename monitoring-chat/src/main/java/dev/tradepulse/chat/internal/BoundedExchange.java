package dev.tradepulse.chat.internal;

import dev.tradepulse.api.support.Checks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with the JDK {@link HttpClient} under one deadline that covers the body too,
 * keeping at most a bounded number of bytes of it: a peer that drips, or sends an endless body,
 * costs the deadline and the limit, never the caller's thread or heap. Errors carry only the
 * exception's type, since messages of connection errors may carry the URL, which may hold a secret.
 * Thread-safe (stateless).
 */
public final class BoundedExchange {

    private BoundedExchange() {
    }

    /**
     * What came back.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body at most the limit's bytes of the body
     * @param truncated whether the body was longer and cut
     */
    public record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
    }

    /**
     * Sends and reads within the deadline.
     *
     * @param client the client
     * @param request the request; its own timeout is replaced by {@code deadline}
     * @param maxBytes the most bytes of body kept
     * @param deadline for the whole exchange, body included
     * @return the response
     * @throws HttpTimeoutException if the deadline passed (the connection is then closed)
     * @throws IOException if the exchange failed; the message names only the failure's type
     * @throws InterruptedException if interrupted (the connection is then closed)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxBytes < 1} or the deadline is not positive
     */
    public static Response send(HttpClient client, HttpRequest request, int maxBytes, Duration deadline)
            throws IOException, InterruptedException {
        Checks.notNull(client, "client");
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, but was " + maxBytes);
        }
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
        AtomicReference<BoundedBody> reader = new AtomicReference<>();
        CompletableFuture<HttpResponse<BoundedBody.Bytes>> exchange = client.sendAsync(timed, info -> {
            BoundedBody b = new BoundedBody(maxBytes);
            reader.set(b);
            return b;
        });
        HttpResponse<BoundedBody.Bytes> response;
        try {
            response = exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(exchange, reader);
            throw new HttpTimeoutException("no complete response within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            cancel(exchange, reader);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("no complete response within " + deadline.toMillis() + " ms");
            }
            throw new IOException("the exchange failed: " + cause.getClass().getSimpleName());
        }
        BoundedBody.Bytes bytes = response.body();
        return new Response(response.statusCode(), response.headers(), bytes.data(), bytes.truncated());
    }

    private static void cancel(CompletableFuture<?> exchange, AtomicReference<BoundedBody> reader) {
        exchange.cancel(true);
        BoundedBody b = reader.get();
        if (b != null) {
            b.cancel();
        }
    }
}
