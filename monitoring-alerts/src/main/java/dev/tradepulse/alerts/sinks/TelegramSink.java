package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Telegram Bot API {@code sendMessage} with {@code parse_mode} HTML: text escaped for HTML, cut
 * to Telegram's 4,096 characters, and {@code parameters.retry_after} honoured on 429. Telegram
 * allows about one message per second per chat; the seeds use one per three seconds.
 *
 * <p>Immutable and thread-safe: {@link #deliver} may be called from several threads at once (each call is its own HTTP exchange).
 */
public final class TelegramSink implements ConfiguredSink {

    /** The Bot API's default address. */
    public static final URI BOT_API = URI.create("https://api.telegram.org/");
    static final int MAX_CHARS = 4096;

    private final String name;
    private final SinkConfig config;
    private final URI sendMessage;
    private final String chatId;
    private final HttpDelivery http;
    private final Limits limits;

    private TelegramSink(SinkConfig config, String name, URI api, String token, String chatId, HttpDelivery http, double perSecond) {
        this.config = config;
        this.name = name;
        // Concatenated, not resolved: the token's ':' would parse as a URI scheme (and leak into the error).
        String base = api.toString().endsWith("/") ? api.toString() : api + "/";
        this.sendMessage = URI.create(base + "bot" + token + "/sendMessage");
        this.chatId = chatId;
        this.http = http;
        this.limits = new Limits(MAX_CHARS, perSecond, 1);
    }

    /**
     * Creates the sink, sending at most one message per second.
     *
     * @param api the Bot API base, normally {@link #BOT_API}
     * @param token the bot token; a secret, never logged
     * @param chatId the chat to send to
     * @param client the HTTP client
     * @return the sink
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} does not look like a bot token, or a rate is out of range
     */
    public static TelegramSink create(URI api, String token, String chatId, HttpClient client) {
        return builder(api, token, chatId, client).build();
    }

    /**
     * Creates the sink with its own rate.
     *
     * @param api the Bot API base
     * @param token the bot token; a secret
     * @param chatId the chat
     * @param client the HTTP client
     * @param messagesPerSecond at most 1
     * @return the sink
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} does not look like a bot token, or a rate is out of range
     */
    public static TelegramSink create(URI api, String token, String chatId, HttpClient client, double messagesPerSecond) {
        return builder(api, token, chatId, client).messagesPerSecond(messagesPerSecond).build();
    }

    /**
     * Starts a builder, for a name, rate, deadline or clock of your own.
     *
     * @param api the Bot API base, normally {@link #BOT_API}
     * @param token the bot token; a secret, never logged
     * @param chatId the chat to send to
     * @param client the HTTP client
     * @return the builder
     * @throws IllegalArgumentException if the token does not look like a bot token
     */
    public static Builder builder(URI api, String token, String chatId, HttpClient client) {
        Objects.requireNonNull(api, "api must not be null");
        Objects.requireNonNull(token, "token must not be null");
        if (!token.matches("[0-9]+:[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("token must look like a bot token (digits:letters)");
        }
        return new Builder(api, token, Objects.requireNonNull(chatId, "chatId must not be null"),
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures a {@link TelegramSink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final URI api;
        private final String token;
        private final String chatId;
        private final HttpClient client;
        private double messagesPerSecond = 1.0;

        private Builder(URI api, String token, String chatId, HttpClient client) {
            super("telegram");
            this.api = api;
            this.token = token;
            this.chatId = chatId;
            this.client = client;
        }

        /**
         * The most messages per second to send to the chat; the default is 1, Telegram's limit.
         *
         * @param messagesPerSecond in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if {@code messagesPerSecond} is not in (0, 1]
         */
        public Builder messagesPerSecond(double messagesPerSecond) {
            if (!(messagesPerSecond > 0 && messagesPerSecond <= 1)) {
                throw new IllegalArgumentException("messagesPerSecond must be in (0, 1], got " + messagesPerSecond);
            }
            this.messagesPerSecond = messagesPerSecond;
            return this;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public TelegramSink build() {
            return new TelegramSink(settings.sinkConfig(), settings.name(), api, token, chatId, settings.delivery(client), messagesPerSecond);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkConfig config() {
        return config;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", render(notification));
        body.put("parse_mode", "HTML");
        body.put("disable_web_page_preview", true);
        byte[] bytes = HttpDelivery.json(body, "Telegram message");
        HttpDelivery.Response response = http.send("telegram sendMessage", sendMessage, bytes, Map.of());
        http.check("telegram sendMessage", response, retryAfter(response));
    }

    /** Telegram puts the wait in the body: {@code {"parameters":{"retry_after":5}}}. */
    private static Optional<Duration> retryAfter(HttpDelivery.Response response) {
        if (response.status() != 429) {
            return Optional.empty();
        }
        try {
            JsonNode after = HttpDelivery.JSON.readTree(response.body()).path("parameters").path("retry_after");
            return after.canConvertToLong() ? Optional.of(Duration.ofSeconds(after.asLong())) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** HTML text; every piece of alert text is escaped, and the whole cut to 4,096 characters. */
    static String render(Notification notification) {
        StringBuilder b = new StringBuilder();
        for (Alert a : notification.alerts()) {
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(a.status() == Alert.Status.RESOLVED ? "✅ <b>RESOLVED</b> " : icon(a))
                    .append("<b>[").append(a.severity().priority()).append(' ').append(a.severity()).append("]</b> ")
                    .append(Text.html(a.summary()));
            if (!a.description().isEmpty()) {
                b.append('\n').append(Text.html(a.description()));
            }
            if (!a.details().isEmpty()) {
                b.append("\n<code>").append(Text.html(Text.details(a))).append("</code>");
            }
            if (b.length() > MAX_CHARS) {
                break;
            }
        }
        return cutHtml(b.toString());
    }

    private static String icon(Alert a) {
        return switch (a.severity()) {
            case CRITICAL -> "🚨 ";
            case HIGH -> "🔴 ";
            case MEDIUM -> "🟠 ";
            case LOW -> "🔵 ";
        };
    }

    /** Cuts without leaving half an entity or an open tag, which Telegram would reject. */
    static String cutHtml(String html) {
        if (html.length() <= MAX_CHARS) {
            return html;
        }
        int end = MAX_CHARS - 1;
        int amp = html.lastIndexOf('&', end);
        if (amp >= 0 && html.indexOf(';', amp) >= end) {
            end = amp;
        }
        int lt = html.lastIndexOf('<', end);
        if (lt >= 0 && html.indexOf('>', lt) >= end) {
            end = lt;
        }
        String cut = html.substring(0, end);
        if (end > 0 && Character.isHighSurrogate(cut.charAt(end - 1))) {
            cut = cut.substring(0, end - 1);
        }
        // Close a <b> or <code> the cut left open.
        for (String tag : new String[] {"code", "b"}) {
            if (cut.lastIndexOf("<" + tag + ">") > cut.lastIndexOf("</" + tag + ">")) {
                cut = cut.substring(0, Math.min(cut.length(), MAX_CHARS - tag.length() - 4)) + "</" + tag + ">";
            }
        }
        return cut + "…";
    }

    @Override
    public String toString() {
        return "TelegramSink[" + name + ", chat " + chatId + "]"; // the token is a secret
    }
}
