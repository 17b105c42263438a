package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.api.support.Threads;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands alerts to Prometheus Alertmanager (API v2, {@code POST /api/v2/alerts}), for teams that
 * route many bots through one Alertmanager. Every configured Alertmanager gets every alert, as
 * Alertmanager's high-availability setup expects. Firing alerts are re-sent periodically (every
 * minute by default), because Alertmanager resolves an alert it has not heard about for its
 * {@code resolve_timeout}; a resolve is sent with {@code endsAt}.
 *
 * <p>Labels: {@code alertname} (the key up to its first ':'), {@code severity}, {@code key} (the
 * whole key), and the alert's own labels, names made valid for Prometheus. Annotations:
 * {@code summary}, {@code description}, {@code runbook_url}.
 *
 * <p>Thread-safe: {@link #deliver} may be called from several threads at once; the firing set it re-sends is a concurrent map, re-sent by one daemon thread until {@link #close()}.
 */
public final class AlertmanagerSink implements ConfiguredSink {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");

    private final String name;
    private final SinkConfig config;
    private final List<URI> endpoints;
    private final URI generator;
    private final HttpDelivery http;
    private final Map<String, Alert> firing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService resender;

    private AlertmanagerSink(SinkConfig config, String name, List<URI> alertmanagers, URI generator, HttpDelivery http,
            Duration resendEvery) {
        this.config = config;
        this.name = name;
        this.endpoints = alertmanagers.stream().map(u -> u.resolve("/api/v2/alerts")).toList();
        this.generator = generator;
        this.http = http;
        this.resender = Executors.newSingleThreadScheduledExecutor(Threads.daemon("alertmanager-resend-" + name));
        long every = resendEvery.toMillis();
        resender.scheduleWithFixedDelay(this::resendFiring, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates the sink.
     *
     * @param alertmanagers each Alertmanager's base URL, such as {@code http://127.0.0.1:9093}
     * @param generator the link Alertmanager shows as the alert's source (the bot's status page)
     * @param client the HTTP client
     * @param resendEvery how often firing alerts are re-sent; below Alertmanager's {@code resolve_timeout}
     * @return the sink
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code alertmanagers} is empty or {@code resendEvery} is not positive
     */
    public static AlertmanagerSink create(List<URI> alertmanagers, URI generator, HttpClient client,
            Duration resendEvery) {
        return builder(alertmanagers, generator, client).resendEvery(resendEvery).build();
    }

    /**
     * Starts a builder: named {@code alertmanager}, re-sending firing alerts every minute.
     *
     * @param alertmanagers each Alertmanager's base URL, such as {@code http://127.0.0.1:9093}
     * @param generator the link Alertmanager shows as the alert's source (the bot's status page)
     * @param client the HTTP client
     * @return the builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code alertmanagers} is empty
     */
    public static Builder builder(List<URI> alertmanagers, URI generator, HttpClient client) {
        Objects.requireNonNull(alertmanagers, "alertmanagers must not be null");
        if (alertmanagers.isEmpty()) {
            throw new IllegalArgumentException("alertmanagers must name at least one Alertmanager");
        }
        return new Builder(List.copyOf(alertmanagers), Objects.requireNonNull(generator, "generator must not be null"),
                Objects.requireNonNull(client, "client must not be null"));
    }

    /** Configures an {@link AlertmanagerSink}. */
    public static final class Builder extends HttpSinkBuilder<Builder> {
        private final List<URI> alertmanagers;
        private final URI generator;
        private final HttpClient client;
        private Duration resendEvery = Duration.ofMinutes(1);

        private Builder(List<URI> alertmanagers, URI generator, HttpClient client) {
            super("alertmanager");
            this.alertmanagers = alertmanagers;
            this.generator = generator;
            this.client = client;
        }

        /**
         * How often firing alerts are re-sent; keep it below Alertmanager's {@code resolve_timeout}.
         * The default is one minute.
         *
         * @param resendEvery positive
         * @return this builder
         * @throws NullPointerException if {@code resendEvery} is null
         * @throws IllegalArgumentException if {@code resendEvery} is not positive
         */
        public Builder resendEvery(Duration resendEvery) {
            Objects.requireNonNull(resendEvery, "resendEvery must not be null");
            if (resendEvery.isNegative() || resendEvery.isZero()) {
                throw new IllegalArgumentException("resendEvery must be positive, but was " + resendEvery);
            }
            this.resendEvery = resendEvery;
            return this;
        }

        /**
         * Builds the sink and starts its re-sending thread.
         *
         * @return the sink
         */
        public AlertmanagerSink build() {
            return new AlertmanagerSink(settings.sinkConfig(), settings.name(), alertmanagers, generator, settings.delivery(client), resendEvery);
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
    public void deliver(Notification notification) throws SinkException, InterruptedException {
        for (Alert a : notification.alerts()) {
            if (a.status() == Alert.Status.RESOLVED) {
                firing.remove(a.key());
            } else {
                firing.put(a.key(), a);
            }
        }
        post(notification.alerts());
    }

    /** Posts to every Alertmanager; fails (retryably) if any of them failed, after trying all. */
    private void post(List<Alert> alerts) throws SinkException, InterruptedException {
        byte[] body = body(alerts);
        SinkException failure = null;
        for (URI endpoint : endpoints) {
            try {
                http.postJson("alertmanager " + endpoint.getHost() + ":" + endpoint.getPort(), endpoint, body, Map.of());
            } catch (SinkException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void resendFiring() {
        List<Alert> alerts = new ArrayList<>(firing.values());
        if (alerts.isEmpty()) {
            return;
        }
        try {
            post(alerts);
        } catch (SinkException e) {
            LOG.warn("Re-sending {} firing alerts to Alertmanager failed: {}", alerts.size(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    byte[] body(List<Alert> alerts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, String> labels = new LinkedHashMap<>();
            int colon = a.key().indexOf(':');
            labels.put("alertname", labelValue(colon > 0 ? a.key().substring(0, colon) : a.key()));
            labels.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
            labels.put("key", a.key());
            a.labels().forEach((k, v) -> labels.putIfAbsent(labelName(k), v));
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", Text.cut(a.summary(), 1024));
            if (!a.description().isEmpty()) {
                annotations.put("description", Text.cut(a.description(), 8192));
            }
            a.runbook().ifPresent(r -> annotations.put("runbook_url", r.toString()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", labels);
            m.put("annotations", annotations);
            m.put("startsAt", a.startsAt().toString());
            a.endsAt().ifPresent(e -> m.put("endsAt", e.toString()));
            m.put("generatorURL", generator.toString());
            out.add(m);
        }
        return HttpDelivery.json(out, "Alertmanager alerts");
    }

    /** Prometheus label names: [a-zA-Z_][a-zA-Z0-9_]*. */
    static String labelName(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String labelValue(String value) {
        return value.isBlank() ? "tradepulse" : value;
    }

    /** Stops the re-send thread, waiting up to a second for a re-send in progress. Idempotent; never throws. */
    @Override
    public void close() {
        resender.shutdownNow();
        try {
            resender.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AlertmanagerSink[" + name + "]" + endpoints.stream().map(u -> u.getHost() + ":" + u.getPort()).toList();
    }
}
