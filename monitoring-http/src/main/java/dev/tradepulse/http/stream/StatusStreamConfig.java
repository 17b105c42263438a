package dev.tradepulse.http.stream;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The status stream's settings, immutable: {@link #ofDefaults()}, {@link #custom()} or
 * {@link #from(StatusStreamConfig)}. It holds no secret (the token is the server's).
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class StatusStreamConfig {

    /** The default path of the WebSocket endpoint: {@value}. */
    public static final String DEFAULT_PATH = "/ws";
    /** The default bound on messages queued for one client: {@value}. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 256;
    /** The default coalescing window: 50 ms. */
    public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofMillis(50);
    /** The default refresh interval: 1 second. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    /** The default heartbeat (a WebSocket ping when nothing else was sent): 15 seconds. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    /** The default idle timeout of a connection: 60 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The default longest client message: {@value} characters. */
    public static final int DEFAULT_MAX_CLIENT_MESSAGE_CHARS = 4096;
    /** The default most discrete event messages per push: {@value}. */
    public static final int DEFAULT_MAX_EVENTS_PER_PUSH = 64;
    /** The default id of the section whose cards are the strategies: {@value}. */
    public static final String DEFAULT_STRATEGIES_SECTION = "strategies";

    private static final StatusStreamConfig DEFAULTS = new Builder().build();

    private final String path;
    private final int maxQueuedMessages;
    private final Duration coalesceWindow;
    private final Duration refreshInterval;
    private final Duration heartbeat;
    private final Duration idleTimeout;
    private final int maxClientMessageChars;
    private final int maxEventsPerPush;
    private final String strategiesSection;

    private StatusStreamConfig(Builder b) {
        this.path = b.path;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.coalesceWindow = b.coalesceWindow;
        this.refreshInterval = b.refreshInterval;
        this.heartbeat = b.heartbeat;
        this.idleTimeout = b.idleTimeout;
        this.maxClientMessageChars = b.maxClientMessageChars;
        this.maxEventsPerPush = b.maxEventsPerPush;
        this.strategiesSection = b.strategiesSection;
    }

    /**
     * The defaults: {@code /ws}, 256 queued messages per client, a 50 ms coalescing window, a
     * 1-second refresh, a 15-second heartbeat, a 60-second idle timeout, 4,096-character client
     * messages, 64 event messages per push, strategies in the {@code strategies} section.
     *
     * @return the default config
     */
    public static StatusStreamConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts from an existing config.
     *
     * @param base the config to copy
     * @return a builder holding its settings
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(StatusStreamConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.path = base.path;
        b.maxQueuedMessages = base.maxQueuedMessages;
        b.coalesceWindow = base.coalesceWindow;
        b.refreshInterval = base.refreshInterval;
        b.heartbeat = base.heartbeat;
        b.idleTimeout = base.idleTimeout;
        b.maxClientMessageChars = base.maxClientMessageChars;
        b.maxEventsPerPush = base.maxEventsPerPush;
        b.strategiesSection = base.strategiesSection;
        return b;
    }

    /** @return the endpoint's path */
    public String path() {
        return path;
    }

    /** @return how many messages may wait for one client before it is dropped as too slow */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** @return how long after an event the stream waits for more before it pushes */
    public Duration coalesceWindow() {
        return coalesceWindow;
    }

    /** @return how often the stream compares the status model with what it sent */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** @return how long a connection may go without a message before it gets a ping */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** @return how long a connection may be idle (nothing read or written) before it is closed */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the longest message a client may send; a longer one closes the connection (1009) */
    public int maxClientMessageChars() {
        return maxClientMessageChars;
    }

    /** @return the most discrete event messages in one push; the rest reach clients as section updates */
    public int maxEventsPerPush() {
        return maxEventsPerPush;
    }

    /** @return the id of the section whose cards are the strategies */
    public String strategiesSection() {
        return strategiesSection;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StatusStreamConfig c && path.equals(c.path) && maxQueuedMessages == c.maxQueuedMessages
                && coalesceWindow.equals(c.coalesceWindow) && refreshInterval.equals(c.refreshInterval)
                && heartbeat.equals(c.heartbeat) && idleTimeout.equals(c.idleTimeout)
                && maxClientMessageChars == c.maxClientMessageChars && maxEventsPerPush == c.maxEventsPerPush
                && strategiesSection.equals(c.strategiesSection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, maxQueuedMessages, coalesceWindow, refreshInterval, heartbeat, idleTimeout,
                maxClientMessageChars, maxEventsPerPush, strategiesSection);
    }

    @Override
    public String toString() {
        return "StatusStreamConfig[path=" + path + ", maxQueuedMessages=" + maxQueuedMessages + ", coalesceWindow="
                + coalesceWindow + ", refreshInterval=" + refreshInterval + ", heartbeat=" + heartbeat
                + ", idleTimeout=" + idleTimeout + ", maxClientMessageChars=" + maxClientMessageChars
                + ", maxEventsPerPush=" + maxEventsPerPush + ", strategiesSection=" + strategiesSection + "]";
    }

    /** Collects settings; each setter checks its own, {@link #build()} checks how they fit together. */
    public static final class Builder {
        private String path = DEFAULT_PATH;
        private int maxQueuedMessages = DEFAULT_MAX_QUEUED_MESSAGES;
        private Duration coalesceWindow = DEFAULT_COALESCE_WINDOW;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxClientMessageChars = DEFAULT_MAX_CLIENT_MESSAGE_CHARS;
        private int maxEventsPerPush = DEFAULT_MAX_EVENTS_PER_PUSH;
        private String strategiesSection = DEFAULT_STRATEGIES_SECTION;

        private Builder() {
        }

        /**
         * The endpoint's path.
         *
         * @param path starts with '/', letters, digits, '/', '-', '_' and '.' only
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code path} does not match
         */
        public Builder path(String path) {
            Checks.notNull(path, "path");
            if (!path.matches("/[A-Za-z0-9/._-]{0,127}")) {
                throw new IllegalArgumentException("path must start with '/' and hold only letters, digits, "
                        + "'/', '.', '-' and '_' (at most 128 characters)");
            }
            this.path = path;
            return this;
        }

        /**
         * How many messages may wait for one client; one more and the client is dropped as too
         * slow. It must be above {@link #maxEventsPerPush}.
         *
         * @param messages 1 to 100,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxQueuedMessages(int messages) {
            this.maxQueuedMessages = range(messages, 1, 100_000, "messages");
            return this;
        }

        /**
         * How long after an event the stream waits for more before pushing, so a burst goes out together.
         *
         * @param window zero to 5 seconds
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder coalesceWindow(Duration window) {
            Checks.notNull(window, "window");
            if (window.isNegative() || window.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new IllegalArgumentException("window must be between 0 and 5 s, got " + window);
            }
            this.coalesceWindow = window;
            return this;
        }

        /**
         * How often the stream compares the status model with what it sent, and sends what changed.
         *
         * @param interval 100 ms to 1 minute
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = between(interval, Duration.ofMillis(100), Duration.ofMinutes(1), "interval");
            return this;
        }

        /**
         * How long a connection may go without a message before it gets a ping.
         *
         * @param heartbeat 1 second to 10 minutes
         * @return this builder
         * @throws NullPointerException if {@code heartbeat} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = between(heartbeat, Duration.ofSeconds(1), Duration.ofMinutes(10), "heartbeat");
            return this;
        }

        /**
         * How long a connection may be idle before it is closed; keep it above the heartbeat.
         *
         * @param timeout 1 second to 1 hour
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = between(timeout, Duration.ofSeconds(1), Duration.ofHours(1), "timeout");
            return this;
        }

        /**
         * The longest message a client may send.
         *
         * @param chars 64 to 65,536
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxClientMessageChars(int chars) {
            this.maxClientMessageChars = range(chars, 64, 65_536, "chars");
            return this;
        }

        /**
         * The most discrete event messages in one push.
         *
         * @param events 1 to 10,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxEventsPerPush(int events) {
            this.maxEventsPerPush = range(events, 1, 10_000, "events");
            return this;
        }

        /**
         * The id of the section whose cards are the strategies, one card per strategy titled
         * with its name ({@code TradingSections.strategies} in monitoring-trading).
         *
         * @param id the section id
         * @return this builder
         * @throws NullPointerException if {@code id} is null
         * @throws IllegalArgumentException if {@code id} is blank
         */
        public Builder strategiesSection(String id) {
            this.strategiesSection = Checks.notBlank(id, "id");
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException if {@code maxQueuedMessages} is not above
         *     {@code maxEventsPerPush} (one push could then drop a client that reads)
         */
        public StatusStreamConfig build() {
            if (maxQueuedMessages <= maxEventsPerPush) {
                throw new IllegalArgumentException("maxQueuedMessages (" + maxQueuedMessages
                        + ") must be above maxEventsPerPush (" + maxEventsPerPush + "): one push holds up to "
                        + "maxEventsPerPush event messages and the section updates");
            }
            return new StatusStreamConfig(this);
        }

        private static int range(int value, int min, int max, String parameter) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(parameter + " must be between " + min + " and " + max + ", got "
                        + value);
            }
            return value;
        }

        private static Duration between(Duration value, Duration min, Duration max, String parameter) {
            Checks.notNull(value, parameter);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(parameter + " must be between " + min + " and " + max + ", got "
                        + value);
            }
            return value;
        }
    }
}
