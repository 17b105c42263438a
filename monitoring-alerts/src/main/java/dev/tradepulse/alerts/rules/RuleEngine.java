package dev.tradepulse.alerts.rules;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertDispatcher;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates rules on a schedule (every 5 seconds by default) and fires or resolves their alerts.
 * A rule that throws is logged and skipped; it never stops the others. {@link #evaluate()} runs
 * one round on the calling thread, which is how tests move time.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.rules");

    /** Per rule: since when it has been breached, and whether its alert is firing. */
    private static final class State {
        Instant pendingSince;
        boolean firing;
    }

    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final List<Rule> rules;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    private RuleEngine(AlertDispatcher dispatcher, Clock clock, List<Rule> rules, Duration interval) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.rules = List.copyOf(rules);
        this.interval = interval;
        rules.forEach(r -> states.put(r.name(), new State()));
    }

    /**
     * Starts configuring an engine that alerts through this dispatcher.
     *
     * @param dispatcher where alerts go
     * @return a builder
     */
    public static Builder builder(AlertDispatcher dispatcher) {
        return new Builder(dispatcher);
    }

    /**
     * Evaluates every rule once, now.
     */
    public synchronized void evaluate() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        for (Rule rule : rules) {
            try {
                evaluate(rule, now);
            } catch (RuntimeException e) {
                LOG.warn("Rule '{}' failed to evaluate: {}", rule.name(), e.toString());
            }
        }
    }

    private void evaluate(Rule rule, Instant now) {
        OptionalDouble value = rule.condition().value(now);
        if (value.isEmpty()) {
            return;
        }
        State state = states.get(rule.name());
        double v = value.getAsDouble();
        if (!rule.breached(v)) {
            state.pendingSince = null;
            if (state.firing) {
                state.firing = false;
                dispatcher.resolve(rule.name());
            }
            return;
        }
        if (state.pendingSince == null) {
            state.pendingSince = now;
        }
        if (!state.firing && !now.isBefore(state.pendingSince.plus(rule.forDuration()))) {
            state.firing = true;
            Alert.Builder alert = Alert.builder(rule.name(), rule.severity(), rule.summary())
                    .description(String.format(Locale.ROOT, "value %.4g %s threshold %.4g for %ss", v,
                            rule.comparison(), rule.threshold(), rule.forDuration().toSeconds()))
                    .detail("value", v).detail("threshold", rule.threshold())
                    .label("rule", rule.name()).source("tradepulse-rules").startsAt(state.pendingSince);
            rule.labels().forEach(alert::label);
            dispatcher.fire(alert.build());
            try {
                rule.onFire().accept(v);
            } catch (RuntimeException e) {
                LOG.error("Rule '{}' fired but its action failed: {}", rule.name(), e.toString());
            }
        }
    }

    /**
     * Whether a rule's alert is firing.
     *
     * @param name the rule's name
     * @return true while firing
     */
    public boolean isFiring(String name) {
        State s = states.get(name);
        return s != null && s.firing;
    }

    /**
     * Starts evaluating on the interval, on a daemon thread.
     *
     * @return this engine
     */
    public synchronized RuleEngine start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tradepulse-rules");
                t.setDaemon(true);
                return t;
            });
            long ms = interval.toMillis();
            scheduler.scheduleWithFixedDelay(this::evaluate, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Configures an engine. */
    public static final class Builder {
        private final AlertDispatcher dispatcher;
        private final List<Rule> rules = new ArrayList<>();
        private Clock clock = Clock.SYSTEM;
        private Duration interval = Duration.ofSeconds(5);

        private Builder(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher must not be null");
        }

        /**
         * Adds a rule; names must be unique.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(Rule rule) {
            Objects.requireNonNull(rule, "rule must not be null");
            if (rules.stream().anyMatch(r -> r.name().equals(rule.name()))) {
                throw new IllegalArgumentException("a rule named '" + rule.name() + "' is already added");
            }
            rules.add(rule);
            return this;
        }

        /**
         * The clock for {@code for} durations and windows; the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * How often {@link #start()} evaluates; the default is 5 seconds.
         *
         * @param every positive
         * @return this builder
         */
        public Builder interval(Duration every) {
            this.interval = dev.tradepulse.core.internal.Checks.positive(every, "every");
            return this;
        }

        /**
         * Builds the engine; call {@link RuleEngine#start()} to run it on its schedule.
         *
         * @return the engine
         */
        public RuleEngine build() {
            return new RuleEngine(dispatcher, clock, rules, interval);
        }
    }
}
