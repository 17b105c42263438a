package dev.tradepulse.http;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.internal.BearerAuth;
import dev.tradepulse.http.internal.EventStreams;
import dev.tradepulse.http.internal.Guard;
import dev.tradepulse.http.internal.HostAllowlist;
import dev.tradepulse.http.internal.JettyServer;
import dev.tradepulse.http.internal.MountContext;
import dev.tradepulse.http.internal.Router;
import dev.tradepulse.http.internal.StreamMount;
import dev.tradepulse.http.internal.StreamSlots;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /health}, {@code /health/live}, {@code /health/ready} and
 * {@code /health/{group}} on embedded Jetty, plus {@code /metrics} when given a scrape, a
 * {@link StatusPage} when given one, and any {@link Route} mounted with {@link Builder#route}.
 * 200 for healthy or degraded, 503 for unhealthy, always {@code Cache-Control: no-store}.
 *
 * <p>Secure by default: it binds 127.0.0.1; answers only loopback {@code Host} names (and IP
 * literals), against DNS rebinding, with 421 for others; shows component messages and details
 * only to requests bearing the configured token (compared in constant time, never logged); never
 * sends a stack trace; and bounds what a hostile client can hold: idle, header-read and write
 * timeouts, a connection limit, and request line (414), header (431) and body (413) limits. Idle
 * connections and streams hold no thread. See {@link HealthServerConfig} for every setting.
 *
 * <p>Lifecycle: {@link Builder#start()} returns a listening server, or throws after releasing
 * what it took (a port clash names the address and port and leaves no thread behind).
 * {@link #close()} answers new requests with 503, gives those in progress the shutdown grace,
 * then stops every thread; it is idempotent, bounded by the grace plus about half a second, and
 * never throws. All threads are daemons named {@code tradepulse-http-*}.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HealthServerConfig config;
    private final BearerAuth auth;
    private final JettyServer jetty;
    private final @Nullable StatusPage statusPage;
    private final @Nullable EventStreams events;
    private final @Nullable ScheduledExecutorService ticker;

    private HealthServer(HealthServerConfig config, BearerAuth auth, JettyServer jetty, @Nullable StatusPage page,
            @Nullable EventStreams events, @Nullable ScheduledExecutorService ticker) {
        this.config = config;
        this.auth = auth;
        this.jetty = jetty;
        this.statusPage = page;
        this.events = events;
        this.ticker = ticker;
    }

    /**
     * Starts configuring a server for this registry.
     *
     * @param registry the checks to serve
     * @return a builder
     * @throws NullPointerException if {@code registry} is null
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
        return jetty.port();
    }

    /**
     * The base URI, such as {@code http://127.0.0.1:8080} ({@code https} with TLS).
     *
     * @return the URI
     */
    public URI uri() {
        return jetty.uri();
    }

    /**
     * The settings this server runs with.
     *
     * @return the config
     */
    public HealthServerConfig config() {
        return config;
    }

    /**
     * Answers new requests with 503, ends the status streams, lets requests in progress finish
     * within the grace period, then stops the server and its threads. Idempotent; never throws.
     * Called from an interrupted thread, it still drains and stops, and returns with the
     * thread's interrupt flag set.
     */
    @Override
    public void close() {
        // an interrupted caller keeps its interrupt, but the close still drains and stops
        boolean interrupted = Thread.interrupted();
        try {
            closeStreamsAndServer();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeStreamsAndServer() {
        try {
            if (events != null) {
                events.close();
                if (statusPage != null) {
                    statusPage.detach(events);
                }
            }
        } catch (Throwable e) {
            LOG.debug("Status streams did not close cleanly: {}", e.toString());
        }
        jetty.close();
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "HealthServer[" + uri() + ", details " + config.detailVisibility() + ", token "
                + (auth.hasToken() ? "set" : "unset") + "]";
    }

    /**
     * Configures a server; {@link #start()} binds it. Settings live in a {@link HealthServerConfig}
     * ({@link #config}); the shorthand setters here change the same config. Not thread-safe.
     */
    public static final class Builder {
        private final HealthRegistry registry;
        private HealthServerConfig.Builder config = HealthServerConfig.custom();
        private @Nullable String token;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private @Nullable StatusPage statusPage;
        private @Nullable Supplier<String> scrape;

        private Builder(HealthRegistry registry) {
            this.registry = Checks.notNull(registry, "registry");
        }

        /**
         * Takes every setting from a config, replacing those set so far; shorthand setters
         * called afterwards change it further.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(HealthServerConfig config) {
            this.config = HealthServerConfig.from(Checks.notNull(config, "config"));
            return this;
        }

        /**
         * Binds to this address instead of 127.0.0.1. Opening the endpoint beyond the machine
         * is a decision; make it explicitly, with a token set.
         *
         * @param address the address, such as {@code 0.0.0.0}
         * @return this builder
         * @throws NullPointerException if {@code address} is null
         */
        public Builder bindAddress(InetAddress address) {
            config.bindAddress(address);
            return this;
        }

        /**
         * The port; 0 takes a free ephemeral one. The default is 8080.
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is outside 0..65535
         */
        public Builder port(int port) {
            config.port(port);
            return this;
        }

        /**
         * When messages and details are shown; the default is {@link DetailVisibility#WHEN_AUTHORIZED}.
         *
         * @param visibility the visibility
         * @return this builder
         * @throws NullPointerException if {@code visibility} is null
         */
        public Builder detailVisibility(DetailVisibility visibility) {
            config.detailVisibility(visibility);
            return this;
        }

        /**
         * The bearer token that unlocks details (and {@code /metrics} with
         * {@link #metricsRequireToken}). Never logged or shown.
         *
         * @param token at least 16 characters
         * @return this builder
         * @throws NullPointerException if {@code token} is null
         * @throws IllegalArgumentException if {@code token} is shorter than 16 characters
         */
        public Builder bearerToken(String token) {
            Checks.notNull(token, "token");
            if (token.length() < 16) {
                throw new IllegalArgumentException("token must be at least 16 characters");
            }
            this.token = token;
            return this;
        }

        /**
         * Worker threads serving requests; the default is 4. Idle connections and streams hold none.
         *
         * @param threads 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is outside 1..1000
         */
        public Builder workers(int threads) {
            config.workers(threads);
            return this;
        }

        /**
         * The Host names answered (see {@link HealthServerConfig.Builder#allowedHosts}).
         *
         * @param hosts names without port, such as {@code bot.internal}
         * @return this builder
         * @throws IllegalArgumentException if a name is blank or has a scheme or port
         * @throws NullPointerException if {@code hosts} or a name is null
         */
        public Builder allowedHosts(String... hosts) {
            config.allowedHosts(hosts);
            return this;
        }

        /**
         * Mounts a route at an exact path, or at every path below it if it ends with '/'. Routes
         * win over {@code /health}, {@code /metrics} and the status page's paths. What a route
         * throws becomes a 500 without details.
         *
         * @param path a path starting with '/'
         * @param route the route
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code path} does not start with '/'
         */
        public Builder route(String path, Route route) {
            Checks.notNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', got: " + path.replaceAll("[^\\x20-\\x7e]", "?"));
            }
            routes.put(path, Checks.notNull(route, "route"));
            return this;
        }

        /**
         * Serves a status page at {@code /}, {@code /status} and {@code /events}, under the same
         * token rule as {@code /health} details. Routes mounted at exactly those paths win.
         *
         * @param page the page
         * @return this builder
         * @throws NullPointerException if {@code page} is null
         */
        public Builder statusPage(StatusPage page) {
            this.statusPage = Checks.notNull(page, "page");
            return this;
        }

        /**
         * Serves {@code /metrics} from Micrometer's Prometheus registry (the optional dependency
         * {@code io.micrometer:micrometer-registry-prometheus}).
         *
         * @param registry the registry to scrape
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder metrics(PrometheusMeterRegistry registry) {
            this.scrape = PrometheusScrape.of(Checks.notNull(registry, "registry"));
            return this;
        }

        /**
         * Serves {@code /metrics} from a scrape function returning the Prometheus text format
         * (version 0.0.4). It runs on a server worker for each scrape; what it throws becomes a 500.
         *
         * @param scrape the scrape function, thread-safe
         * @return this builder
         * @throws NullPointerException if {@code scrape} is null
         */
        public Builder metrics(Supplier<String> scrape) {
            this.scrape = Checks.notNull(scrape, "scrape");
            return this;
        }

        /**
         * Whether {@code /metrics} answers only requests with the bearer token (401 otherwise);
         * the default is false.
         *
         * @param require whether to require the token
         * @return this builder
         */
        public Builder metricsRequireToken(boolean require) {
            config.metricsRequireToken(require);
            return this;
        }

        /**
         * Serves HTTPS with the key and certificate in a PKCS12 keystore.
         *
         * @param keyStore the {@code .p12} file
         * @param password its password; copied, never shown
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder tls(Path keyStore, char[] password) {
            config.tlsKeyStore(keyStore, password);
            return this;
        }

        /**
         * Serves HTTPS with a PEM certificate chain and an unencrypted PKCS#8 PEM private key.
         *
         * @param certificates the chain, server certificate first
         * @param privateKey the key ({@code -----BEGIN PRIVATE KEY-----})
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder tlsPem(Path certificates, Path privateKey) {
            config.tlsPem(certificates, privateKey);
            return this;
        }

        /**
         * How long {@link HealthServer#close()} waits for requests in progress; the default is 1 second.
         *
         * @param grace 0 to 1 hour
         * @return this builder
         * @throws NullPointerException if {@code grace} is null
         * @throws IllegalArgumentException if {@code grace} is negative or above 1 hour
         */
        public Builder shutdownGrace(Duration grace) {
            config.shutdownGrace(grace);
            return this;
        }

        /**
         * Checks the settings, binds and starts the server: it is listening on return.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound (the message names the address and
         *     port) or the TLS keystore cannot be read; nothing is left running
         * @throws IllegalArgumentException if {@code metricsRequireToken} is on without a
         *     {@code bearerToken}, or a route is mounted at {@code /metrics} as well as a scrape
         */
        public HealthServer start() throws IOException {
            HealthServerConfig cfg = config.build();
            if (cfg.metricsRequireToken() && token == null) {
                throw new IllegalArgumentException("metricsRequireToken(true) needs a bearerToken");
            }
            if (scrape != null && routes.containsKey("/metrics")) {
                throw new IllegalArgumentException("path /metrics has both a route and metrics(...); keep one");
            }
            for (@Nullable Path file : new @Nullable Path[] {cfg.tlsKeyStore(), cfg.tlsCertificates(),
                    cfg.tlsPrivateKey()}) {
                if (file != null && !Files.isReadable(file)) {
                    throw new IOException("TLS file is not readable: " + file);
                }
            }
            BearerAuth auth = new BearerAuth(token, cfg.detailVisibility());
            HostAllowlist hosts = new HostAllowlist(cfg.allowedHosts(), cfg.allowAnyHost(), cfg.allowIpLiteralHosts());
            StatusPage page = statusPage;
            StreamSlots slots = page == null ? null
                    : new StreamSlots(page.maxStreams(), auth.hasToken() ? page.maxAnonymousStreams() : page.maxStreams());
            ScheduledExecutorService ticker = page == null || routes.containsKey(StatusPage.EVENTS) ? null
                    : Executors.newSingleThreadScheduledExecutor(Threads.daemon("http-events"));
            EventStreams events = ticker == null || page == null || slots == null ? null
                    : new EventStreams(StatusPage.EVENTS, slots, auth, page::snapshot, page.interval(), page.heartbeat(),
                            cfg.writeTimeout(), ticker);
            Map<String, Route> exact = new LinkedHashMap<>();
            // requests that may wait on checks hold at most `workers` threads; liveness keeps its own
            WaitLimit waits = new WaitLimit(cfg.workers());
            Route liveness = new HealthRoute(registry);
            Route health = waits.around(liveness);
            exact.put("/health", health);
            exact.put("/health/live", liveness);
            if (scrape != null) {
                exact.put("/metrics", new MetricsRoute(scrape, cfg.metricsRequireToken()));
            }
            if (page != null) {
                page.routes().forEach((path, route) ->
                        exact.put(path, path.equals("/status") ? waits.around(route) : route));
            }
            exact.putAll(routes); // a route wins at its exact path, a prefix route after the built-in paths
            Map<String, Route> prefixes = new LinkedHashMap<>();
            routes.forEach((path, route) -> {
                if (path.endsWith("/")) {
                    prefixes.put(path, route);
                }
            });
            prefixes.putIfAbsent("/health/", health);
            Router router = new Router(exact, prefixes, auth, LOG);
            try {
                JettyServer jetty = JettyServer.start(cfg, server -> {
                    List<Handler> chain = new ArrayList<>();
                    if (page != null && slots != null) {
                        MountContext context = new PageMountContext(server, slots, auth, hosts, page);
                        for (StreamMount mount : page.mounts()) {
                            chain.add(Checks.notNull(mount.create(context), "mount.create(context)"));
                        }
                    }
                    if (events != null) {
                        chain.add(events);
                    }
                    chain.add(router);
                    return new Handler.Sequence(chain);
                }, tree -> new Guard(tree, hosts, cfg.maxRequestLine(), cfg.maxHeaderBytes()));
                if (page != null && events != null) {
                    page.attach(events);
                }
                return new HealthServer(cfg, auth, jetty, page, events, ticker);
            } catch (IOException | RuntimeException | Error e) {
                if (ticker != null) {
                    ticker.shutdownNow();
                }
                throw e;
            }
        }
    }
}
