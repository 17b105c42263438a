package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.alert.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A threshold rule: when its condition stays past the threshold for the {@code for} duration,
 * it fires an alert keyed by its name; when the condition clears, the alert resolves.
 *
 * <pre>{@code
 * Rule.when("error-rate-high", Conditions.errorRate(registry, "exchange.requests", Duration.ofMinutes(10)))
 *     .above(0.10).forAtLeast(Duration.ofMinutes(2))
 *     .severity(Severity.HIGH).summary("Exchange error rate above 10% over 10 minutes")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class Rule {

    private final String name;
    private final Condition condition;
    private final boolean above;
    private final double threshold;
    private final Duration forDuration;
    private final Severity severity;
    private final String summary;
    private final Map<String, String> labels;
    private final DoubleConsumer onFire;
    private final @Nullable URI runbook;

    private Rule(Builder b) {
        this.runbook = b.runbook;
        this.onFire = b.onFire;
        this.name = b.name;
        this.condition = b.condition;
        this.above = b.above;
        this.threshold = b.threshold;
        this.forDuration = b.forDuration;
        this.severity = b.severity;
        this.summary = b.summary != null ? b.summary : b.name;
        this.labels = Map.copyOf(b.labels);
    }

    /**
     * Starts a rule.
     *
     * @param name the rule's name, also its alert key; not blank
     * @param condition what to measure
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Builder when(String name, Condition condition) {
        return new Builder(name, condition);
    }

    /** @return the name and alert key */
    public String name() {
        return name;
    }

    Condition condition() {
        return condition;
    }

    boolean breached(double value) {
        return above ? value > threshold : value < threshold;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    /** @return how long the condition must hold */
    public Duration forDuration() {
        return forDuration;
    }

    /** @return the alert severity */
    public Severity severity() {
        return severity;
    }

    /** @return the alert summary */
    public String summary() {
        return summary;
    }

    /** @return extra alert labels */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The runbook the rule's alerts link to: for the shipped rules, their entry in the operations
     * handbook under {@link Runbooks#BASE} (which an engine may move, see
     * {@link RuleEngineConfig#runbookBase()}).
     *
     * @return the runbook link, or empty if the rule has none
     */
    public Optional<URI> runbook() {
        return Optional.ofNullable(runbook);
    }

    /** @return what to run when the rule starts firing, given the value that tripped it */
    DoubleConsumer onFire() {
        return onFire;
    }

    /** @return {@code >} or {@code <} */
    public String comparison() {
        return above ? ">" : "<";
    }

    @Override
    public String toString() {
        return "Rule[" + name + ": value " + comparison() + " " + threshold
                + (forDuration.isZero() ? "" : " for " + HumanDuration.format(forDuration)) + "]";
    }

    /** Builds a rule. */
    public static final class Builder {
        private final String name;
        private final Condition condition;
        private @Nullable Boolean aboveSet;
        private boolean above;
        private double threshold;
        private Duration forDuration = Duration.ZERO;
        private Severity severity = Severity.MEDIUM;
        private @Nullable String summary;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private DoubleConsumer onFire = v -> { };
        private @Nullable URI runbook;

        private Builder(String name, Condition condition) {
            Objects.requireNonNull(name, "name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            this.condition = Objects.requireNonNull(condition, "condition must not be null");
        }

        /**
         * Breached while the value is above the threshold.
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder above(double value) {
            return threshold(true, value);
        }

        /**
         * Breached while the value is below the threshold.
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder below(double value) {
            return threshold(false, value);
        }

        private Builder threshold(boolean isAbove, double value) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("threshold must be a number");
            }
            this.aboveSet = isAbove;
            this.above = isAbove;
            this.threshold = value;
            return this;
        }

        /**
         * How long the breach must last before the alert fires (Prometheus's {@code for}); the default is at once.
         *
         * @param duration zero or more
         * @return this builder
         * @throws NullPointerException if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is negative
         */
        public Builder forAtLeast(Duration duration) {
            Objects.requireNonNull(duration, "duration must not be null");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative, but was " + duration);
            }
            this.forDuration = duration;
            return this;
        }

        /**
         * The alert's severity; the default is MEDIUM.
         *
         * @param severity the severity
         * @return this builder
         * @throws NullPointerException if {@code severity} is null
         */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity must not be null");
            return this;
        }

        /**
         * The alert's summary; the default is the rule's name. Never used as a format string.
         *
         * @param summary one line for people
         * @return this builder
         * @throws NullPointerException if {@code summary} is null
         */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary must not be null");
            return this;
        }

        /**
         * Adds an alert label.
         *
         * @param name the label
         * @param value its value
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder label(String name, String value) {
            labels.put(Objects.requireNonNull(name, "name must not be null"), Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /**
         * The runbook the rule's alerts link to ({@code Alert.runbook()}, rendered by the
         * Alertmanager, PagerDuty, email and webhook sinks): what the alert means and what to do.
         * The shipped rules link to their entries in the operations handbook
         * ({@link Runbooks#entry(String)}); give your own rules a link of your own. A link under
         * {@link Runbooks#BASE} follows the engine's {@link RuleEngineConfig#runbookBase()}.
         *
         * @param uri an absolute link, without credentials in it
         * @return this builder
         * @throws NullPointerException if {@code uri} is null
         * @throws IllegalArgumentException if {@code uri} is not absolute or carries user info
         */
        public Builder runbook(URI uri) {
            Objects.requireNonNull(uri, "uri must not be null");
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException("uri must be absolute, such as https://wiki.example.com/runbooks#"
                        + "disk-free-low, got '" + uri + "'");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("uri must not carry user info (credentials): it is sent with every alert");
            }
            this.runbook = uri;
            return this;
        }

        /**
         * Something to do, besides alerting, when the rule starts firing, such as tripping a kill
         * switch. It runs on the thread that evaluated the rule, after the rule's own lock is
         * released, so it blocks no other thread's evaluation; keep it quick all the same (hand
         * slow work to a thread of its own, as {@code KillSwitch} does). What it throws is logged.
         *
         * @param action given the value that tripped the rule
         * @return this builder
         * @throws NullPointerException if {@code action} is null
         */
        public Builder onFire(DoubleConsumer action) {
            this.onFire = Objects.requireNonNull(action, "action must not be null");
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if neither {@code above} nor {@code below} was set
         */
        public Rule build() {
            if (aboveSet == null) {
                throw new IllegalStateException("rule '" + name + "' needs above(...) or below(...)");
            }
            return new Rule(this);
        }
    }
}
