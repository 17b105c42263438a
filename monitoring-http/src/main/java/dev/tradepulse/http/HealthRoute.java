package dev.tradepulse.http;

import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.util.regex.Pattern;

/**
 * {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /health/{group}}:
 * 200 for healthy or degraded, 503 for unhealthy, details by the token rule.
 *
 * <p>Thread-safe: the registry is.
 */
final class HealthRoute implements Route {

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]+");

    private final HealthRegistry registry;

    HealthRoute(HealthRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return RouteResponse.json(405, HealthJson.error("method not allowed")).withHeader("Allow", "GET, HEAD");
        }
        String path = request.path();
        HealthReport report;
        if (path.equals("/health")) {
            report = registry.check();
        } else {
            String group = switch (path) {
                case "/health/live" -> HealthRegistry.LIVENESS;
                case "/health/ready" -> HealthRegistry.READINESS;
                default -> path.substring("/health/".length());
            };
            boolean known = group.equals(HealthRegistry.LIVENESS) || group.equals(HealthRegistry.READINESS)
                    || (GROUP.matcher(group).matches() && registry.hasGroup(group));
            if (!known) {
                return RouteResponse.json(404, HealthJson.error("no such health group"));
            }
            report = registry.check(group);
        }
        int code = report.status() == HealthStatus.UNHEALTHY ? 503 : 200;
        return RouteResponse.json(code, HealthJson.report(report, request.showsDetails()));
    }
}
