package dev.tradepulse.http;

/**
 * A handler mounted on a {@link HealthServer} with {@link HealthServer.Builder#route}: request in,
 * response out. The server adds the headers every TradePulse response carries
 * ({@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}), answers {@code HEAD}
 * without a body, and turns whatever the route throws, Errors included, into a 500 without
 * details (logged at most once a minute, never sent).
 *
 * <pre>{@code
 * HealthServer.builder(health)
 *         .route("/version", request -> RouteResponse.json(200, "{\"version\":\"1.2\"}"))
 *         .start();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: the server calls a route from its worker threads,
 * several requests at once. A route may block (it holds one worker while it does).
 */
@FunctionalInterface
public interface Route {

    /**
     * Answers one request.
     *
     * @param request the request: method, path, query, headers and the server's token rule
     * @return the response
     * @throws Exception if the route fails; the client gets a 500 without details
     */
    RouteResponse handle(RouteRequest request) throws Exception;
}
