package dev.tradepulse.http.internal;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.http.HealthServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty server's lifecycle: daemon threads named {@code tradepulse-http-n}, one
 * HTTP/1.1 (optionally TLS) connector with idle, header-read and write timeouts, a connection
 * limit, size limits, JSON errors and a graceful drain. {@link #start} returns a listening server
 * or throws after stopping everything it started; {@link #close} is idempotent, bounded by the
 * shutdown grace plus half a second, and never throws.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread, more than once.
 */
public final class JettyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

    private final Server server;
    private final DrainingHandler draining;
    private final long graceMillis;
    private final ServerConnector connector;
    private final InetAddress address;
    private final boolean tls;
    private final Object closeLock = new Object();
    private boolean closed;

    private JettyServer(Server server, DrainingHandler draining, long graceMillis, ServerConnector connector,
            InetAddress address, boolean tls) {
        this.server = server;
        this.draining = draining;
        this.graceMillis = graceMillis;
        this.connector = connector;
        this.address = address;
        this.tls = tls;
    }

    /**
     * Builds and starts a server.
     *
     * @param config the settings
     * @param handlers makes the handler tree behind the guard and limits, given the (unstarted) server
     * @param guard wraps the tree in the request guard
     * @return the listening server
     * @throws IOException if the address cannot be bound (the message names the address and port)
     *     or the TLS keystore cannot be read; nothing is left running
     * @throws RuntimeException what {@code handlers} threw (a mount that failed); nothing is left running
     */
    public static JettyServer start(HealthServerConfig config, Function<Server, Handler> handlers,
            Function<Handler, Handler> guard) throws IOException {
        Duration grace = config.shutdownGrace();
        // acceptor + selector + workers (the requests that may wait on checks), and four more
        // that only quick answers use: liveness, 503s beyond the wait limit, errors
        int maxThreads = config.workers() + 6;
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(2, maxThreads), 60_000, 0, null, null,
                Threads.daemon("http"));
        pool.setName("tradepulse-http");
        pool.setDaemon(true);
        pool.setStopTimeout(grace.toMillis() + 500);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("tradepulse-http-scheduler", true);
        Server server = new Server(pool, scheduler, null);
        String where = hostForMessages(config.bindAddress()) + ":" + config.port();
        try {
            server.setStopAtShutdown(false);
            // the drain is done by close() on the requests in flight; idle keep-alive connections
            // must not hold the stop for the whole grace
            server.setStopTimeout(0);
            server.setErrorHandler(new JsonErrorHandler());

            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            // Jetty's per-connection header cache matches values without case by default, so a
            // token differing only in case would be read as the cached right one
            http.setHeaderCacheCaseSensitive(true);
            // Jetty counts the request line with the headers; the guard checks each on its own
            http.setRequestHeaderSize(config.maxRequestLine() + config.maxHeaderBytes());
            HttpConnectionFactory h1 = new HttpConnectionFactory(http);
            h1.addBean(new HeaderReadTimeout(scheduler, config.headerReadTimeout().toMillis()));
            ServerConnector connector;
            if (config.tls()) {
                http.addCustomizer(new SecureRequestCustomizer(false));
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                Path certificates = config.tlsCertificates();
                Path privateKey = config.tlsPrivateKey();
                if (certificates != null && privateKey != null) {
                    char[] password = randomPassword();
                    ssl.setKeyStore(PemKeyStores.load(certificates, privateKey, password));
                    ssl.setKeyStorePassword(new String(password));
                } else {
                    ssl.setKeyStorePath(String.valueOf(config.tlsKeyStore()));
                    ssl.setKeyStoreType("PKCS12");
                    char[] password = config.tlsKeyStorePassword();
                    ssl.setKeyStorePassword(password == null ? "" : new String(password));
                }
                connector = new ServerConnector(server, 1, 1,
                        new ConnectionFactory[] {new SslConnectionFactory(ssl, h1.getProtocol()), h1});
            } else {
                connector = new ServerConnector(server, 1, 1, h1);
            }
            connector.setHost(config.bindAddress().getHostAddress());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            connector.setAcceptQueueSize(128);
            server.addConnector(connector);
            server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));

            Handler tree = guard.apply(handlers.apply(server));
            SizeLimitHandler sizes = new SizeLimitHandler(config.maxRequestBodyBytes(), -1);
            sizes.setHandler(tree);
            DrainingHandler draining = new DrainingHandler(sizes);
            server.setHandler(draining);
            try {
                server.start();
            } catch (Exception e) {
                throw new IOException("cannot listen on " + where + ": " + LogText.describe(rootCause(e)), e);
            }
            JettyServer started = new JettyServer(server, draining, grace.toMillis(), connector, config.bindAddress(),
                    config.tls());
            LOG.info("Health endpoint listening on {}", started.uri());
            return started;
        } catch (Throwable e) {
            // a mount that failed, a bind that failed: release what was taken, then say so
            stopQuietly(server);
            throw e;
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    private static String hostForMessages(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The port actually bound.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The base URI, such as {@code http://127.0.0.1:8080}.
     *
     * @return the URI
     */
    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://" + hostForMessages(address) + ":" + port());
    }

    /**
     * The Jetty server, for internal wiring and tests.
     *
     * @return the server
     */
    public Server server() {
        return server;
    }

    /**
     * Answers new requests with 503, lets those in progress finish within the grace, then stops
     * the connector and every thread. Idempotent; never throws. Called from an interrupted
     * thread, it still drains and stops, and returns with the thread's interrupt flag set.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // A caller's interrupt must neither cut the drain short nor be lost: put it aside while
        // closing (every wait here is bounded), then give it back.
        boolean interrupted = Thread.interrupted();
        try {
            try {
                // new requests get 503 from here on; wait for those in progress, at most the grace
                draining.shutdown().get(graceMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException | ExecutionException | RuntimeException e) {
                LOG.debug("Health endpoint stops with requests still in progress: {}", e.toString());
            }
            stopQuietly(server);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Throwable e) {
            try {
                LOG.warn("Health endpoint did not stop cleanly: {}", LogText.describe(e));
            } catch (Throwable ignored) {
                // closing must not throw
            }
        }
    }

    /** Jetty's graceful drain, answering requests that arrive while it drains with JSON 503. */
    private static final class DrainingHandler extends GracefulHandler {
        DrainingHandler(Handler next) {
            super(next);
        }

        @Override
        protected void handleShutdownRejection(Request request, Response response, Callback callback) {
            Responses.send(response, callback, 503, Responses.JSON, Responses.errorJson("shutting down"),
                    Responses.headers(HttpHeader.CONNECTION.asString(), "close"));
        }
    }
}
