package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/** GETs an endpoint and judges it by status code and latency. The body is discarded. */
final class HttpCheck implements HealthCheck {

    private final HttpClient client;
    private final URI uri;
    private final Set<Integer> expected;
    private final Duration timeout;
    private final Duration degradedAbove;

    HttpCheck(HttpClient client, URI uri, Set<Integer> expected, Duration timeout, Duration degradedAbove) {
        this.client = client;
        this.uri = uri;
        this.expected = expected;
        this.timeout = timeout;
        this.degradedAbove = degradedAbove;
    }

    @Override
    public HealthResult check() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long start = System.nanoTime();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            return HealthResult.builder(HealthStatus.UNHEALTHY)
                    .message("no response within " + timeout.toMillis() + " ms")
                    .detail("endpoint", endpoint()).build();
        } catch (IOException e) {
            return HealthResult.builder(HealthStatus.UNHEALTHY)
                    .message("request failed: " + e.getClass().getSimpleName())
                    .detail("endpoint", endpoint()).build();
        }
        long nanos = System.nanoTime() - start;
        int code = response.statusCode();
        HealthStatus status = !expected.contains(code) ? HealthStatus.UNHEALTHY
                : nanos > degradedAbove.toNanos() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        HealthResult.Builder result = HealthResult.builder(status)
                .detail("endpoint", endpoint())
                .detail("status_code", code)
                .detail("latency_ms", nanos / 1_000 / 1000.0);
        if (status == HealthStatus.UNHEALTHY) {
            result.message("unexpected status " + code);
        } else if (status == HealthStatus.DEGRADED) {
            result.message("slow: " + nanos / 1_000_000 + " ms, above " + degradedAbove.toMillis() + " ms");
        }
        return result.build();
    }

    /** Scheme, host, port and path only: a query string may carry an API key. */
    private String endpoint() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }
}
