package dev.tradepulse.http.internal;

import org.eclipse.jetty.server.Handler;

/**
 * A Jetty handler the server mounts in front of its own routes, such as the status page's
 * WebSocket endpoint ({@code WebSocketUpgradeHandler} at {@code /ws}). The server calls
 * {@link #create} once while it starts, before it binds, and puts the handler after its guard
 * (Host allowlist, size limits, shutdown), so a mounted handler only sees requests the guard let
 * through. The handler is part of the server's handler tree: the server starts and stops it.
 * A handler that does not take a request returns {@code false} from {@code handle}, and the
 * server's own routes answer it.
 *
 * <p>Internal to monitoring-http: not a public API, no compatibility promise. Implementations
 * are registered with {@code StatusPage.Builder}'s package-private {@code mount(StreamMount)}.
 *
 * <p>Implementations must be thread-safe: {@link #create} runs on the thread that starts the
 * server, the handler on Jetty's worker threads.
 */
@FunctionalInterface
public interface StreamMount {

    /**
     * Creates the handler for one server.
     *
     * @param context what the server shares with its streams: slots, token rule, Host allowlist, the status model
     * @return the handler; not started (the server starts it)
     * @throws RuntimeException if the endpoint cannot be set up; the server then fails to start and releases what it took
     */
    Handler create(MountContext context);
}
