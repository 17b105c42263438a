package dev.tradepulse.spring.boot.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where TradePulse's status page is served under Spring Boot.
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties("tradepulse.status")
public class StatusProperties {

    /** Where the status page is served. */
    public enum On {
        /** On the application's own web server, under {@code tradepulse.status.path}. */
        APPLICATION,
        /** On TradePulse's own server ({@code tradepulse.server.*}), which also serves /health and /metrics. */
        OWN_PORT,
        /** Nowhere, unless tradepulse.server.enabled=true is set (TradePulse's own server always serves it). */
        OFF
    }

    /**
     * Where the status page and its stream are served: application (the application's web server,
     * under tradepulse.status.path), own-port (TradePulse's own server on tradepulse.server.port),
     * or off.
     */
    private On on = On.OFF;

    /** The path of the status page on the application's web server (tradepulse.status.on=application). */
    private String path = "/tradepulse";

    /** Most status streams (/events) open at once on the application's server; each holds a request thread. */
    private int maxStreams = 8;

    /** @return where the page is served */
    public On getOn() {
        return on;
    }

    /** @param on where the page is served */
    public void setOn(On on) {
        this.on = on;
    }

    /** @return the page's path on the application's server */
    public String getPath() {
        return path;
    }

    /**
     * @param path the page's path on the application's server: {@code /} and at least one more character
     *     of letters, digits, '-', '_', '.' or '/', not ending in '/'
     * @throws IllegalArgumentException if {@code path} is not such a path
     */
    public void setPath(String path) {
        if (!path.matches("/[A-Za-z0-9._/-]*[A-Za-z0-9._-]") || path.contains("//")) {
            throw new IllegalArgumentException("tradepulse.status.path must be a path such as /tradepulse, got: "
                    + path.replaceAll("[^\\x20-\\x7e]", "?"));
        }
        this.path = path;
    }

    /** @return most streams open at once */
    public int getMaxStreams() {
        return maxStreams;
    }

    /**
     * @param maxStreams most streams open at once; at least 1
     * @throws IllegalArgumentException if {@code maxStreams} is below 1
     */
    public void setMaxStreams(int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("tradepulse.status.max-streams must be at least 1, got " + maxStreams);
        }
        this.maxStreams = maxStreams;
    }
}
