package dev.tradepulse.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live status page for operators, served by a {@link HealthServer} from the library's own
 * resources (no build step, CDN or internet): {@code /} the page, {@code /status} a JSON
 * snapshot, {@code /events} the same snapshot pushed as Server-Sent Events whenever it changes.
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder(health)
 *         .section(HealthSections.circuitBreakers(monitoring.circuitBreakerRegistry()))
 *         .build();
 * HealthServer.builder(health).statusPage(page).bearerToken(token).start();
 * }</pre>
 *
 * <p>The token rule is the one {@code /health} follows: without the server's token a viewer sees
 * statuses only. The page takes the token from its URL fragment ({@code /#token=...}), which
 * browsers never send to the server, keeps it in session storage, and sends it as a bearer token.
 * Each SSE stream holds one server worker, so streams are capped ({@link Builder#maxStreams}).
 */
public final class StatusPage {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
    private static final String RESOURCES = "/dev/tradepulse/http/status/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html",
            "/assets/status.css", "status.css",
            "/assets/status.js", "status.js");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final List<StatusSection> sections;
    private final HealthRegistry registry;
    private final String title;
    private final Duration interval;
    private final Duration heartbeat;
    private final int maxStreams;
    private final Clock clock;
    private final Map<String, byte[]> assets;
    private final AtomicInteger streams = new AtomicInteger();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final Object cacheLock = new Object();
    private final Object wake = new Object();
    private final Cached[] cache = new Cached[2];
    private volatile boolean closing;

    private record Cached(long atNanos, byte[] json) {
    }

    private StatusPage(Builder b) {
        this.registry = b.registry;
        this.sections = List.copyOf(b.sections);
        this.title = b.title;
        this.interval = b.interval;
        this.heartbeat = b.heartbeat;
        this.maxStreams = b.maxStreams;
        this.clock = b.clock;
        Map<String, byte[]> loaded = new java.util.HashMap<>();
        ASSETS.forEach((path, file) -> loaded.put(path, load(file)));
        this.assets = Map.copyOf(loaded);
    }

    /**
     * Starts a page whose first section is a card per health check of this registry.
     *
     * @param registry the health registry
     * @return a builder
     */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(registry);
    }

    /**
     * The SSE streams open now.
     *
     * @return open streams
     */
    public int openStreams() {
        return streams.get();
    }

    int maxStreams() {
        return maxStreams;
    }

    /** Routes this page adds to a server. */
    Set<String> paths() {
        Set<String> paths = new HashSet<>(ASSETS.keySet());
        paths.add("/status");
        paths.add("/events");
        return paths;
    }

    /** Answers one of {@link #paths()}; {@code details} comes from the server's token rule. */
    void handle(HttpExchange exchange, boolean details) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        boolean allowed = method.equals("GET") || (method.equals("HEAD") && !path.equals("/events"));
        if (!allowed) {
            exchange.getResponseHeaders().set("Allow", path.equals("/events") ? "GET" : "GET, HEAD");
            HealthServer.sendJson(exchange, 405, HealthJson.error("method not allowed"));
            return;
        }
        switch (path) {
            case "/status" -> HealthServer.sendJson(exchange, 200, snapshot(details));
            case "/events" -> stream(exchange, details);
            default -> sendAsset(exchange, path);
        }
    }

    /** The JSON snapshot; computed at most once per half interval per visibility, however many watch. */
    byte[] snapshot(boolean details) {
        int slot = details ? 1 : 0;
        synchronized (cacheLock) {
            long now = System.nanoTime();
            Cached c = cache[slot];
            if (c != null && now - c.atNanos() < interval.toNanos() / 2) {
                return c.json();
            }
            byte[] json = StatusJson.snapshot(title, registry, sections, details, clock.instant(), this::sectionFailed);
            cache[slot] = new Cached(now, json);
            return json;
        }
    }

    private void sectionFailed(StatusSection section, Throwable e) {
        try {
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("Status section '{}' failed and is shown as unavailable: {}", section.id(),
                        LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // the section is already shown as unavailable; a broken log must not take the page down
        }
    }

    private void stream(HttpExchange exchange, boolean details) throws IOException {
        if (streams.incrementAndGet() > maxStreams || closing) {
            streams.decrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", "5");
            HealthServer.sendJson(exchange, 503, HealthJson.error("too many status streams"));
            return;
        }
        try {
            Headers h = exchange.getResponseHeaders();
            h.set("Content-Type", "text/event-stream; charset=utf-8");
            h.set("Cache-Control", "no-store");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            byte[] last = null;
            long lastWrite = System.nanoTime();
            while (!closing) {
                byte[] json = snapshot(details);
                long now = System.nanoTime();
                if (!Arrays.equals(json, last)) {
                    out.write("event: status\ndata: ".getBytes(StandardCharsets.UTF_8));
                    out.write(json); // Jackson escapes newlines, so one data line carries it all
                    out.write("\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    last = json;
                    lastWrite = now;
                } else if (now - lastWrite >= heartbeat.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = now;
                }
                synchronized (wake) {
                    if (!closing) {
                        wake.wait(interval.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("Status stream ended: {}", e.toString()); // the viewer went away
        } finally {
            streams.decrementAndGet();
        }
    }

    /** Ends every stream so the server can stop; browsers show "disconnected" and retry. */
    void closeStreams() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void sendAsset(HttpExchange exchange, String path) throws IOException {
        byte[] body = assets.get(path);
        if (body == null) { // the server routes only this page's paths here
            HealthServer.sendJson(exchange, 404, HealthJson.error("not found"));
            return;
        }
        Headers h = exchange.getResponseHeaders();
        String type = path.endsWith(".css") ? "text/css" : path.endsWith(".js") ? "text/javascript" : "text/html";
        h.set("Content-Type", type + "; charset=utf-8");
        h.set("Cache-Control", "no-cache");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        if (exchange.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] load(String file) {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the jar: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read status page resource " + file, e);
        }
    }

    @Override
    public String toString() {
        return "StatusPage[" + sections.size() + " sections, " + streams.get() + " streams]";
    }

    /** Configures a page. */
    public static final class Builder {
        private final HealthRegistry registry;
        private final List<StatusSection> sections = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private String title = "TradePulse";
        private Duration interval = Duration.ofSeconds(1);
        private Duration heartbeat = Duration.ofSeconds(15);
        private int maxStreams = 8;
        private Clock clock = Clock.systemUTC();

        private Builder(HealthRegistry registry) {
            this.registry = Checks.notNull(registry, "registry");
            ids.add(dev.tradepulse.health.status.HealthSection.ID); // the page renders the health cards itself
        }

        /**
         * Adds a section, shown in the order added, after the health cards.
         *
         * @param section the section; its id must be unique
         * @return this builder
         */
        public Builder section(StatusSection section) {
            Checks.notNull(section, "section");
            String id = Checks.notNull(section.id(), "section.id()");
            if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("section id must be 1-64 letters, digits, '-' or '_', got: "
                        + id.replaceAll("[^\\x20-\\x7e]", "?"));
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("section id already used: " + id);
            }
            sections.add(section);
            return this;
        }

        /**
         * The page's heading, such as the bot's name; the default is {@code TradePulse}.
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Checks.notBlank(title, "title");
            return this;
        }

        /**
         * How often open streams look for changes; the default is 1 second.
         *
         * @param interval at least 100 ms
         * @return this builder
         */
        public Builder interval(Duration interval) {
            Checks.notNull(interval, "interval");
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("interval must be at least 100 ms, got " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * Most SSE streams open at once; more get 503 and retry. Each holds a server worker, and
         * the server adds workers to match. The default is 8.
         *
         * @param streams at least 1
         * @return this builder
         */
        public Builder maxStreams(int streams) {
            if (streams < 1) {
                throw new IllegalArgumentException("streams must be at least 1, got " + streams);
            }
            this.maxStreams = streams;
            return this;
        }

        /**
         * The clock for snapshot timestamps.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the page; mount it with {@link HealthServer.Builder#statusPage}.
         *
         * @return the page
         */
        public StatusPage build() {
            return new StatusPage(this);
        }
    }
}
