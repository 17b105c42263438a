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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Discord webhook: one embed per alert (at most 10 per message), coloured by severity, with
 * Discord's markdown escaped and mentions disabled, so alert text can never ping
 * {@code @everyone}. Honours Discord's rate-limit headers: after a response saying no requests
 * remain, the next message waits {@code X-RateLimit-Reset-After}; a 429's {@code retry_after} is
 * honoured too.
 *
 * <p>Immutable and thread-safe: {@link #deliver} may be called from several threads at once (each call is its own HTTP exchange).
 */
public final class DiscordSink implements ConfiguredSink {

    static final int MAX_EMBEDS = 10;

    private final String name;
    private final SinkConfig config;
    private final URI webhook;
    private final HttpDelivery http;
    private final Clock clock;
    private volatile Instant notBefore = Instant.MIN;

    private DiscordSink(SinkConfig config, String name, URI webhook, HttpDelivery http, Clock clock) {
        this.config = config;
        this.name = name;
        this.webhook = webhook;
        this.clock = clock;
        this.http = http;
    }

    /**
     * Creates the sink with the defaults: named {@code discord}, a 10-second deadline per exchange.
     *
     * @param webhook the webhook URL; a secret, never logged
     * @param client the HTTP client
     * @return the sink
     * @throws NullPointerException if an argument is null
     */
    public static DiscordSink create(URI webhook, HttpClient client) {
        return builder(webhook, client).build();
    }

    static DiscordSink create(URI webhook, HttpClient client, Clock clock) {
        return builder(webhook, client).clock(clock).build();
    }

    /**
     * Starts a builder, for a name, deadline or clock of your own.
     *
     * @param webhook the webhook URL; a secret, never logged
     * @param client the HTTP client
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(URI webhook, HttpClient client) {
        return new Builder(Objects.requireNonNull(webhook, "webhook must not be null"),
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures a {@link DiscordSink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final URI webhook;
        private final HttpClient client;

        private Builder(URI webhook, HttpClient client) {
            super("discord");
            this.webhook = webhook;
            this.client = client;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public DiscordSink build() {
            return new DiscordSink(settings.sinkConfig(), settings.name(), webhook, settings.delivery(client), settings.clock());
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
        return new Limits(4096, 2.0, 5);
    }

    @Override
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        Duration early = Duration.between(clock.instant(), notBefore);
        if (!early.isNegative() && !early.isZero()) {
            throw SinkException.retryable("discord webhook: rate limit bucket empty", early);
        }
        HttpDelivery.Response response = http.send("discord webhook", webhook, body(notification), Map.of());
        http.check("discord webhook", response, retryAfter(response));
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> resetAfter = response.headers().firstValue("X-RateLimit-Reset-After");
        if (remaining.isPresent() && remaining.get().trim().equals("0") && resetAfter.isPresent()) {
            notBefore = clock.instant().plus(seconds(resetAfter.get()));
        }
    }

    private static Optional<Duration> retryAfter(HttpDelivery.Response response) {
        if (response.status() != 429) {
            return Optional.empty();
        }
        try {
            JsonNode after = HttpDelivery.JSON.readTree(response.body()).path("retry_after");
            return after.isNumber() ? Optional.of(seconds(after.asText())) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofMillis((long) Math.ceil(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }


    /** Discord markdown: backslash-escape its control characters. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ("\\*_~`|>#[]()".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    static byte[] body(Notification notification) {
        List<Map<String, Object>> embeds = new ArrayList<>();
        List<Alert> alerts = notification.alerts();
        for (Alert a : alerts.subList(0, Math.min(MAX_EMBEDS, alerts.size()))) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("title", Text.cut(escape((a.status() == Alert.Status.RESOLVED ? "[RESOLVED] " : "")
                    + "[" + a.severity().priority() + "] " + a.summary()), 256));
            String text = a.description() + (a.details().isEmpty() ? "" : "\n" + Text.details(a));
            e.put("description", Text.cut(escape(text), 1000));
            e.put("color", Text.rgb(a));
            e.put("timestamp", a.startsAt().toString());
            e.put("footer", Map.of("text", Text.cut(escape(a.source().isEmpty() ? "tradepulse" : a.source()), 100)));
            embeds.add(e);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("username", "TradePulse");
        root.put("content", alerts.size() > MAX_EMBEDS ? (alerts.size() - MAX_EMBEDS) + " more alerts not shown" : "");
        root.put("embeds", embeds);
        root.put("allowed_mentions", Map.of("parse", List.of()));
        return HttpDelivery.json(root, "Discord message");
    }

    @Override
    public String toString() {
        return "DiscordSink[" + name + "]"; // the webhook URL is a secret
    }
}
