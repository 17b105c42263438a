package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.SinkException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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

/**
 * Posts JSON and turns the answer into success or a {@link SinkException}: 2xx is success; 429
 * and 5xx, timeouts and connection errors are retryable (with {@code Retry-After}, as seconds or
 * an HTTP-date, when given); other 4xx are permanent. {@code what} names the call in messages,
 * never the URL, which may hold a secret.
 */
final class HttpDelivery {

    /** One mapper for every sink's request bodies and the error replies some of them parse. */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A request body as JSON; bodies hold only strings, numbers, lists and maps, so a failure is a bug. */
    static byte[] json(Object body, String what) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + what, e);
        }
    }


    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    HttpDelivery(HttpClient client, Duration timeout, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The response of a successful call. */
    record Response(int status, String body) {
    }

    Response postJson(String what, URI uri, byte[] body, Map<String, String> headers) throws SinkException,
            InterruptedException {
        HttpResponse<String> response = send(what, uri, body, headers);
        return check(what, response, Optional.empty());
    }

    /** Sends; only transport failures throw here. */
    HttpResponse<String> send(String what, URI uri, byte[] body, Map<String, String> headers) throws SinkException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw SinkException.retryable(what + ": no response within " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            throw SinkException.retryable(what + ": " + e.getClass().getSimpleName(), null);
        }
        return response;
    }

    /** Maps a response to success or a SinkException; {@code bodyRetryAfter} wins over the header. */
    Response check(String what, HttpResponse<String> response, Optional<Duration> bodyRetryAfter) throws SinkException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Response(status, response.body());
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
