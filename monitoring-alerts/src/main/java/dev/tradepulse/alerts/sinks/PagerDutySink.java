package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2: one {@code trigger} or {@code resolve} event per alert, with the
 * alert key as {@code dedup_key} (hashed if over 255 characters), {@code summary} cut to 1,024,
 * and severity mapped to critical, error, warning or info. 202 is success; 400 is not retried;
 * 429 and 5xx are.
 *
 * <p>Immutable and thread-safe: {@link #deliver} may be called from several threads at once (each call is its own HTTP exchange).
 */
public final class PagerDutySink implements ConfiguredSink {

    /** The Events API v2 endpoint. */
    public static final URI EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");

    private final String name;
    private final SinkConfig config;
    private final URI endpoint;
    private final String routingKey;
    private final HttpDelivery http;

    private PagerDutySink(SinkConfig config, String name, URI endpoint, String routingKey, HttpDelivery http) {
        this.config = config;
        this.name = name;
        this.endpoint = endpoint;
        this.routingKey = routingKey;
        this.http = http;
    }

    /**
     * Creates the sink with the defaults: named {@code pagerduty}, a 10-second deadline per delivery.
     *
     * @param endpoint normally {@link #EVENTS_V2}
     * @param routingKey the integration key; a secret, never logged
     * @param client the HTTP client
     * @return the sink
     * @throws NullPointerException if an argument is null
     */
    public static PagerDutySink create(URI endpoint, String routingKey, HttpClient client) {
        return builder(endpoint, routingKey, client).build();
    }

    /**
     * Starts a builder, for a name, deadline or clock of your own.
     *
     * @param endpoint normally {@link #EVENTS_V2}
     * @param routingKey the integration key; a secret, never logged
     * @param client the HTTP client
     * @return the builder
     * @throws IllegalArgumentException if the routing key is not 32 characters long
     */
    public static Builder builder(URI endpoint, String routingKey, HttpClient client) {
        Objects.requireNonNull(routingKey, "routingKey must not be null");
        if (routingKey.length() != 32) {
            throw new IllegalArgumentException("routingKey must be the 32-character integration key");
        }
        return new Builder(Objects.requireNonNull(endpoint, "endpoint must not be null"), routingKey,
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures a {@link PagerDutySink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final URI endpoint;
        private final String routingKey;
        private final HttpClient client;

        private Builder(URI endpoint, String routingKey, HttpClient client) {
            super("pagerduty");
            this.endpoint = endpoint;
            this.routingKey = routingKey;
            this.client = client;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public PagerDutySink build() {
            return new PagerDutySink(settings.sinkConfig(), settings.name(), endpoint, routingKey, settings.delivery(client));
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
        return new Limits(1024, 2.0, 10); // PagerDuty takes about 120 events a minute per key
    }

    @Override
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        long deadline = http.deadlineFromNow(); // one deadline for every event of the notification
        for (Alert a : notification.alerts()) {
            http.postJson("pagerduty enqueue", endpoint, event(a), Map.of(), deadline);
        }
    }

    byte[] event(Alert a) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("routing_key", routingKey);
        boolean resolve = a.status() == Alert.Status.RESOLVED;
        root.put("event_action", resolve ? "resolve" : "trigger");
        root.put("dedup_key", dedupKey(a.key()));
        if (!resolve) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", Text.cut("[" + a.severity().priority() + "] " + a.summary(), 1024));
            payload.put("source", a.source().isEmpty() ? "tradepulse" : a.source());
            payload.put("severity", severity(a));
            payload.put("timestamp", a.startsAt().toString());
            Map<String, Object> details = new LinkedHashMap<>(a.details());
            if (!a.description().isEmpty()) {
                details.put("description", Text.cut(a.description(), 8192)); // events are capped at 512 KB
            }
            details.putAll(a.labels());
            payload.put("custom_details", details);
            root.put("payload", payload);
            a.runbook().ifPresent(r -> root.put("links", List.of(Map.of("href", r.toString(), "text", "Runbook"))));
        }
        return HttpDelivery.json(root, "PagerDuty event");
    }

    static String severity(Alert a) {
        return switch (a.severity()) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }

    /** PagerDuty caps dedup keys at 255 characters: longer keys are replaced by their SHA-256. */
    static String dedupKey(String key) {
        if (key.length() <= 255) {
            return key;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PagerDutySink[" + name + "]"; // the routing key is a secret
    }
}
