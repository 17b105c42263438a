package dev.tradepulse.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /metrics}: the Prometheus text exposition from a scrape function, optionally only for
 * requests with the bearer token (401 otherwise). A scrape that throws becomes a 500 without
 * details (the router's rule).
 *
 * <p>Thread-safe if the scrape function is (Micrometer's Prometheus registry is).
 */
final class MetricsRoute implements Route {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final boolean requireToken;

    MetricsRoute(Supplier<String> scrape, boolean requireToken) {
        this.scrape = scrape;
        this.requireToken = requireToken;
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return RouteResponse.json(405, HealthJson.error("method not allowed")).withHeader("Allow", "GET, HEAD");
        }
        if (requireToken && !request.authenticated()) {
            return RouteResponse.json(401, HealthJson.error("unauthorized")).withHeader("WWW-Authenticate", "Bearer");
        }
        String text = scrape.get();
        if (text == null) {
            throw new IllegalStateException("the scrape function returned null");
        }
        return RouteResponse.of(200, CONTENT_TYPE, text.getBytes(StandardCharsets.UTF_8));
    }
}
