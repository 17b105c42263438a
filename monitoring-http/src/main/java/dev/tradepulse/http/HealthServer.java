package dev.tradepulse.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /health}, {@code /health/live}, {@code /health/ready} and
 * {@code /health/{group}} on the JDK's built-in HTTP server, plus any routes mounted with
 * {@link Builder#route}. 200 for healthy or degraded, 503 for unhealthy, always
 * {@code Cache-Control: no-store}.
 *
 * <p>Secure by default: it binds 127.0.0.1, shows component messages and details only to
 * requests bearing the configured token (compared in constant time, never logged), never
 * sends a stack trace, bounds its worker pool, and rejects oversized request lines (414) and
 * headers (431).
 *
 * <p>Loading this class sets the JVM-wide system property {@code sun.net.httpserver.nodelay} to
 * {@code true}, unless the application set it: without it the JDK server holds each response
 * about 40 ms (Nagle's algorithm against the client's delayed ACK). It affects every JDK
 * {@code HttpServer} created afterwards in the same JVM.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body as separate segments; with Nagle's algorithm on,
        // the client's delayed ACK then holds every response for ~40 ms. The property is read
        // once, when the JDK creates its first server, so it is set here unless the user chose.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final HealthRegistry registry;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final DetailVisibility visibility;
    private final byte @Nullable [] token;
    private final Map<String, HttpHandler> routes;
    private final @Nullable StatusPage statusPage;
    private final java.util.Set<String> statusPaths;
    private final HttpHandler statusHandler;
    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final Duration shutdownGrace;
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final Object inFlightLock = new Object();
    private int inFlight;
    private boolean closing;

    private HealthServer(Builder b) throws IOException {
        this.registry = b.registry;
        this.visibility = b.visibility;
        this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
        StatusPage page = b.statusPage;
        this.statusPage = page;
        this.statusPaths = page == null ? java.util.Set.of() : page.paths();
        // without a page no path routes to this handler
        this.statusHandler = page == null ? exchange -> sendJson(exchange, 404, HealthJson.error("not found"))
                : exchange -> page.handle(exchange, showsDetailsTo(exchange));
        this.routes = Map.copyOf(b.routes);
        this.maxRequestLine = b.maxRequestLine;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.shutdownGrace = b.shutdownGrace;
        AtomicInteger n = new AtomicInteger();
        // Each status stream holds a worker, so streams never starve /health.
        int threads = statusPage == null ? b.workers : b.workers + statusPage.maxStreams();
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.queue), task -> {
                    Thread t = new Thread(task, "tradepulse-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), b.backlog);
        this.server.setExecutor(workers);
        this.server.createContext("/", this::dispatch);
        this.server.start();
        LOG.info("Health endpoint listening on {}", uri());
    }

    /**
     * Starts configuring a server for this registry.
     *
     * @param registry the checks to serve
     * @return a builder
     */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(registry);
    }

    /**
     * The port actually bound (useful with port 0).
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The base URI, such as {@code http://127.0.0.1:8080}.
     *
     * @return the URI
     */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /**
     * Whether a request may see details: by visibility and, when needed, its bearer token.
     * Routes mounted on this server use it to apply the same rule.
     *
     * @param exchange the request
     * @return true if details may be shown
     */
    public boolean showsDetailsTo(HttpExchange exchange) {
        return switch (visibility) {
            case NEVER -> false;
            case ALWAYS -> true;
            case WHEN_AUTHORIZED -> authorized(exchange.getRequestHeaders());
        };
    }

    private boolean authorized(Headers headers) {
        if (token == null) {
            return false;
        }
        String header = headers.getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, token);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        synchronized (inFlightLock) {
            if (closing) {
                exchange.getResponseHeaders().set("Connection", "close");
                sendJson(exchange, 503, HealthJson.error("shutting down"));
                exchange.close();
                return;
            }
            inFlight++;
        }
        // Closed in finally, not try-with-resources: the catch below must still be able to answer.
        try {
            serve(exchange);
        } catch (Throwable e) {
            // Routes are user code: an Error must still get an answer, or the client sees an empty reply.
            failed(exchange, e);
        } finally {
            exchange.close();
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    private void failed(HttpExchange exchange, Throwable e) {
        try {
            // any client can repeat the request, so at most one line a minute
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("HTTP handler failed on {} (logged at most once a minute): {}",
                        LogText.clean(exchange.getRequestURI().getRawPath()), LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // answer the request even if the log is broken
        }
        try {
            sendJson(exchange, 500, HealthJson.error("internal error"));
        } catch (Throwable ignored) {
            // the response had already started; closing the exchange ends it
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestMethod().length() + exchange.getRequestURI().toString().length() > maxRequestLine) {
            sendJson(exchange, 414, HealthJson.error("request line too long"));
            return;
        }
        if (headerBytes(exchange.getRequestHeaders()) > maxHeaderBytes) {
            sendJson(exchange, 431, HealthJson.error("request headers too large"));
            return;
        }
        HttpHandler route = routeFor(path);
        if (route != null) {
            route.handle(exchange);
            return;
        }
        if (!path.equals("/health") && !path.startsWith("/health/")) {
            sendJson(exchange, 404, HealthJson.error("not found"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            sendJson(exchange, 405, HealthJson.error("method not allowed"));
            return;
        }
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
                    || (group.matches("[A-Za-z0-9_.-]+") && registry.hasGroup(group));
            if (!known) {
                sendJson(exchange, 404, HealthJson.error("no such health group"));
                return;
            }
            report = registry.check(group);
        }
        int code = report.status() == HealthStatus.UNHEALTHY ? 503 : 200;
        sendJson(exchange, code, HealthJson.report(report, showsDetailsTo(exchange)));
    }

    private @Nullable HttpHandler routeFor(String path) {
        HttpHandler exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        if (statusPaths.contains(path)) {
            return statusHandler;
        }
        for (Map.Entry<String, HttpHandler> e : routes.entrySet()) {
            if (e.getKey().endsWith("/") && path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static int headerBytes(Headers headers) {
        int total = 0;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                total += e.getKey().length() + v.length() + 4;
            }
        }
        return total;
    }

    /**
     * Sends a JSON response with the headers every TradePulse response carries; no body for HEAD.
     *
     * @param exchange the exchange
     * @param code the status code
     * @param body the JSON bytes
     * @throws IOException if the client went away
     */
    public static void sendJson(HttpExchange exchange, int code, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Answers new requests with 503, lets requests in progress finish within the grace period,
     * then stops the server and its workers.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        if (statusPage != null) {
            statusPage.closeStreams();
        }
        synchronized (inFlightLock) {
            closing = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        server.stop(0);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "HealthServer[" + uri() + ", details " + visibility + ", token " + (token == null ? "unset" : "set") + "]";
    }

    /** Configures a server; {@link #start()} binds it. */
    public static final class Builder {
        private final HealthRegistry registry;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private DetailVisibility visibility = DetailVisibility.WHEN_AUTHORIZED;
        private @Nullable String token;
        private int workers = 4;
        private int queue = 256;
        private int backlog = 64;
        private int maxRequestLine = 4096;
        private int maxHeaderBytes = 8192;
        private Duration shutdownGrace = Duration.ofSeconds(1);
        private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
        private @Nullable StatusPage statusPage;

        private Builder(HealthRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
        }

        /**
         * Binds to this address instead of 127.0.0.1. Opening the endpoint beyond the machine
         * is a decision; make it explicitly, with a token set.
         *
         * @param address the address, such as {@code 0.0.0.0}
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address must not be null");
            return this;
        }

        /**
         * The port; 0 takes a free ephemeral one. The default is 8080.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * When messages and details are shown; the default is {@link DetailVisibility#WHEN_AUTHORIZED}.
         *
         * @param visibility the visibility
         * @return this builder
         */
        public Builder detailVisibility(DetailVisibility visibility) {
            this.visibility = Objects.requireNonNull(visibility, "visibility must not be null");
            return this;
        }

        /**
         * The bearer token that unlocks details. Never logged or shown.
         *
         * @param token at least 16 characters
         * @return this builder
         */
        public Builder bearerToken(String token) {
            Objects.requireNonNull(token, "token must not be null");
            if (token.length() < 16) {
                throw new IllegalArgumentException("token must be at least 16 characters");
            }
            this.token = token;
            return this;
        }

        /**
         * Worker threads serving requests; the default is 4.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder workers(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.workers = threads;
            return this;
        }

        /**
         * Mounts a handler at an exact path, or at every path below it if it ends with '/'.
         * Routes win over {@code /health}. The handler's unexpected exceptions become a 500
         * without details.
         *
         * @param path a path starting with '/'
         * @param handler the handler
         * @return this builder
         */
        public Builder route(String path, HttpHandler handler) {
            Objects.requireNonNull(path, "path must not be null");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', got: " + path);
            }
            routes.put(path, Objects.requireNonNull(handler, "handler must not be null"));
            return this;
        }

        /**
         * Serves a status page at {@code /}, {@code /status} and {@code /events}, under the
         * same token rule as {@code /health} details. Routes mounted at exactly those paths win.
         *
         * @param page the page
         * @return this builder
         */
        public Builder statusPage(StatusPage page) {
            this.statusPage = Objects.requireNonNull(page, "page must not be null");
            return this;
        }

        /**
         * How long {@link HealthServer#close()} waits for requests in progress; the default is 1 second.
         *
         * @param grace zero or more
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace must not be null");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative");
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        public HealthServer start() throws IOException {
            return new HealthServer(this);
        }
    }
}
