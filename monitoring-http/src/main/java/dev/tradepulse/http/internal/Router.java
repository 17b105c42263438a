package dev.tradepulse.http.internal;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.http.Route;
import dev.tradepulse.http.RouteRequest;
import dev.tradepulse.http.RouteResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Finds the {@link Route} for a path (an exact route first, then the first route mounted at a
 * prefix of it) and answers with what it returns. Whatever a route throws, Errors included,
 * becomes a 500 without details, logged at most once a minute. Paths no route takes fall
 * through ({@code handle} returns false; the guard answers 404).
 *
 * <p>Thread-safe: the tables are immutable; routes run on Jetty's workers, several at once.
 */
public final class Router extends Handler.Abstract {

    private final Map<String, Route> exact;
    private final List<Map.Entry<String, Route>> prefixes;
    private final BearerAuth auth;
    private final Logger log;
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));

    /**
     * Creates the router.
     *
     * @param exact routes by exact path
     * @param prefixes routes by path prefix (each ending in '/'), tried in order
     * @param auth the token rule routes see
     * @param log where failures are logged
     */
    public Router(Map<String, Route> exact, Map<String, Route> prefixes, BearerAuth auth, Logger log) {
        super(InvocationType.BLOCKING);
        this.exact = Map.copyOf(exact);
        this.prefixes = List.copyOf(new ArrayList<>(new LinkedHashMap<>(prefixes).entrySet()));
        this.auth = auth;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Route route = routeFor(path == null ? "/" : path);
        if (route == null) {
            return false;
        }
        RouteResponse answer;
        try {
            answer = route.handle(new JettyRouteRequest(request, auth));
            if (answer == null) {
                throw new IllegalStateException("route returned null");
            }
        } catch (Throwable e) {
            failed(path, e);
            Responses.error(response, callback, 500, "internal error");
            return true;
        }
        try {
            Responses.send(response, callback, answer.status(), answer.contentType(), answer.body(), answer.headers());
        } catch (Throwable e) {
            failed(path, e);
            callback.failed(e);
        }
        return true;
    }

    private @Nullable Route routeFor(String path) {
        Route r = exact.get(path);
        if (r != null) {
            return r;
        }
        for (Map.Entry<String, Route> e : prefixes) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private void failed(@Nullable String path, Throwable e) {
        try {
            // any client can repeat the request, so at most one line a minute
            if (failureLog.tryAcquire(System.nanoTime())) {
                log.warn("HTTP handler failed on {} (logged at most once a minute): {}",
                        LogText.clean(path == null ? "" : path), LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // answer the request even if the log is broken
        }
    }

    /** A Jetty request as a {@link RouteRequest}. */
    private static final class JettyRouteRequest implements RouteRequest {
        private final Request request;
        private final BearerAuth auth;

        JettyRouteRequest(Request request, BearerAuth auth) {
            this.request = request;
            this.auth = auth;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            String p = request.getHttpURI().getPath();
            return p == null ? "/" : p;
        }

        @Override
        public @Nullable String query() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public @Nullable String header(String name) {
            return request.getHeaders().get(requireName(name));
        }

        @Override
        public List<String> headers(String name) {
            return request.getHeaders().getValuesList(requireName(name));
        }

        @Override
        public boolean authenticated() {
            return auth.authenticated(headers());
        }

        @Override
        public boolean showsDetails() {
            return auth.showsDetails(headers());
        }

        private HttpFields headers() {
            return request.getHeaders();
        }

        private static String requireName(String name) {
            if (name == null) {
                throw new NullPointerException("name must not be null");
            }
            return name;
        }
    }
}
