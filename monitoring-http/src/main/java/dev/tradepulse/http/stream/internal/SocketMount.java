package dev.tradepulse.http.stream.internal;

import dev.tradepulse.http.internal.MountContext;
import dev.tradepulse.http.internal.StreamMount;
import dev.tradepulse.http.internal.StreamSlots;
import dev.tradepulse.http.stream.MessageType;
import dev.tradepulse.http.stream.StatusStreamConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * Mounts the status stream on one server: a Jetty WebSocket upgrade handler at the configured
 * path, with the stream's hub as a managed bean. The handshake applies the server's rules: the
 * {@code Origin} against the Host allowlist (403), the token rule for details (from the
 * {@code Authorization} header or the {@code bearer.} subprotocol), a slot from the pool the SSE
 * stream uses, authenticated clients first (503 with {@code Retry-After} when none is free).
 *
 * <p>Internal to monitoring-http: no compatibility promise. Thread-safe.
 */
public final class SocketMount implements StreamMount {

    private final StatusStreamConfig config;
    private final StreamCounters counters;

    /**
     * Creates the mount.
     *
     * @param config the stream's settings
     * @param counters where its endpoints count
     */
    public SocketMount(StatusStreamConfig config, StreamCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    @Override
    public Handler create(MountContext context) {
        StreamHub hub = new StreamHub(context, config, counters);
        WebSocketUpgradeHandler handler = WebSocketUpgradeHandler.from(context.server(), container -> {
            container.setIdleTimeout(config.idleTimeout());
            container.setMaxTextMessageSize(config.maxClientMessageChars());
            container.setMaxBinaryMessageSize(config.maxClientMessageChars());
            container.addMapping(config.path(), (request, response, callback) ->
                    upgrade(context, hub, request, response, callback));
        });
        handler.addManaged(hub);
        return handler;
    }

    private @Nullable Object upgrade(MountContext context, StreamHub hub, ServerUpgradeRequest request,
            ServerUpgradeResponse response, Callback callback) {
        if (!context.originAllowed(request.getHeaders().get(HttpHeader.ORIGIN))) {
            return refuse(response, callback, 403, "origin not allowed", false);
        }
        List<String> offered = request.getSubProtocols();
        Request asked = request;
        String token = null;
        for (String p : offered) {
            if (p.startsWith(MessageType.BEARER_SUBPROTOCOL_PREFIX)) {
                token = decode(p.substring(MessageType.BEARER_SUBPROTOCOL_PREFIX.length()));
            }
        }
        if (!offered.isEmpty()) {
            if (!offered.contains(MessageType.SUBPROTOCOL)) {
                return refuse(response, callback, 400, "offer the " + MessageType.SUBPROTOCOL + " subprotocol", false);
            }
            response.setAcceptedSubProtocol(MessageType.SUBPROTOCOL); // never the one that carries the token
        }
        if (token != null && request.getHeaders().get(HttpHeader.AUTHORIZATION) == null) {
            asked = withBearer(request, token);
        }
        boolean authenticated = context.authenticated(asked);
        boolean details = context.showsDetails(asked);
        StreamSlots.Slot slot = context.slots().acquire(authenticated);
        if (slot == null) {
            counters.refused.increment();
            return refuse(response, callback, 503, "too many status streams", true);
        }
        String strategy = Request.extractQueryParameters(request).getValue("strategy");
        return new StreamSession(hub, details, slot, strategy, config.maxQueuedMessages(), counters,
                context.clock());
    }

    /** The token from the subprotocol: unpadded base64url of its UTF-8 bytes; null if it is not that. */
    private static @Nullable String decode(String encoded) {
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request as the token rule sees it: with the subprotocol's token as its bearer token. */
    private static Request withBearer(Request request, String token) {
        HttpFields headers = HttpFields.build(request.getHeaders())
                .put(new HttpField(HttpHeader.AUTHORIZATION, "Bearer " + token)).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        };
    }

    private static @Nullable Object refuse(ServerUpgradeResponse response, Callback callback, int status,
            String message, boolean retry) {
        byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (retry) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return null;
    }
}
