package dev.tradepulse.spring.boot.autoconfigure.web;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.http.Route;
import dev.tradepulse.http.RouteRequest;
import dev.tradepulse.http.RouteResponse;
import dev.tradepulse.http.StatusPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * TradePulse's status page on the application's own web server, under one path (such as
 * {@code /tradepulse}): {@code /} the page and its assets, {@code /status} the JSON snapshot and
 * {@code /events} the Server-Sent Events stream, from the {@link StatusPage} of the runtime.
 *
 * <p>TradePulse's token rule holds: a request shows details only with {@code Authorization: Bearer
 * <token>} ({@code tradepulse.server.token}, compared in constant time); the page takes the
 * token from its URL fragment, as on TradePulse's own server. Failures become a short JSON body,
 * never a stack trace. The page refers to its paths from the server's root; they are rewritten
 * to this path as they are served, and its footer links point at Actuator's health and
 * Prometheus endpoints.
 *
 * <p>Streams: unlike TradePulse's own server, whose streams hold no thread, a stream here holds
 * one request thread of the application's server while it is open, so at most
 * {@code tradepulse.status.max-streams} are open at once (clients without the token hold at most
 * half of them) and more get 503 with {@code Retry-After}. A stream sends the snapshot each
 * second, and ends when the client leaves or when the context starts closing (so that the web
 * server's graceful shutdown does not wait for it). The WebSocket stream is served on
 * TradePulse's own port only.
 *
 * <p>Thread-safe.
 */
public final class StatusServlet extends HttpServlet implements ApplicationListener<ContextClosedEvent> {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StatusServlet.class);
    private static final String EVENTS = "/events";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final transient Map<String, Route> routes;
    private final String path;
    private final String actuator;
    private final byte[] token;
    private final int maxStreams;
    private final int maxAnonymousStreams;
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicInteger anonymousStreams = new AtomicInteger();
    private final transient CountDownLatch closing = new CountDownLatch(1);
    private final transient LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));

    /**
     * @param page the runtime's status page
     * @param path the path it is mapped under, such as {@code /tradepulse}
     * @param actuator Actuator's base path, such as {@code /actuator}, for the page's footer links
     * @param token the bearer token that shows details
     * @param maxStreams most streams open at once
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxStreams} is below 1 or {@code token} is blank
     */
    public StatusServlet(StatusPage page, String path, String actuator, String token, int maxStreams) {
        this.routes = Checks.notNull(page, "page").routes();
        this.path = Checks.notNull(path, "path");
        this.actuator = Checks.notNull(actuator, "actuator");
        this.token = Checks.notBlank(token, "token").getBytes(StandardCharsets.UTF_8);
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1, got " + maxStreams);
        }
        this.maxStreams = maxStreams;
        this.maxAnonymousStreams = (maxStreams + 1) / 2;
    }

    /** Ends every open stream: the context is closing. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.countDown();
    }

    /** @return streams open now */
    public int openStreams() {
        return streams.get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sub = request.getPathInfo();
        String base = request.getContextPath() + path;
        if (sub == null || sub.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", base + "/");
            return;
        }
        boolean authenticated = authenticated(request.getHeader("Authorization"));
        if (sub.equals(EVENTS)) {
            events(request, response, authenticated);
            return;
        }
        Route route = routes.get(sub);
        RouteResponse answer = route == null ? RouteResponse.json(404, "{\"error\":\"not found\"}")
                : call(route, new Request(request, sub, authenticated));
        write(response, rewrite(sub, answer, base), request.getMethod().equals("HEAD"));
    }

    private RouteResponse call(Route route, RouteRequest request) {
        try {
            return route.handle(request);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            failed(e);
            return RouteResponse.json(500, "{\"error\":\"internal error\"}");
        }
    }

    private void events(HttpServletRequest request, HttpServletResponse response, boolean authenticated)
            throws IOException {
        if (!request.getMethod().equals("GET")) {
            response.setHeader("Allow", "GET");
            write(response, RouteResponse.json(405, "{\"error\":\"method not allowed\"}"), false);
            return;
        }
        Route status = routes.get("/status");
        if (status == null || !reserve(authenticated)) {
            write(response, RouteResponse.json(503, "{\"error\":\"too many streams\"}").withHeader("Retry-After", "5"),
                    false);
            return;
        }
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream; charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            OutputStream out = response.getOutputStream();
            RouteRequest snapshot = new Request(request, "/status", authenticated);
            byte[] last = new byte[0];
            long lastWrite = System.nanoTime();
            while (closing.getCount() > 0) {
                byte[] json = call(status, snapshot).body();
                long now = System.nanoTime();
                if (!Arrays.equals(json, last)) {
                    out.write("event: status\ndata: ".getBytes(StandardCharsets.UTF_8));
                    out.write(json);
                    out.write("\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    last = json;
                    lastWrite = now;
                } else if (now - lastWrite >= HEARTBEAT.toNanos()) {
                    out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = now;
                }
                if (closing.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (IOException clientLeft) {
            // the client went away: the stream ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release(authenticated);
        }
    }

    private boolean reserve(boolean authenticated) {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            return false;
        }
        if (!authenticated && anonymousStreams.incrementAndGet() > maxAnonymousStreams) {
            anonymousStreams.decrementAndGet();
            streams.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release(boolean authenticated) {
        if (!authenticated) {
            anonymousStreams.decrementAndGet();
        }
        streams.decrementAndGet();
    }

    boolean authenticated(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The page and its script name their paths from the root: here they live under the servlet's path. */
    private RouteResponse rewrite(String sub, RouteResponse r, String base) {
        if (r.status() != 200 || !(sub.equals("/") || sub.endsWith(".js") || sub.endsWith(".html"))) {
            return r;
        }
        String text = new String(r.body(), StandardCharsets.UTF_8)
                .replace("\"/assets/", "\"" + base + "/assets/")
                .replace("\"/status\"", "\"" + base + "/status\"")
                .replace("\"/events\"", "\"" + base + "/events\"")
                .replace("href=\"/health\"", "href=\"" + actuator + "/health\"")
                .replace("href=\"/metrics\"", "href=\"" + actuator + "/prometheus\"");
        RouteResponse out = RouteResponse.of(r.status(), r.contentType(), text.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return out;
    }

    private static void write(HttpServletResponse response, RouteResponse r, boolean head) throws IOException {
        response.setStatus(r.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        r.headers().forEach(response::setHeader);
        response.setContentType(r.contentType());
        byte[] body = r.body();
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private void failed(Throwable e) {
        try {
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("TradePulse's status page failed a request (answered 500): {}", LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // the client already has its 500; a broken log must not fail the request
        }
    }

    /** One servlet request as a {@link Route} sees it. */
    private static final class Request implements RouteRequest {
        private final HttpServletRequest request;
        private final String path;
        private final boolean authenticated;

        Request(HttpServletRequest request, String path, boolean authenticated) {
            this.request = request;
            this.path = path;
            this.authenticated = authenticated;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public @Nullable String query() {
            return request.getQueryString();
        }

        @Override
        public @Nullable String header(String name) {
            return request.getHeader(Checks.notNull(name, "name"));
        }

        @Override
        public List<String> headers(String name) {
            return Collections.list(request.getHeaders(Checks.notNull(name, "name")));
        }

        @Override
        public boolean authenticated() {
            return authenticated;
        }

        @Override
        public boolean showsDetails() {
            return authenticated;
        }
    }
}
