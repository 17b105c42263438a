package dev.tradepulse.api.health;

import dev.tradepulse.api.redaction.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The immutable outcome of one check: a status, an optional message, details for operators
 * (name to JSON-compatible value: strings, numbers, booleans, lists and maps of them), how long
 * the check took and when it ran.
 *
 * <p>Messages and details are redacted when a result is built, by
 * {@link Redaction#defaults()} (the audit journal's rules): a {@code password=...} in an
 * exception message, or a detail named {@code api_key}, is never shown, not even with the token.
 */
public final class HealthResult {

    private static final Redaction REDACTION = Redaction.defaults();

    private final HealthStatus status;
    private final @Nullable String message;
    private final Map<String, Object> details;
    private final Duration duration;
    private final Instant checkedAt;

    private HealthResult(HealthStatus status, @Nullable String message, Map<String, Object> details, Duration duration,
            Instant checkedAt) {
        this.status = status;
        this.message = message;
        this.details = details;
        this.duration = duration;
        this.checkedAt = checkedAt;
    }

    /**
     * A healthy result.
     *
     * @return the result
     */
    public static HealthResult healthy() {
        return builder(HealthStatus.HEALTHY).build();
    }

    /**
     * A healthy result with a message.
     *
     * @param message what to tell an operator
     * @return the result
     */
    public static HealthResult healthy(String message) {
        return builder(HealthStatus.HEALTHY).message(message).build();
    }

    /**
     * A degraded result.
     *
     * @param message why
     * @return the result
     */
    public static HealthResult degraded(String message) {
        return builder(HealthStatus.DEGRADED).message(message).build();
    }

    /**
     * An unhealthy result.
     *
     * @param message why
     * @return the result
     */
    public static HealthResult unhealthy(String message) {
        return builder(HealthStatus.UNHEALTHY).message(message).build();
    }

    /**
     * An unhealthy result describing a failure by its class and message (never its stack trace).
     *
     * @param failure what went wrong
     * @return the result
     */
    public static HealthResult unhealthy(Throwable failure) {
        Objects.requireNonNull(failure, "failure must not be null");
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return builder(HealthStatus.UNHEALTHY).message(text).detail("error", failure.getClass().getName()).build();
    }

    /**
     * Starts a result with details.
     *
     * @param status the status
     * @return a builder
     */
    public static Builder builder(HealthStatus status) {
        return new Builder(status);
    }

    /**
     * The status.
     *
     * @return the status
     */
    public HealthStatus status() {
        return status;
    }

    /**
     * The message, if any.
     *
     * @return the message
     */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The details, in insertion order; unmodifiable.
     *
     * @return the details
     */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * How long the check took; zero until the registry has run it.
     *
     * @return the duration
     */
    public Duration duration() {
        return duration;
    }

    /**
     * When the check ran; the epoch until the registry has run it.
     *
     * @return the time
     */
    public Instant checkedAt() {
        return checkedAt;
    }

    /**
     * A copy with the timing the registry measured.
     *
     * @param duration how long the check took
     * @param checkedAt when it ran
     * @return the copy
     */
    public HealthResult withTiming(Duration duration, Instant checkedAt) {
        return new HealthResult(status, message, details, Objects.requireNonNull(duration, "duration must not be null"),
                Objects.requireNonNull(checkedAt, "checkedAt must not be null"));
    }

    /**
     * A copy with another status and message, keeping details and timing (used by flap damping).
     *
     * @param newStatus the status
     * @param newMessage the message, or null
     * @return the copy
     */
    public HealthResult withStatus(HealthStatus newStatus, @Nullable String newMessage) {
        return new HealthResult(Objects.requireNonNull(newStatus, "newStatus must not be null"),
                newMessage == null ? null : REDACTION.redact(newMessage), details, duration, checkedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthResult r && status == r.status && Objects.equals(message, r.message)
                && details.equals(r.details) && duration.equals(r.duration) && checkedAt.equals(r.checkedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, details, duration, checkedAt);
    }

    @Override
    public String toString() {
        return "HealthResult[" + status + (message == null ? "" : ", " + message) + ", " + duration.toMillis() + "ms]";
    }

    /** Builds a result. */
    public static final class Builder {
        private final HealthStatus status;
        private @Nullable String message;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(HealthStatus status) {
            this.status = Objects.requireNonNull(status, "status must not be null");
        }

        /**
         * Sets the message.
         *
         * @param message text for operators
         * @return this builder
         */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message must not be null");
            return this;
        }

        /**
         * Adds a detail.
         *
         * @param name the detail name
         * @param value a string, number, boolean, or list or map of those
         * @return this builder
         */
        public Builder detail(String name, Object value) {
            details.put(Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the immutable result
         */
        public HealthResult build() {
            return new HealthResult(status, message == null ? null : REDACTION.redact(message),
                    Collections.unmodifiableMap(REDACTION.redactDetails(details)), Duration.ZERO, Instant.EPOCH);
        }
    }
}
