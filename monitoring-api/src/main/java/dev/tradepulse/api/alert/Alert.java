package dev.tradepulse.api.alert;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One alert: immutable. Its {@link #key()} is its identity for deduplication and resolution;
 * {@link #labels()} drive routing; {@link #details()} carry figures for people.
 *
 * <pre>{@code
 * Alert alert = Alert.builder("exchange-down:binance", Severity.CRITICAL, "Binance API unreachable")
 *     .description("5 consecutive failures on /api/v3/order")
 *     .label("exchange", "binance")
 *     .detail("failures", 5)
 *     .source("momentum-bot")
 *     .build();
 * }</pre>
 */
public final class Alert {

    /** Whether the condition holds or has cleared. */
    public enum Status { FIRING, RESOLVED }

    private final String key;
    private final Severity severity;
    private final String summary;
    private final String description;
    private final Map<String, String> labels;
    private final Map<String, Object> details;
    private final String source;
    private final Instant startsAt;
    private final @Nullable Instant endsAt;
    private final Status status;
    private final @Nullable URI runbook;

    private Alert(Builder b, Status status, @Nullable Instant endsAt) {
        this.key = b.key;
        this.severity = b.severity;
        this.summary = b.summary;
        this.description = b.description;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
        this.source = b.source;
        this.startsAt = b.startsAt;
        this.status = status;
        this.endsAt = endsAt;
        this.runbook = b.runbook;
    }

    /**
     * Starts an alert.
     *
     * @param key the dedup identity, such as {@code exchange-down:binance}; not blank
     * @param severity the severity
     * @param summary one line for people; not blank
     * @return a builder
     */
    public static Builder builder(String key, Severity severity, String summary) {
        return new Builder(key, severity, summary);
    }

    /** @return the dedup identity */
    public String key() {
        return key;
    }

    /** @return the severity */
    public Severity severity() {
        return severity;
    }

    /** @return one line for people */
    public String summary() {
        return summary;
    }

    /** @return more text, possibly empty */
    public String description() {
        return description;
    }

    /** @return routing and grouping labels, sorted by name */
    public Map<String, String> labels() {
        return labels;
    }

    /** @return figures for people, in insertion order */
    public Map<String, Object> details() {
        return details;
    }

    /** @return what raised it, such as the bot's name */
    public String source() {
        return source;
    }

    /** @return when the condition started; the epoch if not set */
    public Instant startsAt() {
        return startsAt;
    }

    /** @return when it cleared, for a resolved alert */
    public Optional<Instant> endsAt() {
        return Optional.ofNullable(endsAt);
    }

    /** @return firing or resolved */
    public Status status() {
        return status;
    }

    /** @return the runbook, if any */
    public Optional<URI> runbook() {
        return Optional.ofNullable(runbook);
    }

    /**
     * The same alert with a start time, if it had none.
     *
     * @param at when the condition started
     * @return this alert if it has a start, else a copy starting at {@code at}
     */
    public Alert startingAt(Instant at) {
        if (!startsAt.equals(Instant.EPOCH)) {
            return this;
        }
        Builder b = copy();
        b.startsAt = Objects.requireNonNull(at, "at must not be null");
        return new Alert(b, status, endsAt);
    }

    private Builder copy() {
        Builder b = new Builder(key, severity, summary);
        b.description = description;
        b.labels.putAll(labels);
        b.details.putAll(details);
        b.source = source;
        b.startsAt = startsAt;
        b.runbook = runbook;
        return b;
    }

    /**
     * The same alert, resolved.
     *
     * @param at when the condition cleared
     * @return the resolved copy
     */
    public Alert resolved(Instant at) {
        return new Alert(copy(), Status.RESOLVED, Objects.requireNonNull(at, "at must not be null"));
    }

    @Override
    public String toString() {
        return "Alert[" + key + " " + severity + " " + status + ": " + summary + "]";
    }

    /** Builds an alert. */
    public static final class Builder {
        private final String key;
        private final Severity severity;
        private final String summary;
        private String description = "";
        private final Map<String, String> labels = new TreeMap<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private String source = "";
        private Instant startsAt = Instant.EPOCH;
        private @Nullable URI runbook;

        private Builder(String key, Severity severity, String summary) {
            this.key = notBlank(key, "key");
            this.severity = Objects.requireNonNull(severity, "severity must not be null");
            this.summary = notBlank(summary, "summary");
        }

        private static String notBlank(String value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        /**
         * Sets the description.
         *
         * @param description more text
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description must not be null");
            return this;
        }

        /**
         * Adds a label.
         *
         * @param name the label name, not blank
         * @param value the value
         * @return this builder
         */
        public Builder label(String name, String value) {
            labels.put(notBlank(name, "name"), Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Adds a detail.
         *
         * @param name the detail name
         * @param value a string, number or boolean
         * @return this builder
         */
        public Builder detail(String name, Object value) {
            details.put(Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Sets the source.
         *
         * @param source what raised the alert
         * @return this builder
         */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source must not be null");
            return this;
        }

        /**
         * Sets when the condition started; the dispatcher uses its clock if not set.
         *
         * @param at the start
         * @return this builder
         */
        public Builder startsAt(Instant at) {
            this.startsAt = Objects.requireNonNull(at, "at must not be null");
            return this;
        }

        /**
         * Sets a runbook link.
         *
         * @param uri an http(s) URI
         * @return this builder
         */
        public Builder runbook(URI uri) {
            Objects.requireNonNull(uri, "uri must not be null");
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("uri must be http or https, got " + uri.getScheme());
            }
            this.runbook = uri;
            return this;
        }

        /**
         * Builds a firing alert.
         *
         * @return the alert
         */
        public Alert build() {
            return new Alert(this, Status.FIRING, null);
        }
    }
}
