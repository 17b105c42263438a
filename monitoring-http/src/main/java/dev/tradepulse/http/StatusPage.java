package dev.tradepulse.http;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.status.HealthSection;
import dev.tradepulse.http.internal.EventStreams;
import dev.tradepulse.http.internal.StreamMount;
import dev.tradepulse.http.stream.StatusStream;
import dev.tradepulse.http.internal.StreamSlots;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
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
 * Streams hold no server thread; they are capped ({@link Builder#maxStreams}), and clients
 * without the token hold at most a share of them ({@link Builder#maxAnonymousStreams}), so an
 * operator with the token gets a stream while anonymous viewers hold theirs.
 *
 * <p>Thread-safe: one page may serve many requests at once. The builder is not thread-safe.
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

    /** The SSE stream's path. */
    static final String EVENTS = "/events";

    private final List<StatusSection> sections;
    private final HealthRegistry registry;
    private final String title;
    private final Duration interval;
    private final Duration heartbeat;
    private final int maxStreams;
    private final int maxAnonymousStreams;
    private final Clock clock;
    private final Map<String, byte[]> assets;
    private final List<StreamMount> mounts;
    private final List<EventStreams> attached = new CopyOnWriteArrayList<>();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final Object cacheLock = new Object();
    private final @Nullable Cached[] cache = new Cached[2];

    private record Cached(long atNanos, byte[] json) {
    }

    private StatusPage(Builder b) {
        this.registry = b.registry;
        this.sections = List.copyOf(b.sections);
        this.title = b.title;
        this.interval = b.interval;
        this.heartbeat = b.heartbeat;
        this.maxStreams = b.maxStreams;
        this.maxAnonymousStreams = b.maxAnonymousStreams == null ? StreamSlots.defaultAnonymousMax(b.maxStreams)
                : Math.min(b.maxAnonymousStreams, b.maxStreams);
        this.clock = b.clock;
        this.mounts = List.copyOf(b.mounts);
        Map<String, byte[]> loaded = new HashMap<>();
        ASSETS.forEach((path, file) -> loaded.put(path, load(file)));
        this.assets = Map.copyOf(loaded);
    }

    /**
     * Starts a page whose first section is a card per health check of this registry.
     *
     * @param registry the health registry
     * @return a builder
     * @throws NullPointerException if {@code registry} is null
     */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(registry);
    }

    /**
     * The SSE streams open now, on every server this page is mounted on.
     *
     * @return open streams
     */
    public int openStreams() {
        int n = 0;
        for (EventStreams e : attached) {
            n += e.openStreams();
        }
        return n;
    }

    int maxStreams() {
        return maxStreams;
    }

    int maxAnonymousStreams() {
        return maxAnonymousStreams;
    }

    Duration interval() {
        return interval;
    }

    Duration heartbeat() {
        return heartbeat;
    }

    HealthRegistry registry() {
        return registry;
    }

    List<StatusSection> sections() {
        return sections;
    }

    Clock clock() {
        return clock;
    }

    List<StreamMount> mounts() {
        return mounts;
    }

    void attach(EventStreams events) {
        attached.add(events);
    }

    void detach(EventStreams events) {
        attached.remove(events);
    }

    /**
     * The routes this page adds to a server besides the streams ({@code /events}, the WebSocket),
     * keyed by path: {@code /} the page, {@code /assets/...}, {@code /status}. A {@link HealthServer}
     * mounts them itself; another server (the Spring Boot starter's) can serve them by calling a
     * route with a {@link RouteRequest} that applies its token rule. The page refers to its paths
     * from the root ({@code /status}, {@code /assets/status.js}).
     *
     * @return the routes, in a new map
     */
    public Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String path : ASSETS.keySet()) {
            routes.put(path, this::asset);
        }
        routes.put("/status", request -> {
            RouteResponse refused = refuse(request);
            return refused != null ? refused : RouteResponse.json(200, snapshot(request.showsDetails()));
        });
        return routes;
    }

    private static @Nullable RouteResponse refuse(RouteRequest request) {
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        return RouteResponse.json(405, HealthJson.error("method not allowed")).withHeader("Allow", "GET, HEAD");
    }

    private RouteResponse asset(RouteRequest request) {
        RouteResponse refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        String path = request.path();
        byte[] body = assets.get(path);
        if (body == null) { // the server routes only this page's paths here
            return RouteResponse.json(404, "{\"error\":\"not found\"}");
        }
        String type = path.endsWith(".css") ? "text/css" : path.endsWith(".js") ? "text/javascript" : "text/html";
        return RouteResponse.of(200, type + "; charset=utf-8", body)
                .withHeader("Cache-Control", "no-cache")
                .withHeader("Content-Security-Policy", CSP)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
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
        return "StatusPage[" + sections.size() + " sections, " + openStreams() + " streams]";
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
        private @Nullable Integer maxAnonymousStreams;
        private Clock clock = Clock.systemUTC();
        private final List<StreamMount> mounts = new ArrayList<>();

        private Builder(HealthRegistry registry) {
            this.registry = Checks.notNull(registry, "registry");
            ids.add(HealthSection.ID); // the page renders the health cards itself
        }

        /**
         * Adds a section, shown in the order added, after the health cards.
         *
         * @param section the section; its id must be unique
         * @return this builder
         * @throws NullPointerException if {@code section} or its id is null
         * @throws IllegalArgumentException if the id is malformed or already used
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
         * @throws NullPointerException if {@code title} is null
         * @throws IllegalArgumentException if {@code title} is blank
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
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is below 100 ms
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
         * Most streams open at once (SSE, and the WebSocket endpoint's when on); more get 503
         * and retry. Streams hold no server thread. The default is 8.
         *
         * @param streams at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code streams} is below 1
         */
        public Builder maxStreams(int streams) {
            if (streams < 1) {
                throw new IllegalArgumentException("streams must be at least 1, got " + streams);
            }
            this.maxStreams = streams;
            return this;
        }

        /**
         * Most of the streams that clients without the server's bearer token may hold, so the
         * rest stay for operators with it. The default is half of {@link #maxStreams}, rounded
         * up; a server without a token lets anyone use every slot.
         *
         * @param streams 0 to {@link #maxStreams} (larger is capped to it)
         * @return this builder
         * @throws IllegalArgumentException if {@code streams} is negative
         */
        public Builder maxAnonymousStreams(int streams) {
            if (streams < 0) {
                throw new IllegalArgumentException("streams must not be negative, got " + streams);
            }
            this.maxAnonymousStreams = streams;
            return this;
        }

        /**
         * Serves the status stream, the WebSocket protocol of {@code docs/streaming.md}, at its
         * path ({@code /ws} by default) on every server that serves this page, from the same model
         * as {@code /status}, under the same token rule and stream slots as {@code /events}.
         *
         * @param stream the stream
         * @return this builder
         * @throws NullPointerException if {@code stream} is null
         */
        public Builder webSocket(StatusStream stream) {
            return mount(Checks.notNull(stream, "stream").mount());
        }

        /**
         * Mounts an internal stream endpoint (the WebSocket endpoint) on every server that
         * serves this page, sharing the page's stream slots.
         */
        Builder mount(StreamMount mount) {
            mounts.add(Checks.notNull(mount, "mount"));
            return this;
        }

        /**
         * The clock for snapshot timestamps.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
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
