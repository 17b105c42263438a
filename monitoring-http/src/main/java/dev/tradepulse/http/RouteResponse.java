package dev.tradepulse.http;

import dev.tradepulse.api.support.Checks;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Route} answers: a status, a content type, extra headers and a body. Immutable;
 * {@link #withHeader} returns a copy.
 *
 * <p>Thread-safe (immutable). The body array is copied in and out, so neither side can change it.
 */
public final class RouteResponse {

    private static final String JSON = "application/json; charset=utf-8";
    /** Headers the server owns: a route cannot set them. */
    private static final Set<String> RESERVED = Set.of("content-length", "content-type", "transfer-encoding",
            "connection");

    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final byte[] body;

    private RouteResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A JSON response.
     *
     * @param status 100 to 599
     * @param json the UTF-8 JSON bytes
     * @return the response
     * @throws IllegalArgumentException if {@code status} is outside 100..599
     * @throws NullPointerException if {@code json} is null
     */
    public static RouteResponse json(int status, byte[] json) {
        return of(status, JSON, json);
    }

    /**
     * A JSON response from text.
     *
     * @param status 100 to 599
     * @param json the JSON text
     * @return the response
     * @throws IllegalArgumentException if {@code status} is outside 100..599
     * @throws NullPointerException if {@code json} is null
     */
    public static RouteResponse json(int status, String json) {
        return json(status, Checks.notNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response of any content type.
     *
     * @param status 100 to 599
     * @param contentType such as {@code text/plain; charset=utf-8}
     * @param body the body bytes
     * @return the response
     * @throws IllegalArgumentException if {@code status} is outside 100..599 or {@code contentType} is blank
     * @throws NullPointerException if an argument is null
     */
    public static RouteResponse of(int status, String contentType, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, got " + status);
        }
        Checks.notBlank(contentType, "contentType");
        return new RouteResponse(status, contentType, Map.of(), Checks.notNull(body, "body").clone());
    }

    /**
     * A copy with one more header (replacing one of the same name).
     *
     * @param name the header name; not one the server sets itself (Content-Length, Content-Type, ...)
     * @param value the value, without CR or LF
     * @return the copy
     * @throws IllegalArgumentException if the name is reserved or blank, or either contains CR or LF
     * @throws NullPointerException if an argument is null
     */
    public RouteResponse withHeader(String name, String value) {
        Checks.notBlank(name, "name");
        Checks.notNull(value, "value");
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("name is set by the server, not by a route: " + name);
        }
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("name and value must not contain CR or LF");
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RouteResponse(status, contentType, Map.copyOf(copy), body);
    }

    /**
     * The status code.
     *
     * @return 100 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The content type.
     *
     * @return the content type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The extra headers.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "RouteResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
