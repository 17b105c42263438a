package dev.tradepulse.api.status;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something that changed what a status section shows, at the moment it changed: an alert fired
 * or resolved, a trade was recorded, a kill switch tripped. Streams push it to viewers at once
 * instead of waiting for their next snapshot.
 *
 * <p>An event follows the token rule of {@link StatusSection#view(boolean)}: its {@link #kind()},
 * {@link #section()}, {@link #subject()}, {@link #tone()}, {@link #state()} and {@link #labels()}
 * are statuses and are shown to every viewer, so they must hold only what the section shows
 * without details (a strategy's name, a severity, "HALTED"); its {@link #details()} are shown only
 * to viewers with the token. Values are plain text: a stream escapes them and never interprets them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what happened
 * @param section the id of the section whose view it changes, such as {@code alerts}
 * @param subject the item it is about, as the section names it without details (a strategy, a
 *     health component), or null
 * @param tone how it reads at a glance
 * @param state the state in words, such as {@code firing}, {@code resolved} or {@code HALTED}
 * @param labels status-level facts, label to value, in order (such as {@code severity})
 * @param details facts for viewers with the token only, label to value, in order
 * @param at when it happened
 */
public record StatusEvent(Kind kind, String section, @Nullable String subject, Tone tone, String state,
        Map<String, String> labels, Map<String, String> details, Instant at) {

    /** What happened; a stream maps each kind to a message type of its protocol. */
    public enum Kind {
        /** An alert started firing, or fired again more severe. */
        ALERT_FIRED,
        /** A firing alert was resolved. */
        ALERT_RESOLVED,
        /** A trade was recorded for a strategy. */
        TRADE,
        /** A strategy made a decision (its tracker recorded one). */
        DECISION,
        /** A kill switch halted a strategy, or its halt action finished. */
        HALTED,
        /** A halted strategy was re-armed. */
        REARMED,
        /** A strategy's equity or P&amp;L changed. */
        ACCOUNT,
        /** A strategy's open positions changed. */
        POSITIONS,
        /** A health component or the overall health changed. */
        HEALTH,
        /** Anything else that changed a section's view. */
        CHANGED
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument other than {@code subject} is null, or a
     *     label or detail has a null key or value
     */
    public StatusEvent {
        Checks.notNull(kind, "kind");
        Checks.notNull(section, "section");
        Checks.notNull(tone, "tone");
        Checks.notNull(state, "state");
        labels = copy(labels, "labels");
        details = copy(details, "details");
        Checks.notNull(at, "at");
    }

    /**
     * Starts an event.
     *
     * @param kind what happened
     * @param section the id of the section it changes
     * @return a builder; its tone is {@link Tone#NEUTRAL}, its state the kind's name in lower
     *     case, its time the time {@link Builder#build()} is called unless set
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Kind kind, String section) {
        return new Builder(kind, section);
    }

    private static Map<String, String> copy(Map<String, String> map, String parameter) {
        Checks.notNull(map, parameter);
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Checks.notNull(k, parameter + " key"), Checks.notNull(v, parameter + " value")));
        return Collections.unmodifiableMap(copy);
    }

    /** Collects an event's parts; not thread-safe, use one per event. */
    public static final class Builder {
        private final Kind kind;
        private final String section;
        private @Nullable String subject;
        private Tone tone = Tone.NEUTRAL;
        private @Nullable String state;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> details = new LinkedHashMap<>();
        private @Nullable Instant at;

        private Builder(Kind kind, String section) {
            this.kind = Checks.notNull(kind, "kind");
            this.section = Checks.notNull(section, "section");
        }

        /**
         * The item the event is about, as its section names it without details.
         *
         * @param subject the subject, or null for none
         * @return this builder
         */
        public Builder subject(@Nullable String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * How it reads at a glance.
         *
         * @param tone the tone
         * @return this builder
         * @throws NullPointerException if {@code tone} is null
         */
        public Builder tone(Tone tone) {
            this.tone = Checks.notNull(tone, "tone");
            return this;
        }

        /**
         * The state in words.
         *
         * @param state the state
         * @return this builder
         * @throws NullPointerException if {@code state} is null
         */
        public Builder state(String state) {
            this.state = Checks.notNull(state, "state");
            return this;
        }

        /**
         * Adds a status-level fact, shown to every viewer.
         *
         * @param name its label
         * @param value its value; a null value is left out
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder label(String name, @Nullable Object value) {
            Checks.notNull(name, "name");
            if (value != null) {
                labels.put(name, String.valueOf(value));
            }
            return this;
        }

        /**
         * Adds a fact shown only to viewers with the token.
         *
         * @param name its label
         * @param value its value; a null value is left out
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder detail(String name, @Nullable Object value) {
            Checks.notNull(name, "name");
            if (value != null) {
                details.put(name, String.valueOf(value));
            }
            return this;
        }

        /**
         * When it happened.
         *
         * @param at the time
         * @return this builder
         * @throws NullPointerException if {@code at} is null
         */
        public Builder at(Instant at) {
            this.at = Checks.notNull(at, "at");
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event
         */
        public StatusEvent build() {
            String s = state != null ? state : kind.name().toLowerCase(Locale.ROOT);
            Instant when = at != null ? at : Instant.now();
            return new StatusEvent(kind, section, subject, tone, s, labels, details, when);
        }
    }

    @Override
    public String toString() {
        // details can carry user data: they stay out of toString, so out of logs
        return "StatusEvent[" + kind + " " + section + (subject == null ? "" : " " + subject) + " " + state + " at "
                + at + ", " + details.size() + " details]";
    }
}
