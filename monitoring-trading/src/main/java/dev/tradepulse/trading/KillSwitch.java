package dev.tradepulse.trading;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Stops trading when a halting risk rule is breached (MiFID II RTS 6 Art. 12 style): calls the
 * registered halt action (cancel orders, stop strategies) exactly once per breach, however
 * many threads report it, and fires a CRITICAL alert. It stays halted until someone calls
 * {@link #rearm}, which is audited too.
 *
 * <p>{@link #trip} never runs the halt action on the caller's thread, waits for nothing, and holds
 * no lock while the action runs; {@link #isHalted()} is true as soon as it returns. The action
 * runs on a thread of its own, with a deadline ({@link KillSwitchConfig#haltDeadline()}, 10 seconds
 * by default); once it is under way, a {@code KILL_SWITCH} risk
 * event is journalled ({@code halt_action: started}). When the action completes, throws, or is still
 * running at the deadline, a {@code TRADING_HALT} risk event records the outcome
 * ({@code halt_action: completed} or {@code FAILED: ...}) and the alert fires; an action that
 * throws or overruns is still a halt, alerted as failed. An overrunning action is not
 * interrupted (it may still be cancelling orders); it is logged when it finally ends.
 *
 * <p>Lifecycle: {@link Builder#build()} returns it armed. It owns no thread until it trips; each
 * trip starts two daemon threads from {@link Threads} ({@code tradepulse-kill-switch-<name>-n}
 * supervising, {@code tradepulse-halt-action-<name>-n} running the action) that end when the
 * action ends, so there is nothing to close. A journal or alert that fails is logged, never
 * thrown into the caller.
 *
 * <p>Thread-safe: any number of threads may trip, re-arm and read it at once; exactly one trip
 * per breach wins.
 */
public final class KillSwitch {

    private static final Logger LOG = HaltRecords.LOG;

    /** What became of a halt's action. Immutable and thread-safe. */
    public enum Outcome {
        /** The action is still running, within its deadline. */
        RUNNING,
        /** The action returned. */
        COMPLETED,
        /** The action threw. */
        FAILED,
        /** The action was still running at its deadline. */
        TIMED_OUT
    }

    /**
     * Why trading was halted, and what became of the halt action.
     *
     * <p>Immutable and thread-safe.
     *
     * @param rule the rule that tripped
     * @param reason why, for people
     * @param outcome the halt action's outcome so far
     */
    public record Halt(String rule, String reason, Outcome outcome) {

        /** @return true once the halt action has completed; false while it runs, and if it failed or overran */
        public boolean callbackSucceeded() {
            return outcome == Outcome.COMPLETED;
        }
    }

    /**
     * What to do when trading must stop. Runs on the kill switch's own thread, once per trip; a
     * new trip after a re-arm may run it again while an overrunning earlier call is still going,
     * so an implementation that keeps state must be thread-safe.
     */
    @FunctionalInterface
    public interface HaltAction {
        /**
         * Stops trading. Runs on the kill switch's own thread, not the caller's.
         *
         * @param rule the rule that tripped
         * @param reason why, for people
         * @throws Exception if stopping failed; the halt still stands and is alerted as failed
         */
        void halt(String rule, String reason) throws Exception;
    }

    private final String name;
    private final HaltAction action;
    private final HaltRecords records;
    private final KillSwitchConfig config;
    private final Duration deadline;
    private final ThreadFactory supervisors;
    private final ThreadFactory workers;
    private final AtomicReference<@Nullable Halt> halted = new AtomicReference<>();
    private final StatusEventPublisher events = new StatusEventPublisher();

    private KillSwitch(Builder b) {
        this.name = b.name;
        this.action = b.action;
        this.records = new HaltRecords(b.name, b.audit, b.alerts);
        this.config = b.config;
        this.deadline = b.config.haltDeadline();
        String role = threadRole(b.name);
        this.supervisors = Threads.daemon("kill-switch-" + role);
        this.workers = Threads.daemon("halt-action-" + role);
    }

    /** The name as part of a thread name: control characters and blanks replaced, at most 40 characters. */
    private static String threadRole(String name) {
        return name.codePoints().limit(40).map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * Creates a kill switch with the default settings ({@link KillSwitchConfig#ofDefaults()}).
     *
     * @param name what it protects, such as an account or strategy
     * @param action what to do on a halt
     * @param audit the compliance journal
     * @param alerts where the CRITICAL alert goes
     * @return the kill switch, armed
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static KillSwitch create(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
        return builder(name, action, audit, alerts).build();
    }

    /**
     * Starts configuring a kill switch.
     *
     * @param name what it protects, such as an account or strategy
     * @param action what to do on a halt
     * @param audit the compliance journal
     * @param alerts where the CRITICAL alert goes
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Builder builder(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
        return new Builder(name, action, audit, alerts);
    }

    /**
     * Halts trading, once: later calls while halted do nothing and return false. Returns at
     * once; the halt action runs on a thread of its own (see the class description).
     *
     * @param rule the rule that tripped
     * @param reason why, for people
     * @param figures the numbers behind it, for the journal and the alert (null keys and values are left out)
     * @return true if this call halted trading
     * @throws NullPointerException if an argument is null
     */
    public boolean trip(String rule, String reason, Map<String, ?> figures) {
        Checks.notNull(rule, "rule");
        Checks.notNull(reason, "reason");
        Checks.notNull(figures, "figures");
        Halt running = new Halt(rule, reason, Outcome.RUNNING);
        if (!halted.compareAndSet(null, running)) {
            return false; // one halt per breach: whoever set it runs the action
        }
        events.publish(StrategyEvents.halted(name, running, Instant.now()));
        Map<String, Object> copy = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        LOG.error("Kill switch '{}' tripped by {}: {}", oneLine(name), oneLine(rule), oneLine(reason));
        try {
            supervisors.newThread(() -> supervise(running, copy)).start();
        } catch (Throwable e) { // no thread to be had: halting on the caller's thread beats not halting
            LOG.error("Kill switch '{}': could not start its halt thread ({}); halting on the caller's thread",
                    oneLine(name), oneLine(e.toString()));
            supervise(running, copy);
        }
        return true;
    }

    /** Starts the action on a thread of its own, journals the trip, waits up to the deadline, then reports. */
    private void supervise(Halt running, Map<String, Object> figures) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable work = () -> {
            try {
                action.halt(running.rule(), running.reason());
                done.complete(null);
            } catch (Throwable e) { // user code: whatever it throws, the halt stands
                done.completeExceptionally(e);
            }
        };
        Outcome outcome;
        String failure = null;
        try {
            try {
                workers.newThread(work).start();
            } catch (Throwable e) { // no thread for the action: run it here, without a deadline
                LOG.error("Kill switch '{}': could not start a thread for the halt action ({}); running it on the "
                        + "kill switch's thread", oneLine(name), oneLine(e.toString()));
                work.run();
            }
            // journalled here, once the action is under way, so that neither the caller nor the
            // action waits for the journal, and the trip is always written before its outcome
            records.started(running, figures, deadline);
            done.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            outcome = Outcome.COMPLETED;
        } catch (TimeoutException e) {
            outcome = Outcome.TIMED_OUT;
            failure = "still running after the " + HumanDuration.format(deadline) + " deadline";
            done.whenComplete((v, late) -> LOG.warn("Kill switch '{}': the overrunning halt action finally {}",
                    oneLine(name), late == null ? "completed" : "failed: " + oneLine(describe(late))));
        } catch (ExecutionException e) {
            outcome = Outcome.FAILED;
            Throwable cause = e.getCause();
            failure = describe(cause != null ? cause : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.TIMED_OUT;
            failure = "interrupted while waiting for the halt action";
        }
        Halt result = new Halt(running.rule(), running.reason(), outcome);
        boolean stillHalted = halted.compareAndSet(running, result); // false if re-armed meanwhile
        records.ended(result, failure, figures, stillHalted);
        if (stillHalted) {
            events.publish(StrategyEvents.halted(name, result, Instant.now()));
        }
    }

    /**
     * Re-arms after a halt: trading may resume. Audited; the halt alert resolves.
     *
     * @param who the person re-arming
     * @param why their reason
     * @return true if it was halted
     * @throws NullPointerException if an argument is null
     */
    public boolean rearm(String who, String why) {
        Checks.notNull(who, "who");
        Checks.notNull(why, "why");
        Halt was = halted.getAndSet(null);
        if (was == null) {
            return false;
        }
        records.rearmed(was, who, why);
        events.publish(StrategyEvents.rearmed(name, who, why, Instant.now()));
        LOG.warn("Kill switch '{}' re-armed by {}: {}", oneLine(name), oneLine(who), oneLine(why));
        return true;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String oneLine(@Nullable String text) {
        return HaltRecords.clean(text);
    }

    /** @return the current halt, if trading is halted */
    public Optional<Halt> halt() {
        return Optional.ofNullable(halted.get());
    }

    /** @return whether trading is halted */
    public boolean isHalted() {
        return halted.get() != null;
    }

    /**
     * What this kill switch publishes: {@code HALTED} when it trips and again when its halt action
     * has finished (with the outcome), {@code REARMED} when re-armed, each with the kill switch's
     * name as subject and the rule and reason as details. Listeners run on the thread that tripped
     * or re-armed it, or on its halt thread; see {@link StatusEventPublisher}.
     *
     * @return the events
     */
    public StatusEventSource statusEvents() {
        return events;
    }

    /** @return the kill switch's settings */
    public KillSwitchConfig config() {
        return config;
    }

    /** @return what the kill switch protects */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "KillSwitch[" + name + (isHalted() ? ", HALTED" : ", armed") + "]";
    }

    /** Configures a kill switch. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private final String name;
        private final HaltAction action;
        private final ComplianceLogger audit;
        private final AlertDispatcher alerts;
        private KillSwitchConfig config = KillSwitchConfig.ofDefaults();

        private Builder(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
            this.name = Checks.notBlank(name, "name");
            this.action = Checks.notNull(action, "action");
            this.audit = Checks.notNull(audit, "audit");
            this.alerts = Checks.notNull(alerts, "alerts");
        }

        /**
         * The settings; the default is {@link KillSwitchConfig#ofDefaults()}.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(KillSwitchConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Builds the kill switch, armed. It starts no thread until it trips.
         *
         * @return the kill switch
         */
        public KillSwitch build() {
            return new KillSwitch(this);
        }
    }
}
