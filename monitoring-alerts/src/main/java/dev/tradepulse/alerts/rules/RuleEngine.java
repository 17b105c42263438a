package dev.tradepulse.alerts.rules;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.LogText;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates rules on a schedule (every 5 seconds by default) and fires or resolves their alerts.
 * A rule that throws is logged (at most once a minute per rule) and skipped; it never stops the
 * others. {@link #evaluate()} runs one round on the calling thread, which is how tests move time
 * and how a bot checks its risk limits on its trading thread after a tick.
 *
 * <p>Rounds on different threads run side by side: each rule is evaluated under its own lock,
 * and a rule's {@code onFire} action runs after that lock is released, so a slow action holds up
 * only the thread that runs it, never another thread's round. Actions should still be quick; a
 * {@code KillSwitch} hands its halt action to a thread of its own.
 *
 * <p>A rule that reads a meter that does not exist can never fire: the engine logs a WARN for
 * it once, when it starts work ({@link #start()} or the first {@link #evaluate()}, whichever
 * comes first, so meters registered after {@code build()} but before then cause no warning), and
 * its {@link #healthCheck()} is DEGRADED while any such meter is missing.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.rules");

    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final List<RuleState> rules;
    private final Map<String, RuleState> byName;
    private final Duration interval;
    private final Object lifecycle = new Object();
    private final AtomicBoolean checkedMeters = new AtomicBoolean();
    private @Nullable ScheduledExecutorService scheduler;

    private RuleEngine(AlertDispatcher dispatcher, Clock clock, List<Rule> rules, Duration interval) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.rules = rules.stream().map(r -> new RuleState(r, clock)).toList();
        this.byName = new HashMap<>();
        this.rules.forEach(r -> byName.put(r.rule.name(), r));
        this.interval = interval;
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
     * Evaluates every rule once, now, on the calling thread. Safe to call from several threads at
     * once; each rule is evaluated by one thread at a time.
     */
    public void evaluate() {
        if (!checkedMeters.get() && checkedMeters.compareAndSet(false, true)) {
            warnAboutMissingMeters();
        }
        for (RuleState state : rules) {
            Firing firing;
            state.lock.lock();
            try {
                // read under the rule's lock, so a rule's evaluations see time in order across threads
                firing = evaluate(state, Instant.ofEpochMilli(clock.wallTime()));
            } catch (Throwable e) { // a user's condition may throw anything; the other rules go on
                state.logFailure("failed to evaluate", e);
                continue;
            } finally {
                state.lock.unlock();
            }
            if (firing != null) {
                runAction(state, firing.value);
            }
        }
    }

    /** The value that tripped a rule, to hand to its action once the rule's lock is released. */
    private record Firing(double value) {
    }

    private @Nullable Firing evaluate(RuleState state, Instant now) {
        Rule rule = state.rule;
        OptionalDouble value = rule.condition().value(now);
        if (value.isEmpty()) {
            return null;
        }
        double v = value.getAsDouble();
        if (!rule.breached(v)) {
            state.pendingSince = null;
            if (state.firing) {
                state.firing = false;
                dispatcher.resolve(rule.name());
            }
            return null;
        }
        if (state.pendingSince == null) {
            state.pendingSince = now;
        }
        if (state.firing || now.isBefore(state.pendingSince.plus(rule.forDuration()))) {
            return null;
        }
        Duration breached = Duration.between(state.pendingSince, now);
        breached = breached.isNegative() ? Duration.ZERO : breached; // a wall clock stepped back
        String description = String.format(Locale.ROOT, "value %.4g %s threshold %.4g", v, rule.comparison(),
                rule.threshold()) + (breached.isZero() ? "" : " for " + HumanDuration.format(breached));
        Alert.Builder alert = Alert.builder(rule.name(), rule.severity(), rule.summary())
                .description(description)
                .detail("value", v).detail("threshold", rule.threshold())
                .label("rule", rule.name()).source("tradepulse-rules").startsAt(state.pendingSince);
        rule.labels().forEach(alert::label);
        dispatcher.fire(alert.build());
        state.firing = true;
        return new Firing(v);
    }

    private void runAction(RuleState state, double value) {
        try {
            state.rule.onFire().accept(value);
        } catch (Throwable e) { // user code; the engine and the other rules go on
            state.logFailure("fired but its action failed", e);
        }
    }

    /**
     * Whether a rule's alert is firing.
     *
     * @param name the rule's name
     * @return true while firing
     */
    public boolean isFiring(String name) {
        RuleState s = byName.get(name);
        return s != null && s.firing;
    }

    /**
     * The rules whose conditions read meters that do not exist right now, with those meters.
     *
     * @return rule name to missing meters, in rule order; empty when every meter is there
     */
    public Map<String, List<String>> missingMeters() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (RuleState s : rules) {
            List<String> missing = s.missingMeters();
            if (!missing.isEmpty()) {
                out.put(s.rule.name(), missing);
            }
        }
        return out;
    }

    /**
     * A health check for this engine: DEGRADED while any rule reads a meter that does not exist
     * (such a rule can never fire), naming the rules and meters; HEALTHY otherwise.
     *
     * @return the check, to register with a {@code HealthRegistry}
     */
    public HealthCheck healthCheck() {
        return () -> {
            Map<String, List<String>> missing = missingMeters();
            if (missing.isEmpty()) {
                return HealthResult.healthy(rules.size() + " rules, every meter they read exists");
            }
            HealthResult.Builder result = HealthResult.builder(HealthStatus.DEGRADED)
                    .message(missing.size() + " of " + rules.size() + " rules read missing meters and cannot fire: "
                            + String.join(", ", missing.keySet()));
            missing.forEach((rule, meters) -> result.detail(rule, String.join(", ", meters)));
            return result.build();
        };
    }

    /** Logs each rule's missing meters, once in the engine's life: when it starts work. */
    private void warnAboutMissingMeters() {
        for (RuleState s : rules) {
            List<String> missing = s.missingMeters();
            if (!missing.isEmpty()) {
                LOG.warn("Rule '{}' reads meters that do not exist: {}; it cannot fire until they are registered",
                        LogText.clean(s.rule.name()), LogText.clean(String.join(", ", missing)));
            }
        }
    }

    /**
     * Starts evaluating on the interval, on a daemon thread. Warns about the rules whose meters
     * are missing, unless an {@link #evaluate()} already has.
     *
     * @return this engine
     */
    public RuleEngine start() {
        synchronized (lifecycle) {
            if (scheduler == null) {
                if (checkedMeters.compareAndSet(false, true)) {
                    warnAboutMissingMeters();
                }
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tradepulse-rules");
                    t.setDaemon(true);
                    return t;
                });
                long ms = interval.toMillis();
                scheduler.scheduleWithFixedDelay(this::evaluateOnSchedule, ms, ms, TimeUnit.MILLISECONDS);
            }
        }
        return this;
    }

    private void evaluateOnSchedule() {
        try {
            evaluate();
        } catch (Throwable e) { // a scheduled task that throws is never run again
            LOG.error("Rule evaluation round failed: {}", LogText.clean(e.toString()));
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
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
            Objects.requireNonNull(every, "every must not be null");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("every must be positive, but was " + every);
            }
            if (every.toMillis() == 0) {
                throw new IllegalArgumentException("every must be at least 1 ms, but was " + every);
            }
            this.interval = every;
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
