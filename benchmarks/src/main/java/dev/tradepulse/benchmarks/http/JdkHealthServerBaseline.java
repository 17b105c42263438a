package dev.tradepulse.benchmarks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * THE OLD SERVER, KEPT ONLY FOR COMPARISON: TradePulse's {@code HealthServer} as it was on the
 * JDK {@code com.sun.net.httpserver.HttpServer} before issue 13 moved it onto Jetty 12 (taken from
 * {@code git show main:monitoring-http/src/main/java/dev/tradepulse/http/HealthServer.java}). The
 * {@code /health} path is the old one: the same worker pool (4 workers, a queue of 256, backlog
 * 64), the same 414/431 checks, the same JSON body, the same {@code nodelay} setting. What the
 * benchmarks do not exercise is left out: custom routes, the status page, the bearer token and
 * graceful drain (details are never shown). Do not use it for anything but a baseline: it is the
 * server that falls to a dozen idle sockets.
 *
 * <p>Thread safety: built and closed from one thread; requests are served on its workers.
 */
public final class JdkHealthServerBaseline implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 8192;

    static {
        // what the old server set at class load (the JDK reads it once, at its first server)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HealthRegistry registry;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;

    /**
     * Starts the old server on the loopback address.
     *
     * @param registry the checks to serve
     * @param port the port, 0 for any free one
     * @throws IOException if the port cannot be bound
     */
    public JdkHealthServerBaseline(HealthRegistry registry, int port) throws IOException {
        this.registry = registry;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), task -> {
            Thread t = new Thread(task, "old-jdk-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.workers.allowCoreThreadTimeOut(true);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.server.setExecutor(workers);
        this.server.createContext("/", this::dispatch);
        this.server.start();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal error"));
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestMethod().length() + exchange.getRequestURI().toString().length() > MAX_REQUEST_LINE) {
            send(exchange, 414, error("request line too long"));
            return;
        }
        if (headerBytes(exchange.getRequestHeaders()) > MAX_HEADER_BYTES) {
            send(exchange, 431, error("request headers too large"));
            return;
        }
        if (!path.equals("/health") && !path.startsWith("/health/")) {
            send(exchange, 404, error("not found"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, error("method not allowed"));
            return;
        }
        HealthReport report = switch (path) {
            case "/health" -> registry.check();
            case "/health/live" -> registry.check(HealthRegistry.LIVENESS);
            case "/health/ready" -> registry.check(HealthRegistry.READINESS);
            default -> null;
        };
        if (report == null) {
            send(exchange, 404, error("no such health group"));
            return;
        }
        send(exchange, report.status() == HealthStatus.UNHEALTHY ? 503 : 200, report(report));
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

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
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

    /** The old body, statuses only (the benchmarks send no token). */
    private static byte[] report(HealthReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", report.status().jsonName());
        root.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(report.timestamp().truncatedTo(ChronoUnit.MILLIS)));
        Map<String, Object> components = new LinkedHashMap<>();
        report.components().forEach((name, component) -> {
            HealthResult result = component.result();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().jsonName());
            entry.put("duration_ms", result.duration().toMillis());
            components.put(name, entry);
        });
        root.put("components", components);
        return write(root);
    }

    private static byte[] error(String message) {
        return write(Map.of("error", message));
    }

    private static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            return "{\"status\":\"unhealthy\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Stops at once; requests in flight are cut. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
