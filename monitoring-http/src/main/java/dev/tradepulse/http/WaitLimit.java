package dev.tradepulse.http;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many requests may wait on the health registry or the status page at once, so that
 * requests held by a slow check never take every server thread: {@code /health/live} and the
 * quick answers keep threads of their own. A request beyond the bound is not queued; it gets
 * 503 with {@code Retry-After: 1} at once.
 *
 * <p>Thread-safe: one limit is shared by the routes it wraps, on every worker.
 */
final class WaitLimit {

    private final Semaphore permits;

    WaitLimit(int permits) {
        this.permits = new Semaphore(permits);
    }

    /** The route, answering 503 when the bound is reached instead of waiting. */
    Route around(Route route) {
        return request -> {
            if (!permits.tryAcquire()) {
                return RouteResponse.json(503, HealthJson.error("busy, retry later"))
                        .withHeader("Retry-After", "1");
            }
            try {
                return route.handle(request);
            } finally {
                permits.release();
            }
        };
    }
}
