package dev.tradepulse.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.ChatUser;
import dev.tradepulse.chat.Inbound;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.slack.SlackApi.ApiException;
import dev.tradepulse.chat.slack.SlackSocket.End;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operates the bot over Slack Socket Mode: no public port. One daemon thread opens a connection
 * ({@code apps.connections.open} with the app-level token, then a JDK WebSocket to the URL Slack
 * gives), watches it with pings and an idle timeout, and reconnects with capped exponential
 * back-off and jitter when it drops, or at once when Slack sends {@code disconnect}. Slash
 * commands, button presses ({@code block_actions}) and messages go to the {@link ChatControl};
 * every envelope that has an {@code envelope_id} is acknowledged as soon as it is read, a slash
 * command's reply riding in its acknowledgement. Other replies, with their buttons as a Block Kit
 * actions block, are queued for a second thread that posts them with the bot token
 * ({@code chat.postMessage}) about once a second per channel. An envelope Slack sends again (same
 * {@code envelope_id}) is acknowledged again but handled once.
 *
 * <p>Every exchange is bounded: the HTTP calls by one deadline and a body limit, each WebSocket
 * message by a size cap (beyond it the connection is dropped and counted), the connect by a
 * timeout. Nothing here blocks or throws into trading code; failures show in
 * {@link #healthCheck()} (DEGRADED while disconnected) and {@link #counters()}. Neither token ever
 * appears in a log line, {@code toString}, exception or health output.
 *
 * <p>Live from {@link Builder#build()} until {@link #close()}. Thread-safe.
 */
public final class SlackTransport implements AutoCloseable {

    /** Slack's Web API. */
    public static final URI WEB_API = URI.create("https://slack.com/api/");
    private static final Logger LOG = LoggerFactory.getLogger(SlackTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final int SEEN_ENVELOPES = 2_000;
    private static final int MAX_ENVELOPE_ID = 200;
    private static final long CLOSE_MILLIS = 5_000;

    /**
     * What the transport has counted since it was built. Immutable.
     *
     * @param connections connections that Slack greeted with {@code hello}
     * @param reconnects connections that ended and were opened again
     * @param connectFailures failed attempts to open a connection
     * @param envelopes WebSocket messages received
     * @param acks envelopes acknowledged
     * @param duplicates envelopes received again and not handled again
     * @param malformed messages that were not JSON, or envelopes without an {@code envelope_id}
     *     or the fields their type needs
     * @param oversized messages over the size cap (each dropped its connection)
     * @param handled messages and button presses handed to the chat control
     * @param posted replies posted with {@code chat.postMessage}
     * @param dropped replies and acknowledgements that could not be sent
     */
    public record Counters(long connections, long reconnects, long connectFailures, long envelopes, long acks,
            long duplicates, long malformed, long oversized, long handled, long posted, long dropped) {
    }

    private final SlackApi api;
    private final ChatControl control;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Duration maxRetryAfter;
    private final Duration maxBackoff;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final int maxMessageChars;
    private final @Nullable String umbrella;
    private final SlackOutbox outbox;
    private final Thread connector;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_ENVELOPES;
        }
    };
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong envelopes = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong droppedAcks = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle inputLog = new LogThrottle(Duration.ofMinutes(1));
    private volatile @Nullable SlackSocket current;
    private volatile boolean connected;
    private volatile boolean closed;

    private SlackTransport(Builder b, HttpClient http) {
        this.api = new SlackApi(b.api, b.appToken, b.botToken, http, b.callTimeout);
        this.control = b.control;
        this.http = http;
        this.sleeper = b.sleeper;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxBackoff = b.maxBackoff;
        this.connectTimeout = b.connectTimeout;
        this.pingInterval = b.pingInterval;
        this.idleTimeout = b.idleTimeout;
        this.maxMessageChars = b.maxMessageChars;
        this.umbrella = b.umbrella;
        this.outbox = new SlackOutbox(api, b.sleeper, b.clock, b.maxRetryAfter, b.queueCapacity);
        this.connector = Threads.daemonThread("chat-slack-socket", this::connectLoop);
        if (!control.hasAllowedUsers()) {
            LOG.warn("Slack chat control is on, but no user is allowed: every command will be refused");
        }
        outbox.start();
        try {
            connector.start();
        } catch (Throwable e) {
            outbox.close(CLOSE_MILLIS); // release what was taken before rethrowing
            throw e;
        }
    }

    /**
     * @param appToken the app-level token ({@code xapp-...}, scope {@code connections:write}) that
     *     opens Socket Mode connections; never logged
     * @param botToken the bot token ({@code xoxb-...}, scopes {@code chat:write} and
     *     {@code commands}) that posts replies; never logged
     * @param control what to do with the commands
     * @return a builder for {@link #WEB_API}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a token is blank, or does not start with its prefix
     *     (the message names the parameter, never the token)
     */
    public static Builder builder(String appToken, String botToken, ChatControl control) {
        Checks.notBlank(appToken, "appToken");
        Checks.notBlank(botToken, "botToken");
        if (!appToken.startsWith("xapp-")) {
            throw new IllegalArgumentException("appToken must be an app-level token (xapp-...)");
        }
        if (!botToken.startsWith("xoxb-")) {
            throw new IllegalArgumentException("botToken must be a bot token (xoxb-...)");
        }
        return new Builder(appToken, botToken, Checks.notNull(control, "control"));
    }

    // ---- the connection -------------------------------------------------------------------

    private void connectLoop() {
        Duration backoff = FIRST_BACKOFF;
        boolean first = true;
        while (!closed) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            End end;
            try {
                end = session();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                connected = false;
                if (closed) {
                    return;
                }
                connectFailures.incrementAndGet();
                Duration wait = jitter(backoff);
                if (e instanceof ApiException a && a.status == 429) {
                    wait = min(a.retryAfter.orElse(wait), maxRetryAfter);
                }
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                if (failureLog.tryAcquire(System.nanoTime())) {
                    LOG.warn("Slack Socket Mode could not connect ({} failures so far), retrying in {} ms: {}",
                            connectFailures.get(), wait.toMillis(), describe(e));
                }
                if (!pause(wait)) {
                    return;
                }
                continue;
            }
            connected = false;
            if (closed || end == End.CLOSING) {
                return;
            }
            if (end == End.OVERSIZED) {
                oversized.incrementAndGet();
            }
            if (end == End.DISCONNECT_REQUESTED) {
                backoff = FIRST_BACKOFF;
                LOG.info("Slack asked to reconnect; reconnecting");
                continue;   // Slack asked: reconnect now
            }
            Duration wait = jitter(backoff);
            backoff = min(backoff.multipliedBy(2), maxBackoff);
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("The Slack socket ended ({}), reconnecting in {} ms", end, wait.toMillis());
            }
            if (!pause(wait)) {
                return;
            }
        }
    }

    /** @return false if the transport closes meanwhile */
    private boolean pause(Duration wait) {
        try {
            sleeper.sleep(wait);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Opens one connection and watches it until it ends. */
    private End session() throws IOException, InterruptedException {
        URI url = api.openConnection();
        SlackSocket socket = new SlackSocket(maxMessageChars, this::onMessage);
        current = socket;
        if (closed) {
            return End.CLOSING;
        }
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(connectTimeout)
                .buildAsync(url, socket);
        WebSocket ws;
        try {
            ws = opening.get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new IOException("the WebSocket did not open within " + connectTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            opening.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("the WebSocket did not open: " + cause.getClass().getSimpleName());
        }
        socket.attach(ws);
        long idleNanos = idleTimeout.toNanos();
        while (true) {
            End end = socket.awaitEnd(pingInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (end != null) {
                return end;
            }
            if (closed) {
                socket.end(End.CLOSING);
                return End.CLOSING;
            }
            if (System.nanoTime() - socket.lastHeardNanos() > idleNanos) {
                socket.end(End.IDLE);
            } else {
                socket.ping();
            }
        }
    }

    // ---- envelopes, on the WebSocket's thread ---------------------------------------------

    private void onMessage(String text) {
        envelopes.incrementAndGet();
        try {
            JsonNode envelope;
            try {
                envelope = JSON.readTree(text);
            } catch (IOException e) {
                malformed("a message that is not JSON");
                return;
            }
            if (envelope == null || !envelope.isObject()) {
                malformed("a message that is not a JSON object");
                return;
            }
            String type = envelope.path("type").asText("");
            if (type.equals("hello")) {
                connected = true;
                connections.incrementAndGet();
                return;
            }
            if (type.equals("disconnect")) {
                SlackSocket s = current;
                if (s != null) {
                    s.end(End.DISCONNECT_REQUESTED);
                }
                return;
            }
            JsonNode idNode = envelope.path("envelope_id");
            String id = idNode.isTextual() ? idNode.asText() : "";
            if (id.isBlank() || id.length() > MAX_ENVELOPE_ID) {
                malformed("an envelope of type " + LogText.clean(type, 40) + " without an envelope_id");
                return;
            }
            if (!firstSighting(id)) {
                duplicates.incrementAndGet();
                ack(id, null);
                return;
            }
            JsonNode payload = envelope.path("payload");
            switch (type) {
                case "slash_commands" -> {
                    Optional<Inbound> in = slashCommand(payload, umbrella);
                    Optional<Reply> reply = in.flatMap(this::handle);
                    ack(id, reply.orElse(null));   // the reply rides in the acknowledgement
                    if (in.isEmpty()) {
                        malformed("a slash command without a user, channel or command");
                    }
                }
                case "interactive" -> {
                    ack(id, null);
                    buttonPress(payload).ifPresent(in -> handle(in).ifPresent(r -> outbox.send(in.chatId(), r)));
                }
                case "events_api" -> {
                    ack(id, null);
                    message(payload.path("event")).ifPresent(in -> handle(in).ifPresent(r -> outbox.send(in.chatId(), r)));
                }
                default -> ack(id, null);   // a type we do not use: acknowledged so Slack stops sending it
            }
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            malformed("an envelope that could not be handled (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Optional<Reply> handle(Inbound in) {
        handled.incrementAndGet();
        try {
            return control.handle(in);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return Optional.of(Reply.text("Something went wrong; nothing was done."));
        }
    }

    private boolean firstSighting(String envelopeId) {
        synchronized (seen) {
            return seen.put(envelopeId, Boolean.TRUE) == null;
        }
    }

    private void ack(String envelopeId, @Nullable Reply reply) {
        ObjectNode ack = JSON.createObjectNode().put("envelope_id", envelopeId);
        if (reply != null) {
            ack.set("payload", SlackApi.message(reply));
        }
        SlackSocket s = current;
        if (s != null && s.send(ack.toString())) {
            acks.incrementAndGet();
        } else {
            droppedAcks.incrementAndGet();
        }
    }

    private void malformed(String what) {
        long n = malformed.incrementAndGet();
        if (inputLog.tryAcquire(System.nanoTime())) {
            LOG.warn("Slack sent {} ({} malformed so far); ignored", what, n);
        }
    }

    static Optional<Inbound> slashCommand(JsonNode p, @Nullable String umbrella) {
        String user = p.path("user_id").asText("");
        String channel = p.path("channel_id").asText("");
        String command = p.path("command").asText("");
        if (user.isBlank() || channel.isBlank() || !command.startsWith("/")) {
            return Optional.empty();
        }
        String text = p.path("text").asText("").strip();
        String line;
        if (command.equals(umbrella)) {
            line = "/" + (text.isEmpty() ? "help" : text);   // "/tradepulse halt momentum" is "/halt momentum"
        } else {
            line = text.isEmpty() ? command : command + " " + text;
        }
        return Optional.of(Inbound.message(user(user, p.path("user_name").asText("")), channel, group(channel), line));
    }

    static Optional<Inbound> buttonPress(JsonNode p) {
        if (!p.path("type").asText("").equals("block_actions")) {
            return Optional.empty();
        }
        JsonNode value = p.path("actions").path(0).path("value");
        String user = p.path("user").path("id").asText("");
        String channel = p.path("channel").path("id").asText(p.path("container").path("channel_id").asText(""));
        if (!value.isTextual() || user.isBlank() || channel.isBlank()) {
            return Optional.empty();
        }
        String name = p.path("user").path("username").asText(p.path("user").path("name").asText(""));
        return Optional.of(Inbound.button(user(user, name), channel, group(channel), value.asText()));
    }

    static Optional<Inbound> message(JsonNode event) {
        if (!event.path("type").asText("").equals("message") || event.has("bot_id") || event.has("subtype")) {
            return Optional.empty();
        }
        String user = event.path("user").asText("");
        String channel = event.path("channel").asText("");
        JsonNode text = event.path("text");
        if (user.isBlank() || channel.isBlank() || !text.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(Inbound.message(user(user, ""), channel, group(channel), text.asText()));
    }

    private static ChatUser user(String id, String name) {
        return new ChatUser("slack", LogText.clean(id, 64), LogText.clean(name, 64));
    }

    // Slack's direct-message channels start with D; everything else has other people in it.
    private static boolean group(String channel) {
        return !channel.startsWith("D");
    }

    private static String describe(Throwable e) {
        return LogText.clean(e.getClass().getSimpleName() + ": " + e.getMessage(), 300);
    }

    private static Duration jitter(Duration d) {
        return d.plusMillis(ThreadLocalRandom.current().nextLong(d.toMillis() / 2 + 1));
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- what it shows --------------------------------------------------------------------

    /** @return whether a connection is open and Slack has greeted it */
    public boolean connected() {
        return connected && !closed;
    }

    /** @return a snapshot of the counters */
    public Counters counters() {
        return new Counters(connections.get(), reconnects.get(), connectFailures.get(), envelopes.get(), acks.get(),
                duplicates.get(), malformed.get(), oversized.get(), handled.get(), outbox.sent(),
                outbox.dropped() + droppedAcks.get());
    }

    /**
     * @return DEGRADED while no connection is open (commands do not reach the bot), else HEALTHY;
     *     never UNHEALTHY, since trading goes on. The counters are its details; no token is.
     */
    public HealthCheck healthCheck() {
        return () -> {
            Counters c = counters();
            boolean up = connected();
            HealthResult.Builder r = HealthResult.builder(up ? HealthStatus.HEALTHY : HealthStatus.DEGRADED)
                    .message(up ? "Slack connected; " + c.handled() + " commands handled"
                            : "Slack disconnected (" + c.connectFailures() + " failed connects); chat commands do not reach the bot")
                    .detail("connections", c.connections()).detail("reconnects", c.reconnects())
                    .detail("connectFailures", c.connectFailures()).detail("envelopes", c.envelopes())
                    .detail("acks", c.acks()).detail("duplicates", c.duplicates()).detail("malformed", c.malformed())
                    .detail("oversized", c.oversized()).detail("posted", c.posted()).detail("dropped", c.dropped());
            return r.build();
        };
    }

    /**
     * Closes the socket and stops both threads within about {@value #CLOSE_MILLIS} ms each (10 s
     * at most in all); queued replies are dropped. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connected = false;
        SlackSocket s = current;
        if (s != null) {
            s.end(End.CLOSING);
        }
        connector.interrupt();
        outbox.close(CLOSE_MILLIS);
        try {
            connector.join(CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SlackTransport[" + (connected() ? "connected" : "disconnected") + ", connections " + connections.get()
                + ", envelopes " + envelopes.get() + "]";
    }

    /** Builds a {@link SlackTransport}. Not thread-safe. */
    public static final class Builder {
        private final String appToken;
        private final String botToken;
        private final ChatControl control;
        private URI api = WEB_API;
        private @Nullable HttpClient http;
        private Duration callTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private Clock clock = Clock.systemUTC();
        private int queueCapacity = 1_000;
        private int maxMessageChars = 1 << 20;
        private @Nullable String umbrella;

        private Builder(String appToken, String botToken, ChatControl control) {
            this.appToken = appToken;
            this.botToken = botToken;
            this.control = control;
        }

        /**
         * @param api the Web API base (default {@link #WEB_API}; a test's loopback server)
         * @return this builder
         * @throws NullPointerException if {@code api} is null
         */
        public Builder api(URI api) {
            this.api = Checks.notNull(api, "api");
            return this;
        }

        /**
         * @param http the client for the Web API and the WebSocket (default: one of the transport's
         *     own, with the connect timeout)
         * @return this builder
         * @throws NullPointerException if {@code http} is null
         */
        public Builder http(HttpClient http) {
            this.http = Checks.notNull(http, "http");
            return this;
        }

        /**
         * @param timeout the deadline of one Web API call, body included (default 10 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout how long opening the WebSocket may take (default 10 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * @param interval how often the watchdog pings the socket (default 10 s)
         * @param idle how long a silent socket (no message, ping or pong) is kept before it is
         *     dropped and reconnected (default 30 s); longer than {@code interval}
         * @return this builder
         * @throws IllegalArgumentException if not positive, or {@code idle} is not longer than {@code interval}
         */
        public Builder watchdog(Duration interval, Duration idle) {
            Checks.positive(interval, "interval");
            Checks.positive(idle, "idle");
            if (idle.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("idle must be longer than interval, but was " + idle);
            }
            this.pingInterval = interval;
            this.idleTimeout = idle;
            return this;
        }

        /**
         * @param max the longest {@code Retry-After} honoured (default 1 min)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param max the longest wait between reconnects (default 1 min); waits start at 1 s and
         *     double, with up to half again of jitter
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param sleeper waits between reconnects and retries (tests pass a ManualSleeper)
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is null
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Checks.notNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param clock for send pacing
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * @param replies the most replies waiting to be posted; more are dropped and counted (default 1,000)
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder queueCapacity(int replies) {
            if (replies < 1) {
                throw new IllegalArgumentException("replies must be >= 1, but was " + replies);
            }
            this.queueCapacity = replies;
            return this;
        }

        /**
         * @param chars the longest WebSocket message read, reassembled from its frames (default 1 Mi
         *     characters); a longer one drops the connection and is counted
         * @return this builder
         * @throws IllegalArgumentException if below 1,024
         */
        public Builder maxMessageChars(int chars) {
            if (chars < 1_024) {
                throw new IllegalArgumentException("chars must be >= 1024, but was " + chars);
            }
            this.maxMessageChars = chars;
            return this;
        }

        /**
         * Routes one slash command to every command: {@code /tradepulse halt momentum} runs
         * {@code /halt momentum}, and {@code /tradepulse} alone runs {@code /help}. Useful because
         * Slack's built-in commands (such as {@code /status}) cannot be registered by an app. Slash
         * commands registered under their own names keep working.
         *
         * @param slashCommand the umbrella command as registered in Slack, such as {@code /tradepulse}
         * @return this builder
         * @throws NullPointerException if {@code slashCommand} is null
         * @throws IllegalArgumentException if it is not a slash and 1 to 31 of {@code a-z 0-9 _ -}
         */
        public Builder umbrellaCommand(String slashCommand) {
            Checks.notNull(slashCommand, "slashCommand");
            if (!slashCommand.matches("/[a-z0-9_-]{1,31}")) {
                throw new IllegalArgumentException("slashCommand must be / and 1 to 31 of a-z 0-9 _ -, but was "
                        + LogText.clean(slashCommand, 40));
            }
            this.umbrella = slashCommand;
            return this;
        }

        /** @return the transport, connecting */
        public SlackTransport build() {
            HttpClient client = http;
            return new SlackTransport(this, client != null ? client
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).build());
        }
    }
}
