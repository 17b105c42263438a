package dev.tradepulse.trading;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.trading.risk.Cause;
import dev.tradepulse.trading.risk.Hold;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.RiskStateConfig;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Clock;
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
 * <p>{@link #trip} never runs the halt action on the caller's thread, waits for nothing but (with
 * {@link Builder#stateStore a store}) the write of the halt to disk, and holds no lock while the
 * action runs; {@link #isHalted()} is true as soon as it returns. The action
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
 * <p><b>The HALTED transition of a {@link RiskState}.</b> Each kill switch owns a
 * {@link RiskState} (or is given one, {@link Builder#riskState}): a trip holds it at
 * {@link TradingState#HALTED} with the rule as cause, a re-arm lifts it. With
 * {@link Builder#stateStore} a halted switch stays halted across restarts until {@link #rearm}:
 * the halt is on disk before {@link #trip} returns, and {@link #isHalted()} is true from
 * {@link Builder#build()} on, with {@link Outcome#RESTORED} as the halt's outcome. A restored halt
 * does not run the halt action again: it ran (or was under way) before the restart, and running
 * it at every start would cancel orders an operator may have placed by hand while the bot was
 * down; a caller that wants it run again can check {@link #halt()} at start. The state journals its
 * restore ({@code TRADING_STATE restored}) and alerts it; its own transitions are not journalled or
 * alerted twice (the kill switch does both).
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
        TIMED_OUT,
        /** The halt was saved before a restart and restored at build; the action was not run again. */
        RESTORED
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
    private final RiskState state;
    private final Object lock = new Object();

    private KillSwitch(Builder b, RiskState state) {
        this.name = b.name;
        this.action = b.action;
        this.records = new HaltRecords(b.name, b.audit, b.alerts);
        this.config = b.config;
        this.deadline = b.config.haltDeadline();
        String role = threadRole(b.name);
        this.supervisors = Threads.daemon("kill-switch-" + role);
        this.workers = Threads.daemon("halt-action-" + role);
        this.state = state;
        if (state.own() == TradingState.HALTED) {
            Hold h = state.holds().stream().filter(x -> x.level() == TradingState.HALTED).findFirst().orElse(null);
            Halt restored = h == null ? new Halt("restored", "halted before a restart", Outcome.RESTORED)
                    : new Halt(h.cause().name(), h.reason(), Outcome.RESTORED);
            halted.set(restored);
            LOG.error("Kill switch '{}' is still HALTED after a restart ({}: {}); the halt action is not run again; "
                    + "re-arm it to trade", oneLine(name), oneLine(restored.rule()), oneLine(restored.reason()));
        }
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
     * once (with a store, once the halt is on disk; if it cannot be written the halt still stands,
     * and the failure is logged and alerted); the halt action runs on a thread of its own (see the
     * class description).
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
        if (halted.get() != null) {
            return false; // already halted: no lock, no write
        }
        Halt running = new Halt(rule, reason, Outcome.RUNNING);
        synchronized (lock) { // a trip and a re-arm at once end in one consistent state, on disk too
            if (!halted.compareAndSet(null, running)) {
                return false; // one halt per breach: whoever set it runs the action
            }
            state.restrict(Cause.rule(rule), TradingState.HALTED, reason);
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
     * Re-arms after a halt: trading may resume. Audited; the halt alert resolves. It lifts every
     * hold of its {@link #riskState()}. With a store, the lift is on disk before this returns; if it
     * cannot be written the kill switch stays halted and this returns false (logged at ERROR).
     *
     * @param who the person re-arming
     * @param why their reason
     * @return true if it was halted and is now armed
     * @throws NullPointerException if an argument is null
     */
    public boolean rearm(String who, String why) {
        Checks.notNull(who, "who");
        Checks.notNull(why, "why");
        Halt was;
        synchronized (lock) {
            was = halted.get();
            if (was == null) {
                return false;
            }
            state.lift(who.isBlank() ? "unknown" : who, why);
            if (state.own() != TradingState.ACTIVE) {
                LOG.error("Kill switch '{}': the re-arm by {} was refused: its state could not be saved; it stays "
                        + "HALTED", oneLine(name), oneLine(who));
                return false;
            }
            halted.set(null);
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

    /**
     * The trading state this kill switch is the HALTED transition of: its gauge, status events and
     * holds. Other causes (a health mapping at REDUCING) may hold it too.
     *
     * @return the state
     */
    public RiskState riskState() {
        return state;
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
        private @Nullable StateStore store;
        private @Nullable RiskState riskState;
        private Clock clock = Clock.systemUTC();

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
         * Where the halt survives restarts: a halted switch is built halted until {@link #rearm}.
         * The kill switch's own {@link RiskState} keeps its record there under
         * {@code risk-state.<name>}. None by default. The store is the caller's to close.
         *
         * @param store the store
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder stateStore(StateStore store) {
            this.store = Checks.notNull(store, "store");
            return this;
        }

        /**
         * The state this kill switch halts, such as a strategy's {@link RiskState} that health
         * mappings also lower; by default the kill switch builds its own. Set this or
         * {@link #stateStore}, not both: the given state brings its own store.
         *
         * @param state the state
         * @return this builder
         * @throws NullPointerException if {@code state} is null
         */
        public Builder riskState(RiskState state) {
            this.riskState = Checks.notNull(state, "state");
            return this;
        }

        /**
         * The clock of its own state's holds and transitions; the default is the system UTC clock.
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
         * Builds the kill switch: armed, or halted if its state was saved halted. It starts no
         * thread until it trips.
         *
         * @return the kill switch
         * @throws IllegalArgumentException if both {@link #stateStore} and {@link #riskState} were set
         */
        public KillSwitch build() {
            RiskState s = riskState;
            if (s != null && store != null) {
                throw new IllegalArgumentException("stateStore and riskState are exclusive: the given riskState has its"
                        + " own store");
            }
            if (s == null) {
                RiskState.Builder b = RiskState.builder(name, audit, alerts).clock(clock)
                        .config(RiskStateConfig.custom().announceTransitions(false).build());
                if (store != null) {
                    b.stateStore(store);
                }
                s = b.build();
            }
            return new KillSwitch(this, s);
        }
    }
}
