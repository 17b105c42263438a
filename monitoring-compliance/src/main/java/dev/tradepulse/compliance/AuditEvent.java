package dev.tradepulse.compliance;

import dev.tradepulse.compliance.internal.SafeText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One audit event, before the journal gives it a sequence number, a timestamp and its place in
 * the hash chain. Immutable and thread-safe; its {@link Builder} is not thread-safe. Details are name to JSON-compatible value (strings, numbers,
 * booleans, null, lists and maps of these); they are redacted and cut to length when written.
 */
public final class AuditEvent {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String type;
    private final AuditLevel level;
    private final String actor;
    private final String action;
    private final Map<String, Object> details;

    private AuditEvent(Builder b) {
        this.type = b.type;
        this.level = b.level;
        this.actor = b.actor;
        this.action = b.action;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    }

    /**
     * Starts an event of a type such as {@code ORDER_EVENT}.
     *
     * @param type upper-case letters, digits and '_', starting with a letter
     * @return a builder
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code type} is not of that form
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** @return the event type, such as {@code USER_ACTION} */
    public String type() {
        return type;
    }

    /** @return the level */
    public AuditLevel level() {
        return level;
    }

    /** @return who acted: a user, a strategy, the system */
    public String actor() {
        return actor;
    }

    /** @return what was done */
    public String action() {
        return action;
    }

    /** @return the details, unmodifiable, in insertion order */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public String toString() {
        return "AuditEvent[" + type + " " + level + " actor=" + SafeText.safe(actor) + " action=" + SafeText.safe(action)
                + "]";
    }

    /** Builds an event. */
    public static final class Builder {
        private final String type;
        private AuditLevel level = AuditLevel.INFO;
        private String actor = "system";
        private String action = "";
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(String type) {
            Objects.requireNonNull(type, "type must not be null");
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException(
                        "type must be upper-case letters, digits and '_', starting with a letter (at most 64), got: "
                                + type.replaceAll("\\p{Cntrl}", "?"));
            }
            this.type = type;
        }

        /**
         * Sets the level; the default is {@link AuditLevel#INFO}.
         *
         * @param level the level
         * @return this builder
         * @throws NullPointerException if {@code level} is null
         */
        public Builder level(AuditLevel level) {
            this.level = Objects.requireNonNull(level, "level must not be null");
            return this;
        }

        /**
         * Sets who acted; the default is {@code system}.
         *
         * @param actor a user id, strategy or component
         * @return this builder
         * @throws NullPointerException if {@code actor} is null
         */
        public Builder actor(String actor) {
            this.actor = Objects.requireNonNull(actor, "actor must not be null");
            return this;
        }

        /**
         * Sets who acted, as the event methods of {@link ComplianceLogger} take it.
         *
         * @param actor the actor
         * @return this builder
         * @throws NullPointerException if {@code actor} is null
         */
        public Builder actor(Actor actor) {
            this.actor = Objects.requireNonNull(actor, "actor must not be null").id();
            return this;
        }

        /**
         * Sets what was done.
         *
         * @param action the action
         * @return this builder
         * @throws NullPointerException if {@code action} is null
         */
        public Builder action(String action) {
            this.action = Objects.requireNonNull(action, "action must not be null");
            return this;
        }

        /**
         * Adds a detail.
         *
         * @param name the name
         * @param value a JSON-compatible value, or null
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder detail(String name, @Nullable Object value) {
            details.put(Objects.requireNonNull(name, "name must not be null"), value);
            return this;
        }

        /**
         * Adds details.
         *
         * @param more name to value
         * @return this builder
         * @throws NullPointerException if {@code more} is null or has a null key
         */
        public Builder details(Map<String, ?> more) {
            Objects.requireNonNull(more, "details must not be null");
            more.forEach((k, v) -> details.put(Objects.requireNonNull(k, "details must not have null keys"), v));
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the immutable event
         */
        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
