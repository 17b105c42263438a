package dev.tradepulse.alerts.rules;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.alerts.internal.Ticker;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * it once, at its first round (the first scheduled one, one interval after {@code build()}, or
 * the first {@link #evaluate()}, whichever comes first, so meters registered after
 * {@code build()} but before then cause no warning), and its {@link #healthCheck()} is DEGRADED
 * while any such meter is missing.
 *
 * <p><b>Lifecycle:</b> {@link Builder#build()} returns a live engine: unless its
 * {@link RuleEngineConfig#scheduled()} is false, it evaluates every
 * {@link RuleEngineConfig#interval()} on one daemon thread, {@code tradepulse-rules-1}, from then
 * on. {@link #close()} is idempotent, stops that thread (waiting up to a second for a round in
 * progress), and never throws. {@link #start()} is a deprecated no-op.
 *
 * <p><b>Thread safety:</b> every method is safe to call from any thread; see above for rounds.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.rules");

    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final List<RuleState> rules;
    private final Map<String, RuleState> byName;
    private final RuleEngineConfig config;
    private final AtomicBoolean checkedMeters = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final @Nullable ScheduledExecutorService scheduler;

    private RuleEngine(AlertDispatcher dispatcher, Clock clock, List<Rule> rules, RuleEngineConfig config) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        Ticker ticker = Ticker.of(clock);
        this.rules = rules.stream().map(r -> new RuleState(r, ticker)).toList();
        this.byName = new HashMap<>();
        this.rules.forEach(r -> byName.put(r.rule.name(), r));
        this.config = config;
        this.scheduler = config.scheduled() ? Executors.newSingleThreadScheduledExecutor(Threads.daemon("rules")) : null;
    }

    /** Starts the schedule, once the engine is fully built. */
    private RuleEngine schedule() {
        if (scheduler != null) {
            long ms = config.interval().toMillis();
            scheduler.scheduleWithFixedDelay(this::evaluateOnSchedule, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** @return the settings this engine was built with */
    public RuleEngineConfig config() {
        return config;
    }

    /**
     * Starts configuring an engine that alerts through this dispatcher.
     *
     * @param dispatcher where alerts go
     * @return a builder
     * @throws NullPointerException if {@code dispatcher} is null
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
            Firing firing = null;
            state.lock.lock();
            try {
                // read under the rule's lock, so a rule's evaluations see time in order across threads
                firing = evaluate(state, clock.instant());
            } catch (Throwable e) { // a user's condition may throw anything; the other rules go on
                state.logFailure("failed to evaluate", e);
            } finally {
                if (firing != null) {
                    state.action.lock(); // before the rule's lock goes, so no evaluator slips past the action
                }
                state.lock.unlock();
            }
            if (firing != null) {
                try {
                    runAction(state, firing.value);
                } finally {
                    state.action.unlock();
                }
            } else if (config.awaitActions()) {
                // A round on another thread may have fired this rule a moment ago and still be running
                // its action (a kill switch's trip): wait for it, so that when evaluate() returns on the
                // trading thread a breach it can see has been acted on.
                state.action.lock();
                state.action.unlock();
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
        rule.runbook().ifPresent(link -> alert.runbook(Runbooks.rebase(link, config.runbookBase())));
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
     * Does nothing: the engine is live from {@link Builder#build()} (see the class comment).
     *
     * @return this engine
     * @deprecated an engine evaluates on its schedule from {@code build()}; remove the call, or
     *     build with {@code RuleEngineConfig.custom().scheduled(false)} to evaluate only by hand
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public RuleEngine start() {
        return this;
    }

    private void evaluateOnSchedule() {
        try {
            evaluate();
        } catch (Throwable e) { // a scheduled task that throws is never run again
            LOG.error("Rule evaluation round failed: {}", LogText.clean(e.toString()));
        }
    }

    /** Stops the schedule, waiting up to a second for a round in progress. Idempotent; never throws. */
    @Override
    public void close() {
        if (scheduler == null || !closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("A rule evaluation round was still running a second after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures an engine. Not thread-safe: configure on one thread, then {@link #build()}. */
    public static final class Builder {
        private final AlertDispatcher dispatcher;
        private final List<Rule> rules = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private RuleEngineConfig.Builder config = RuleEngineConfig.custom();

        private Builder(AlertDispatcher dispatcher) {
            this.dispatcher = Checks.notNull(dispatcher, "dispatcher");
        }

        /**
         * Takes every setting from a configuration, replacing those made so far.
         *
         * @param config the configuration
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(RuleEngineConfig config) {
            this.config = RuleEngineConfig.from(Checks.notNull(config, "config"));
            return this;
        }

        /**
         * Adds a rule; names must be unique.
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         * @throws IllegalArgumentException if a rule of that name was already added
         */
        public Builder rule(Rule rule) {
            Checks.notNull(rule, "rule");
            if (rules.stream().anyMatch(r -> r.name().equals(rule.name()))) {
                throw new IllegalArgumentException("a rule named '" + rule.name() + "' is already added");
            }
            rules.add(rule);
            return this;
        }

        /**
         * The clock for {@code for} durations and windows; the default is the system clock in UTC.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Shortcut for {@link RuleEngineConfig.Builder#interval}.
         *
         * @param every at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code every} is null
         * @throws IllegalArgumentException if {@code every} is shorter than 1 ms
         */
        public Builder interval(Duration every) {
            config.interval(every);
            return this;
        }

        /**
         * Shortcut for {@link RuleEngineConfig.Builder#runbookBase}.
         *
         * @param base where the operations handbook is hosted, such as {@code https://wiki.example.com/ops#}
         * @return this builder
         * @throws NullPointerException if {@code base} is null
         * @throws IllegalArgumentException if {@code base} is not a usable base (see the config's builder)
         */
        public Builder runbookBase(URI base) {
            config.runbookBase(base);
            return this;
        }

        /**
         * Shortcut for {@link RuleEngineConfig.Builder#awaitActions}.
         *
         * @param await true for evaluate() to wait for an action another round is running
         * @return this builder
         */
        public Builder awaitActions(boolean await) {
            config.awaitActions(await);
            return this;
        }

        /**
         * Shortcut for {@link RuleEngineConfig.Builder#scheduled}.
         *
         * @param scheduled false for an engine that evaluates only when {@link RuleEngine#evaluate()} is called
         * @return this builder
         */
        public Builder scheduled(boolean scheduled) {
            config.scheduled(scheduled);
            return this;
        }

        /**
         * Builds a live engine: unless the config says otherwise, it evaluates on its schedule
         * from now on. Close it when done.
         *
         * @return the engine
         */
        public RuleEngine build() {
            return new RuleEngine(dispatcher, clock, List.copyOf(rules), config.build()).schedule();
        }
    }
}
