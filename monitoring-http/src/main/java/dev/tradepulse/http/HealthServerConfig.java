package dev.tradepulse.http;

import dev.tradepulse.api.support.Checks;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link HealthServer}, immutable, with secure defaults: bind 127.0.0.1, port
 * 8080, details only with the token, loopback Host names only, bounded timeouts, connections and
 * request sizes. Start from {@link #ofDefaults()}, {@link #custom()} or {@link #from(HealthServerConfig)}.
 *
 * <pre>{@code
 * HealthServerConfig config = HealthServerConfig.custom()
 *         .port(9090).idleTimeout(Duration.ofSeconds(20)).allowedHosts("bot.internal")
 *         .build();
 * HealthServer.builder(health).config(config).bearerToken(token).start();
 * }</pre>
 *
 * <p>The bearer token is not part of the config (it is a secret given to the server's builder).
 * A TLS keystore password is held here but never shown by {@link #toString()}.
 *
 * <p>Thread-safe (immutable). The builder is not thread-safe.
 */
public final class HealthServerConfig {

    /** The default port, 8080. */
    public static final int DEFAULT_PORT = 8080;
    /** The default worker threads, 4. */
    public static final int DEFAULT_WORKERS = 4;
    /** The longest request line (method and URI) served by default, 4096 characters; longer gets 414. */
    public static final int DEFAULT_MAX_REQUEST_LINE = 4096;
    /** The most header bytes by default, 8192; more gets 431. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    /** The largest request body by default, 16 KiB; larger gets 413. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024;
    /** The most connections open at once by default, 2048; the server stops accepting beyond. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2048;
    /** The default idle timeout of a connection, 30 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default time a new connection has to send its first request's headers, 10 s. */
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The default time a stream's write may stay blocked on a client that does not read, 10 s. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** The default grace {@link HealthServer#close()} gives requests in progress, 1 s. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(1);
    /** The Host names allowed by default: the loopback names. */
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    private static final HealthServerConfig DEFAULTS = new Builder().build();

    private final InetAddress bindAddress;
    private final int port;
    private final DetailVisibility detailVisibility;
    private final int workers;
    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final int maxRequestBodyBytes;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration headerReadTimeout;
    private final Duration writeTimeout;
    private final Duration shutdownGrace;
    private final List<String> allowedHosts;
    private final boolean allowAnyHost;
    private final boolean allowIpLiteralHosts;
    private final boolean metricsRequireToken;
    private final @Nullable Path tlsKeyStore;
    private final char @Nullable [] tlsKeyStorePassword;
    private final @Nullable Path tlsCertificates;
    private final @Nullable Path tlsPrivateKey;

    private HealthServerConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.detailVisibility = b.detailVisibility;
        this.workers = b.workers;
        this.maxRequestLine = b.maxRequestLine;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxRequestBodyBytes = b.maxRequestBodyBytes;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.headerReadTimeout = b.headerReadTimeout;
        this.writeTimeout = b.writeTimeout;
        this.shutdownGrace = b.shutdownGrace;
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.allowAnyHost = b.allowAnyHost;
        this.allowIpLiteralHosts = b.allowIpLiteralHosts;
        this.metricsRequireToken = b.metricsRequireToken;
        this.tlsKeyStore = b.tlsKeyStore;
        this.tlsKeyStorePassword = b.tlsKeyStorePassword == null ? null : b.tlsKeyStorePassword.clone();
        this.tlsCertificates = b.tlsCertificates;
        this.tlsPrivateKey = b.tlsPrivateKey;
    }

    /**
     * The defaults.
     *
     * @return the default config
     */
    public static HealthServerConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from an existing config.
     *
     * @param base the config to copy
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(HealthServerConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /** @return the address to bind; 127.0.0.1 by default */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** @return the port; 0 takes an ephemeral one */
    public int port() {
        return port;
    }

    /** @return when details are shown */
    public DetailVisibility detailVisibility() {
        return detailVisibility;
    }

    /** @return the worker threads serving requests */
    public int workers() {
        return workers;
    }

    /** @return the longest request line served (method plus URI); longer gets 414 */
    public int maxRequestLine() {
        return maxRequestLine;
    }

    /** @return the most header bytes served; more gets 431 */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** @return the largest request body accepted; larger gets 413 */
    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /** @return the most connections open at once; beyond, the server stops accepting until one closes */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return how long a connection may be idle (between requests, or with a blocked write) */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return how long a new connection has to send its first request's headers */
    public Duration headerReadTimeout() {
        return headerReadTimeout;
    }

    /** @return how long a stream's write may wait for a client that does not read */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** @return how long {@link HealthServer#close()} waits for requests in progress */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** @return the allowed Host names (lower case, without port) */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** @return whether every Host is allowed (the allowlist is off) */
    public boolean allowAnyHost() {
        return allowAnyHost;
    }

    /** @return whether a Host that is an IP literal, such as a pod's address, is allowed */
    public boolean allowIpLiteralHosts() {
        return allowIpLiteralHosts;
    }

    /** @return whether {@code /metrics} requires the bearer token */
    public boolean metricsRequireToken() {
        return metricsRequireToken;
    }

    /** @return the PKCS12 keystore for TLS, or null for plain HTTP */
    public @Nullable Path tlsKeyStore() {
        return tlsKeyStore;
    }

    /** @return a copy of the keystore password, or null */
    public char @Nullable [] tlsKeyStorePassword() {
        return tlsKeyStorePassword == null ? null : tlsKeyStorePassword.clone();
    }

    /** @return the PEM certificate chain for TLS, or null */
    public @Nullable Path tlsCertificates() {
        return tlsCertificates;
    }

    /** @return the PEM private key for TLS (unencrypted PKCS#8), or null */
    public @Nullable Path tlsPrivateKey() {
        return tlsPrivateKey;
    }

    /** @return whether the server serves HTTPS */
    public boolean tls() {
        return tlsKeyStore != null || tlsCertificates != null;
    }

    @Override
    public String toString() {
        return "HealthServerConfig[bind=" + bindAddress.getHostAddress() + ":" + port + ", details="
                + detailVisibility + ", workers=" + workers + ", maxRequestLine=" + maxRequestLine
                + ", maxHeaderBytes=" + maxHeaderBytes + ", maxRequestBodyBytes=" + maxRequestBodyBytes
                + ", maxConnections=" + maxConnections + ", idleTimeout=" + idleTimeout + ", headerReadTimeout="
                + headerReadTimeout + ", writeTimeout=" + writeTimeout + ", shutdownGrace=" + shutdownGrace
                + ", allowedHosts=" + (allowAnyHost ? "*" : allowedHosts) + ", allowIpLiteralHosts="
                + allowIpLiteralHosts + ", metricsRequireToken=" + metricsRequireToken + ", tls="
                + (tlsKeyStore != null ? "PKCS12 " + tlsKeyStore.getFileName() + " (password [REDACTED])"
                        : tlsCertificates != null ? "PEM " + tlsCertificates.getFileName() : "off")
                + "]";
    }

    /** Builds a {@link HealthServerConfig}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private DetailVisibility detailVisibility = DetailVisibility.WHEN_AUTHORIZED;
        private int workers = DEFAULT_WORKERS;
        private int maxRequestLine = DEFAULT_MAX_REQUEST_LINE;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration headerReadTimeout = DEFAULT_HEADER_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private List<String> allowedHosts = LOOPBACK_HOSTS;
        private boolean allowAnyHost;
        private boolean allowIpLiteralHosts = true;
        private boolean metricsRequireToken;
        private @Nullable Path tlsKeyStore;
        private char @Nullable [] tlsKeyStorePassword;
        private @Nullable Path tlsCertificates;
        private @Nullable Path tlsPrivateKey;

        private Builder() {
        }

        private Builder(HealthServerConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            detailVisibility = c.detailVisibility;
            workers = c.workers;
            maxRequestLine = c.maxRequestLine;
            maxHeaderBytes = c.maxHeaderBytes;
            maxRequestBodyBytes = c.maxRequestBodyBytes;
            maxConnections = c.maxConnections;
            idleTimeout = c.idleTimeout;
            headerReadTimeout = c.headerReadTimeout;
            writeTimeout = c.writeTimeout;
            shutdownGrace = c.shutdownGrace;
            allowedHosts = c.allowedHosts;
            allowAnyHost = c.allowAnyHost;
            allowIpLiteralHosts = c.allowIpLiteralHosts;
            metricsRequireToken = c.metricsRequireToken;
            tlsKeyStore = c.tlsKeyStore;
            tlsKeyStorePassword = c.tlsKeyStorePassword == null ? null : c.tlsKeyStorePassword.clone();
            tlsCertificates = c.tlsCertificates;
            tlsPrivateKey = c.tlsPrivateKey;
        }

        /**
         * Binds to this address instead of 127.0.0.1. Opening the endpoint beyond the machine is
         * a decision; make it explicitly, with a token set.
         *
         * @param address the address, such as {@code 0.0.0.0}
         * @return this builder
         * @throws NullPointerException if {@code address} is null
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Checks.notNull(address, "address");
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
         * @throws NullPointerException if {@code visibility} is null
         */
        public Builder detailVisibility(DetailVisibility visibility) {
            this.detailVisibility = Checks.notNull(visibility, "visibility");
            return this;
        }

        /**
         * Worker threads serving requests; the default is 4. Idle connections and streams hold
         * no worker: workers bound only the requests being answered at once.
         *
         * @param threads 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is outside 1..1000
         */
        public Builder workers(int threads) {
            this.workers = range(threads, 1, 1000, "threads");
            return this;
        }

        /**
         * The longest request line (method plus URI) served; longer gets 414. The default is 4096.
         *
         * @param chars 256 to 65536
         * @return this builder
         * @throws IllegalArgumentException if {@code chars} is outside 256..65536
         */
        public Builder maxRequestLine(int chars) {
            this.maxRequestLine = range(chars, 256, 65_536, "chars");
            return this;
        }

        /**
         * The most header bytes served; more gets 431. The default is 8192.
         *
         * @param bytes 1024 to 65536
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside 1024..65536
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = range(bytes, 1024, 65_536, "bytes");
            return this;
        }

        /**
         * The largest request body accepted; larger gets 413. The default is 16 KiB.
         *
         * @param bytes 0 to 16 MiB
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside 0..16 MiB
         */
        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = range(bytes, 0, 16 * 1024 * 1024, "bytes");
            return this;
        }

        /**
         * The most connections open at once; beyond, the server stops accepting until one
         * closes (new clients wait in the listen backlog). The default is 2048.
         *
         * @param connections 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if {@code connections} is outside 1..1,000,000
         */
        public Builder maxConnections(int connections) {
            this.maxConnections = range(connections, 1, 1_000_000, "connections");
            return this;
        }

        /**
         * How long a connection may be idle (between requests, or while a write is blocked on a
         * client that does not read) before the server closes it. The default is 30 s.
         *
         * @param timeout 100 ms to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is outside 100 ms..1 h
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = duration(timeout, "timeout");
            return this;
        }

        /**
         * How long a new connection has to send its first request's headers, however slowly it
         * trickles them; then it is closed. The default is 10 s.
         *
         * @param timeout 100 ms to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is outside 100 ms..1 h
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder headerReadTimeout(Duration timeout) {
            this.headerReadTimeout = duration(timeout, "timeout");
            return this;
        }

        /**
         * How long a stream's write may wait for a client that does not read; then the stream is
         * closed and its slot freed. The default is 10 s.
         *
         * @param timeout 100 ms to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is outside 100 ms..1 h
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = duration(timeout, "timeout");
            return this;
        }

        /**
         * How long {@link HealthServer#close()} waits for requests in progress; the default is 1 s.
         *
         * @param grace 0 to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is negative or above 1 hour
         * @throws NullPointerException if {@code grace} is null
         */
        public Builder shutdownGrace(Duration grace) {
            Checks.notNull(grace, "grace");
            if (grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("grace must be between 0 and 1 hour, got " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * The Host names the server answers, against DNS rebinding (a page on a hostile name that
         * resolves to this machine); others get 421 JSON. Names are matched without case and with
         * any port. Replaces the default, {@link #LOOPBACK_HOSTS}; include those to keep them.
         *
         * @param hosts names such as {@code bot.internal}, {@code 10.0.0.5} or {@code [::1]}
         * @return this builder
         * @throws IllegalArgumentException if a name is blank, has a port, a scheme or a space
         * @throws NullPointerException if {@code hosts} or a name is null
         */
        public Builder allowedHosts(String... hosts) {
            Checks.notNull(hosts, "hosts");
            Set<String> names = new LinkedHashSet<>();
            for (String host : hosts) {
                String h = Checks.notBlank(host, "hosts[]").trim().toLowerCase(Locale.ROOT);
                boolean bracketed = h.startsWith("[") && h.endsWith("]");
                if (h.contains("/") || h.contains(" ") || (!bracketed && h.contains(":") && h.indexOf(':') == h.lastIndexOf(':'))) {
                    throw new IllegalArgumentException("hosts must be names without scheme or port, got: "
                            + host.replaceAll("[^\\x20-\\x7e]", "?"));
                }
                names.add(!bracketed && h.contains(":") ? "[" + h + "]" : h);
            }
            this.allowedHosts = new ArrayList<>(names);
            this.allowAnyHost = false;
            return this;
        }

        /**
         * Turns the Host allowlist off: for a server behind a proxy that checks Host itself.
         *
         * @return this builder
         */
        public Builder allowAnyHost() {
            this.allowAnyHost = true;
            return this;
        }

        /**
         * Whether a Host that is an IP literal (such as {@code 10.0.0.5:8080}, what a Kubernetes
         * probe sends) is allowed besides the names. DNS rebinding needs a name, so an IP literal
         * is safe; the default is true.
         *
         * @param allow whether to allow IP literals
         * @return this builder
         */
        public Builder allowIpLiteralHosts(boolean allow) {
            this.allowIpLiteralHosts = allow;
            return this;
        }

        /**
         * Whether {@code /metrics} answers only requests with the bearer token (401 otherwise).
         * The default is false, as Prometheus scrapers usually send no token; turn it on when
         * meters show equity or P&amp;L. The server then needs a token.
         *
         * @param require whether to require the token
         * @return this builder
         */
        public Builder metricsRequireToken(boolean require) {
            this.metricsRequireToken = require;
            return this;
        }

        /**
         * Serves HTTPS with the key and certificate in a PKCS12 keystore.
         *
         * @param keyStore the {@code .p12} file
         * @param password the keystore's password (also the key's); copied, never shown
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder tlsKeyStore(Path keyStore, char[] password) {
            this.tlsKeyStore = Checks.notNull(keyStore, "keyStore");
            this.tlsKeyStorePassword = Checks.notNull(password, "password").clone();
            this.tlsCertificates = null;
            this.tlsPrivateKey = null;
            return this;
        }

        /**
         * Serves HTTPS with a PEM certificate chain and an unencrypted PKCS#8 PEM private key
         * ({@code -----BEGIN PRIVATE KEY-----}), as cert-manager or Let's Encrypt write them.
         * Replaces a keystore set before.
         *
         * @param certificates the chain, server certificate first
         * @param privateKey the key file; keep it readable by the bot only
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder tlsPem(Path certificates, Path privateKey) {
            this.tlsCertificates = Checks.notNull(certificates, "certificates");
            this.tlsPrivateKey = Checks.notNull(privateKey, "privateKey");
            this.tlsKeyStore = null;
            this.tlsKeyStorePassword = null;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         */
        public HealthServerConfig build() {
            return new HealthServerConfig(this);
        }

        private static int range(int value, int min, int max, String parameter) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(parameter + " must be between " + min + " and " + max + ", got "
                        + value);
            }
            return value;
        }

        private static Duration duration(Duration value, String parameter) {
            Checks.notNull(value, parameter);
            if (value.compareTo(Duration.ofMillis(100)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(parameter + " must be between 100 ms and 1 hour, got " + value);
            }
            return value;
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof HealthServerConfig c)) {
            return false;
        }
        return port == c.port && workers == c.workers && maxRequestLine == c.maxRequestLine
                && maxHeaderBytes == c.maxHeaderBytes && maxRequestBodyBytes == c.maxRequestBodyBytes
                && maxConnections == c.maxConnections && allowAnyHost == c.allowAnyHost
                && allowIpLiteralHosts == c.allowIpLiteralHosts && metricsRequireToken == c.metricsRequireToken
                && bindAddress.equals(c.bindAddress) && detailVisibility == c.detailVisibility
                && idleTimeout.equals(c.idleTimeout) && headerReadTimeout.equals(c.headerReadTimeout)
                && writeTimeout.equals(c.writeTimeout) && shutdownGrace.equals(c.shutdownGrace)
                && allowedHosts.equals(c.allowedHosts) && Objects.equals(tlsKeyStore, c.tlsKeyStore)
                && Objects.equals(tlsCertificates, c.tlsCertificates) && Objects.equals(tlsPrivateKey, c.tlsPrivateKey)
                && Arrays.equals(tlsKeyStorePassword, c.tlsKeyStorePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, port, detailVisibility, workers, idleTimeout, allowedHosts, tlsKeyStore);
    }
}
