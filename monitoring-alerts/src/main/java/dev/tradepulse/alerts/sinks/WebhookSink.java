package dev.tradepulse.alerts.sinks;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * POSTs each notification as JSON to any URL. With a secret, the body is signed:
 * {@code X-TradePulse-Signature: sha256=<lowercase hex HMAC-SHA256 of the exact body bytes>}.
 *
 * <pre>{"version":"1","status":"firing","alerts":[{"key":…,"severity":"critical","priority":"P1",…}]}</pre>
 */
public final class WebhookSink implements AlertSink {


    private final String name;
    private final URI uri;
    private final @Nullable SecretKeySpec secret;
    private final HttpDelivery http;

    private WebhookSink(String name, URI uri, byte @Nullable [] secret, HttpDelivery http) {
        this.name = name;
        this.uri = uri;
        this.secret = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
        this.http = http;
    }

    /**
     * An unsigned webhook.
     *
     * @param name the sink name
     * @param uri where to POST; treated as a secret (never logged)
     * @param client the HTTP client
     * @return the sink
     */
    public static WebhookSink create(String name, URI uri, HttpClient client) {
        return builder(uri, client).name(Objects.requireNonNull(name, "name must not be null")).build();
    }

    /**
     * A signed webhook.
     *
     * @param name the sink name
     * @param uri where to POST; treated as a secret
     * @param secret the HMAC key, at least 16 bytes
     * @param client the HTTP client
     * @return the sink
     */
    public static WebhookSink signed(String name, URI uri, byte[] secret, HttpClient client) {
        return builder(uri, client).name(Objects.requireNonNull(name, "name must not be null")).secret(secret).build();
    }

    /**
     * Starts a builder: named {@code webhook} and unsigned unless told otherwise.
     *
     * @param uri where to POST; treated as a secret (never logged)
     * @param client the HTTP client
     * @return the builder
     */
    public static Builder builder(URI uri, HttpClient client) {
        return new Builder(Objects.requireNonNull(uri, "uri must not be null"),
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures a {@link WebhookSink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final URI uri;
        private final HttpClient client;
        private byte @Nullable [] secret;

        private Builder(URI uri, HttpClient client) {
            super("webhook");
            this.uri = uri;
            this.client = client;
        }

        /**
         * Signs every body with this HMAC-SHA256 key ({@code X-TradePulse-Signature}).
         *
         * @param secret the key, at least 16 bytes; copied
         * @return this builder
         */
        public Builder secret(byte[] secret) {
            Objects.requireNonNull(secret, "secret must not be null");
            if (secret.length < 16) {
                throw new IllegalArgumentException("secret must be at least 16 bytes, got " + secret.length);
            }
            this.secret = secret.clone();
            return this;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public WebhookSink build() {
            return new WebhookSink(http.name(), uri, secret == null ? null : secret.clone(), http.delivery(client));
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Receivers of generic webhooks vary; 16 KiB of text per message is a safe size for all of them. */
    @Override
    public Limits limits() {
        return new Limits(16_384, Double.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        byte[] body = body(notification);
        Map<String, String> headers = new LinkedHashMap<>();
        if (secret != null) {
            headers.put("X-TradePulse-Signature", "sha256=" + sign(body));
        }
        http.postJson("webhook '" + name + "'", uri, body, headers);
    }

    static byte[] body(Notification notification) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert a : notification.alerts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", a.key());
            m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("priority", a.severity().priority());
            m.put("summary", Text.cut(a.summary(), 1024));
            m.put("description", Text.cut(a.description(), 8192));
            m.put("labels", a.labels());
            m.put("details", a.details());
            m.put("source", a.source());
            m.put("startsAt", a.startsAt().toString());
            a.endsAt().ifPresent(t -> m.put("endsAt", t.toString()));
            a.runbook().ifPresent(r -> m.put("runbook", r.toString()));
            alerts.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1");
        root.put("status", notification.first().status().name().toLowerCase(java.util.Locale.ROOT));
        root.put("alerts", alerts);
        return HttpDelivery.json(root, "webhook payload");
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSink[" + name + (secret != null ? ", signed" : "") + "]";
    }
}
