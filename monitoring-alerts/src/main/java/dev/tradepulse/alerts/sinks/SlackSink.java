package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack incoming webhook: one message per notification, one attachment per alert (at most
 * {@value #MAX_ATTACHMENTS}, then a count), coloured by severity, with mrkdwn's control
 * characters escaped. Slack allows about one message per second per webhook.
 *
 * <p>Immutable and thread-safe: {@link #deliver} may be called from several threads at once (each call is its own HTTP exchange).
 */
public final class SlackSink implements ConfiguredSink {

    static final int MAX_ATTACHMENTS = 20;
    private static final Limits LIMITS = new Limits(3000, 1.0, 1);

    private final String name;
    private final SinkConfig config;
    private final URI webhook;
    private final HttpDelivery http;

    private SlackSink(SinkConfig config, String name, URI webhook, HttpDelivery http) {
        this.config = config;
        this.name = name;
        this.webhook = webhook;
        this.http = http;
    }

    /**
     * Creates the sink with the defaults: named {@code slack}, a 10-second deadline per exchange.
     *
     * @param webhook the incoming-webhook URL; a secret, never logged
     * @param client the HTTP client
     * @return the sink
     * @throws NullPointerException if an argument is null
     */
    public static SlackSink create(URI webhook, HttpClient client) {
        return builder(webhook, client).build();
    }

    /**
     * Starts a builder, for a name, deadline or clock of your own.
     *
     * @param webhook the incoming-webhook URL; a secret, never logged
     * @param client the HTTP client
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(URI webhook, HttpClient client) {
        return new Builder(Objects.requireNonNull(webhook, "webhook must not be null"),
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures a {@link SlackSink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final URI webhook;
        private final HttpClient client;

        private Builder(URI webhook, HttpClient client) {
            super("slack");
            this.webhook = webhook;
            this.client = client;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public SlackSink build() {
            return new SlackSink(settings.sinkConfig(), settings.name(), webhook, settings.delivery(client));
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
        return LIMITS;
    }

    @Override
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        http.postJson("slack webhook", webhook, body(notification), Map.of());
    }

    static String color(Alert alert) {
        return String.format(Locale.ROOT, "#%06x", Text.rgb(alert));
    }

    static byte[] body(Notification notification) {
        List<Map<String, Object>> attachments = new ArrayList<>();
        List<Alert> alerts = notification.alerts();
        for (Alert a : alerts.subList(0, Math.min(MAX_ATTACHMENTS, alerts.size()))) {
            Map<String, Object> att = new LinkedHashMap<>();
            att.put("color", color(a));
            att.put("title", Text.cut(Text.slack((a.status() == Alert.Status.RESOLVED ? "[RESOLVED] " : "")
                    + "[" + a.severity().priority() + "] " + a.summary()), 250));
            String text = a.description() + (a.details().isEmpty() ? "" : "\n" + Text.details(a));
            att.put("text", Text.cut(Text.slack(text), LIMITS.maxMessageChars()));
            att.put("footer", Text.slack(a.source().isEmpty() ? "tradepulse" : a.source()));
            att.put("ts", a.startsAt().getEpochSecond());
            att.put("mrkdwn_in", List.of("text"));
            attachments.add(att);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        String more = alerts.size() > MAX_ATTACHMENTS ? " (" + (alerts.size() - MAX_ATTACHMENTS) + " more not shown)" : "";
        root.put("text", Text.cut(Text.slack(notification.title()), 500) + more);
        root.put("attachments", attachments);
        return HttpDelivery.json(root, "Slack message");
    }

    @Override
    public String toString() {
        return "SlackSink[" + name + "]"; // the webhook URL is a secret
    }
}
