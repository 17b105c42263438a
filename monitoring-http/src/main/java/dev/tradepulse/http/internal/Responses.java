package dev.tradepulse.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the responses every TradePulse endpoint sends: JSON errors and bodies with
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}. Jetty sends no
 * body for {@code HEAD} and sets {@code Content-Length} from the one write.
 *
 * <p>Thread-safe (stateless).
 */
public final class Responses {

    /** The JSON content type. */
    public static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /**
     * A JSON error body, {@code {"error":"..."}}; the message is a fixed text, never user input.
     *
     * @param message the message, plain ASCII without quotes
     * @return the bytes
     */
    public static byte[] errorJson(String message) {
        return ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a JSON error and completes the callback.
     *
     * @param response the response
     * @param callback completed when written
     * @param status the status
     * @param message the message, plain ASCII without quotes
     */
    public static void error(Response response, Callback callback, int status, String message) {
        send(response, callback, status, JSON, errorJson(message), Map.of());
    }

    /**
     * Sends a body with the security headers and completes the callback.
     *
     * @param response the response
     * @param callback completed when written
     * @param status the status
     * @param contentType the content type
     * @param body the body
     * @param extra more headers (set after, so they may override Cache-Control)
     */
    public static void send(Response response, Callback callback, int status, String contentType, byte[] body,
            Map<String, String> extra) {
        response.setStatus(status);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, contentType);
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        extra.forEach(h::put);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Headers as a map, for {@link #send}.
     *
     * @param pairs name, value, name, value...
     * @return the map, in order
     */
    public static Map<String, String> headers(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /**
     * The request line's length: method, space, the URI as sent.
     *
     * @param request the request
     * @return characters
     */
    public static int requestLineLength(Request request) {
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        return request.getMethod().length() + 1 + (path == null ? 0 : path.length())
                + (query == null ? 0 : query.length() + 1);
    }
}
