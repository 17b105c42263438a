package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands alerts to Prometheus Alertmanager (API v2, {@code POST /api/v2/alerts}), for teams that
 * route many bots through one Alertmanager. Every configured Alertmanager gets every alert, as
 * Alertmanager's high-availability setup expects. Firing alerts are re-sent periodically (every
 * minute by default), because Alertmanager resolves an alert it has not heard about for its
 * {@code resolve_timeout}; a resolve is sent with {@code endsAt}.
 *
 * <p>A delivery succeeds when at least one Alertmanager accepted it: the cluster's gossip (its
 * notification log) makes the members agree on who notifies, so one member down must not fail,
 * retry or trip the breaker of the whole sink. A delivery fails (retryably if any answer was
 * retryable) only when every Alertmanager refused it. A member that was down gets the firing
 * alerts again with the next re-send, once it is back. {@link #endpoints()} shows each member's
 * counts and whether its last post was accepted; a member that refuses is logged at WARN at most
 * once a minute.
 *
 * <p>Labels: {@code alertname} (the key up to its first ':'), {@code severity}, {@code key} (the
 * whole key), the alert's own labels, names made valid for Prometheus, then the sink's own
 * {@linkplain Builder#label labels} (such as {@code bot}) where the alert has none of that name, as
 * Prometheus adds its {@code external_labels}: in a fleet, they keep one bot's alert apart from
 * another bot's alert with the same key. Annotations:
 * {@code summary}, {@code description}, {@code runbook_url}.
 *
 * <p>Thread-safe: {@link #deliver} may be called from several threads at once; the firing set it re-sends is a concurrent map, re-sent by one daemon thread until {@link #close()}.
 */
public final class AlertmanagerSink implements ConfiguredSink {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    private static final Set<String> RESERVED = Set.of("alertname", "severity", "key");

    private final String name;
    private final SinkConfig config;
    private final List<URI> endpoints;
    private final List<EndpointState> states;
    private final Map<String, String> extraLabels;
    private final Clock clock;
    private final URI generator;
    private final HttpDelivery http;
    private final Map<String, Alert> firing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService resender;
    private final LogThrottle partialLog = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle resendLog = new LogThrottle(Duration.ofMinutes(1));

    private AlertmanagerSink(SinkConfig config, String name, List<URI> alertmanagers, URI generator, HttpDelivery http,
            Clock clock, Duration resendEvery, Map<String, String> labels) {
        this.extraLabels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.config = config;
        this.name = name;
        this.endpoints = alertmanagers.stream().map(u -> u.resolve("/api/v2/alerts")).toList();
        this.states = endpoints.stream().map(u -> new EndpointState(u.getHost() + ":" + u.getPort())).toList();
        this.clock = clock;
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
        private final Map<String, String> labels = new LinkedHashMap<>();

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
         * A label added to every alert this sink posts, unless the alert has a label of that name:
         * the bot's identity in a fleet ({@code bot}, {@code desk}, {@code region}), as Prometheus's
         * {@code external_labels}. Without one, two bots' alerts with the same key are one alert to
         * Alertmanager. Setting a name again replaces its value.
         *
         * @param name a Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}), not one the sink sets
         *     itself ({@code alertname}, {@code severity}, {@code key})
         * @param value not blank
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} is not a valid label name or is reserved,
         *     or {@code value} is blank
         */
        public Builder label(String name, String value) {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(value, "value must not be null");
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
                throw new IllegalArgumentException("name must be a Prometheus label name, but was '"
                        + LogText.clean(name, 100) + "'");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("name '" + name + "' is set by the sink itself");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("value of label '" + name + "' must not be blank");
            }
            labels.put(name, value);
            return this;
        }

        /**
         * Builds the sink and starts its re-sending thread.
         *
         * @return the sink
         */
        public AlertmanagerSink build() {
            return new AlertmanagerSink(settings.sinkConfig(), settings.name(), alertmanagers, generator,
                    settings.delivery(client), settings.clock(), resendEvery, labels);
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

    /**
     * Posts to every Alertmanager; succeeds if at least one accepted, and fails only after every
     * one refused: retryably if any refusal was retryable, else with the first refusal.
     */
    private void post(List<Alert> alerts) throws SinkException, InterruptedException {
        byte[] body = body(alerts);
        SinkException failure = null;
        boolean accepted = false;
        for (int i = 0; i < endpoints.size(); i++) {
            URI endpoint = endpoints.get(i);
            EndpointState state = states.get(i);
            try {
                http.postJson("alertmanager " + state.address, endpoint, body, Map.of());
                state.accepted(clock.instant());
                accepted = true;
            } catch (SinkException e) {
                state.failed(clock.instant(), e.getMessage());
                if (failure == null || (e.isRetryable() && !failure.isRetryable())) {
                    failure = e;
                }
            }
        }
        if (failure == null) {
            return;
        }
        if (!accepted) {
            throw failure;
        }
        if (partialLog.tryAcquire(System.nanoTime())) {
            LOG.warn("Alertmanager sink {}: {} of {} Alertmanagers refused alerts the others accepted: {}",
                    LogText.clean(name), states.stream().filter(st -> !st.up).count(), states.size(),
                    LogText.clean(failure.getMessage()));
        }
    }

    /**
     * Each Alertmanager's counts, in the order given to the builder: how many posts it accepted and
     * refused, and whether it accepted the last one. Posts are deliveries and re-sends.
     *
     * @return a snapshot, one entry per Alertmanager
     */
    public List<EndpointStatus> endpoints() {
        return states.stream().map(EndpointState::snapshot).toList();
    }

    /**
     * One Alertmanager as the sink saw it. Immutable.
     *
     * @param address its {@code host:port} (never the path or query, which may hold a secret)
     * @param accepted the posts it accepted
     * @param failed the posts it refused or that could not reach it
     * @param up whether it accepted the last post (true before the first post)
     * @param lastAccepted when it last accepted a post
     * @param lastFailure when it last refused one, and why
     */
    public record EndpointStatus(String address, long accepted, long failed, boolean up,
            Optional<Instant> lastAccepted, Optional<String> lastFailure) {
    }

    /** One Alertmanager's counts; written by posting threads, read by {@link #endpoints()}. */
    private static final class EndpointState {
        final String address;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile boolean up = true;
        volatile @Nullable Instant lastAccepted;
        volatile @Nullable String lastFailure;

        EndpointState(String address) {
            this.address = address;
        }

        void accepted(Instant at) {
            accepted.incrementAndGet();
            lastAccepted = at;
            up = true;
        }

        void failed(Instant at, @Nullable String why) {
            failed.incrementAndGet();
            lastFailure = at + " " + LogText.clean(why, 200);
            up = false;
        }

        EndpointStatus snapshot() {
            return new EndpointStatus(address, accepted.get(), failed.get(), up, Optional.ofNullable(lastAccepted),
                    Optional.ofNullable(lastFailure));
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
            if (resendLog.tryAcquire(System.nanoTime())) {
                LOG.warn("Re-sending {} firing alerts to Alertmanager failed: {}", alerts.size(),
                        LogText.clean(e.getMessage()));
            }
        } catch (RuntimeException | Error e) {
            Failures.rethrowIfFatal(e);
            if (resendLog.tryAcquire(System.nanoTime())) {
                LOG.warn("Re-sending {} firing alerts to Alertmanager failed: {}", alerts.size(), LogText.describe(e));
            }
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
            extraLabels.forEach(labels::putIfAbsent);
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
