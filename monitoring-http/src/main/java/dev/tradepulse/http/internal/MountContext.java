package dev.tradepulse.http.internal;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.health.HealthRegistry;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * What a server shares with a {@link StreamMount}: the stream slots (the same pool as the SSE
 * stream {@code /events}), the token rule, the Host allowlist, and the status page's model.
 *
 * <p>Internal to monitoring-http: not a public API, no compatibility promise.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public interface MountContext {

    /**
     * The Jetty server the handler belongs to (for {@code WebSocketUpgradeHandler.from(server, ...)}).
     *
     * @return the server, not yet started
     */
    Server server();

    /**
     * The stream slots shared with {@code /events}: take one per open stream, authenticated first.
     *
     * @return the slots
     */
    StreamSlots slots();

    /**
     * Whether the request carries the server's bearer token (compared in constant time).
     *
     * @param request the request
     * @return true if authenticated
     */
    boolean authenticated(Request request);

    /**
     * Whether the request may see details: by the server's detail visibility and its token.
     *
     * @param request the request
     * @return true if details may be shown
     */
    boolean showsDetails(Request request);

    /**
     * Whether a browser {@code Origin} header names a host on the server's Host allowlist
     * (for the WebSocket handshake's origin check). A missing origin (a non-browser client) is allowed.
     *
     * @param origin the {@code Origin} header, such as {@code http://localhost:8080}, or null
     * @return true if allowed
     */
    boolean originAllowed(@Nullable String origin);

    /**
     * The {@code /status} JSON snapshot, cached like the SSE stream's.
     *
     * @param details whether to include details
     * @return the JSON bytes
     */
    byte[] statusJson(boolean details);

    /**
     * The health registry behind the page.
     *
     * @return the registry
     */
    HealthRegistry registry();

    /**
     * The page's sections after the health cards, in order.
     *
     * @return the sections
     */
    List<StatusSection> sections();

    /**
     * The page's clock.
     *
     * @return the clock
     */
    Clock clock();
}
