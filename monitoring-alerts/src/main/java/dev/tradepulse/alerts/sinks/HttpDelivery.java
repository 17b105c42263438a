package dev.tradepulse.alerts.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.alert.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts JSON and turns the answer into success or a {@link SinkException}: 2xx is success; 429
 * and 5xx, timeouts and connection errors are retryable (with {@code Retry-After}, as seconds or
 * an HTTP-date, when given); other 4xx are permanent. {@code what} names the call in messages,
 * never the URL, which may hold a secret.
 *
 * <p>A hostile or broken provider cannot hold or flood the caller: one deadline covers the whole
 * exchange, headers and body, and at most {@code maxResponseBytes} of any body are kept (the rest
 * is not read: the connection is closed instead).
 */
final class HttpDelivery {

    /** One mapper for every sink's request bodies and the error replies some of them parse. */
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request body as JSON; bodies hold only strings, numbers, lists and maps, so a failure is a bug. */
    static byte[] json(Object body, String what) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + what, e);
        }
    }


    /** The default for {@link #maxResponseBytes}: enough for any provider's error JSON. */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
    /** The default deadline for one whole exchange: connecting, sending, headers and body. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final int maxResponseBytes;

    HttpDelivery(HttpClient client, Duration timeout, Clock clock) {
        this(client, timeout, clock, DEFAULT_MAX_RESPONSE_BYTES);
    }

    HttpDelivery(HttpClient client, Duration timeout, Clock clock, int maxResponseBytes) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** @return the deadline of one whole exchange */
    Duration timeout() {
        return timeout;
    }

    /** A deadline {@link #timeout()} from now, for sinks that make several calls per delivery. */
    long deadlineFromNow() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * A response: its status, headers and at most {@code maxResponseBytes} of its body, decoded as
     * UTF-8 (a cut character becomes U+FFFD).
     */
    record Response(int status, HttpHeaders headers, String body, boolean truncated) {
    }

    Response postJson(String what, URI uri, byte[] body, Map<String, String> headers) throws SinkException,
            InterruptedException {
        return postJson(what, uri, body, headers, deadlineFromNow());
    }

    Response postJson(String what, URI uri, byte[] body, Map<String, String> headers, long deadlineNanos)
            throws SinkException, InterruptedException {
        return check(what, send(what, uri, body, headers, deadlineNanos), Optional.empty());
    }

    /** Sends; only transport failures throw here. */
    Response send(String what, URI uri, byte[] body, Map<String, String> headers) throws SinkException,
            InterruptedException {
        return send(what, uri, body, headers, deadlineFromNow());
    }

    /**
     * Sends, and has the whole exchange done by {@code deadlineNanos} ({@link System#nanoTime()}):
     * the request's own timeout covers only the wait for headers, so a body that drips would
     * otherwise hold the caller for ever. Past the deadline the exchange is cancelled, which
     * closes its connection. Only transport failures throw here.
     */
    Response send(String what, URI uri, byte[] body, Map<String, String> headers, long deadlineNanos)
            throws SinkException, InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw SinkException.retryable(what + ": no time left within " + timeout.toMillis() + " ms", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        AtomicReference<BoundedBody> reader = new AtomicReference<>();
        CompletableFuture<HttpResponse<BoundedBody.Bytes>> exchange = client.sendAsync(request.build(), info -> {
            BoundedBody b = new BoundedBody(maxResponseBytes);
            reader.set(b);
            return b;
        });
        HttpResponse<BoundedBody.Bytes> response;
        try {
            response = exchange.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(exchange, reader);
            throw SinkException.retryable(what + ": no complete response within " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            cancel(exchange, reader);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) { // the headers were late: the same deadline
                throw SinkException.retryable(what + ": no complete response within " + timeout.toMillis() + " ms", null);
            }
            // Only the type: messages of connection errors may carry the URL, which may be a secret.
            throw SinkException.retryable(what + ": " + cause.getClass().getSimpleName(), null);
        }
        BoundedBody.Bytes bytes = response.body();
        return new Response(response.statusCode(), response.headers(),
                new String(bytes.data(), StandardCharsets.UTF_8), bytes.truncated());
    }

    private static void cancel(CompletableFuture<?> exchange, AtomicReference<BoundedBody> reader) {
        exchange.cancel(true);
        BoundedBody b = reader.get();
        if (b != null) {
            b.cancel();
        }
    }

    /** Maps a response to success or a SinkException; {@code bodyRetryAfter} wins over the header. */
    Response check(String what, Response response, Optional<Duration> bodyRetryAfter) throws SinkException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        String brief = what + ": HTTP " + status;
        if (status == 429 || status >= 500) {
            throw SinkException.retryable(brief, bodyRetryAfter.or(() -> retryAfter(response.headers()
                    .firstValue("Retry-After"))).orElse(null));
        }
        throw SinkException.permanent(brief);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
