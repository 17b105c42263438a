package dev.tradepulse.trading;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops trading when a halting risk rule is breached (MiFID II RTS 6 Art. 12 style): calls the
 * registered halt action (cancel orders, stop strategies) exactly once per breach, however
 * many threads report it, and fires a CRITICAL alert. It stays halted until someone calls
 * {@link #rearm}, which is audited too.
 *
 * <p>{@link #trip} never runs the halt action on the caller's thread, waits for nothing, and holds
 * no lock while the action runs; {@link #isHalted()} is true as soon as it returns. The action
 * runs on a thread of its own, with a deadline ({@link #DEFAULT_HALT_DEADLINE} unless
 * {@link Builder#haltDeadline} says otherwise); once it is under way, a {@code KILL_SWITCH} risk
 * event is journalled ({@code halt_action: started}). When the action completes, throws, or is still
 * running at the deadline, a {@code TRADING_HALT} risk event records the outcome
 * ({@code halt_action: completed} or {@code FAILED: ...}) and the alert fires; an action that
 * throws or overruns is still a halt, alerted as failed. An overrunning action is not
 * interrupted (it may still be cancelling orders); it is logged when it finally ends.
 */
public final class KillSwitch {

    /** How long a halt action may run before the halt is reported as failed: 10 seconds. */
    public static final Duration DEFAULT_HALT_DEADLINE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.trading.killswitch");

    /** What became of a halt's action. */
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

    /** What to do when trading must stop. */
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
    private final ComplianceLogger audit;
    private final AlertDispatcher alerts;
    private final Duration deadline;
    private final AtomicReference<Halt> halted = new AtomicReference<>();

    private KillSwitch(Builder b) {
        this.name = b.name;
        this.action = b.action;
        this.audit = b.audit;
        this.alerts = b.alerts;
        this.deadline = b.deadline;
    }

    /**
     * Creates a kill switch with the default halt deadline.
     *
     * @param name what it protects, such as an account or strategy
     * @param action what to do on a halt
     * @param audit the compliance journal
     * @param alerts where the CRITICAL alert goes
     * @return the kill switch, armed
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
     * @param figures the numbers behind it, for the journal and the alert
     * @return true if this call halted trading
     */
    public boolean trip(String rule, String reason, Map<String, ?> figures) {
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(figures, "figures must not be null");
        Halt running = new Halt(rule, reason, Outcome.RUNNING);
        if (!halted.compareAndSet(null, running)) {
            return false; // one halt per breach: whoever set it runs the action
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        LOG.error("Kill switch '{}' tripped by {}: {}", oneLine(name), oneLine(rule), oneLine(reason));
        Thread supervisor = new Thread(() -> supervise(running, copy), "tradepulse-kill-switch-" + name);
        supervisor.setDaemon(true);
        try {
            supervisor.start();
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
        Thread worker = new Thread(() -> {
            try {
                action.halt(running.rule(), running.reason());
                done.complete(null);
            } catch (Throwable e) { // user code: whatever it throws, the halt stands
                done.completeExceptionally(e);
            }
        }, "tradepulse-halt-action-" + name);
        worker.setDaemon(true);
        Outcome outcome;
        String failure = null;
        try {
            try {
                worker.start();
            } catch (Throwable e) { // no thread for the action: run it here, without a deadline
                LOG.error("Kill switch '{}': could not start a thread for the halt action ({}); running it on the "
                        + "kill switch's thread", oneLine(name), oneLine(e.toString()));
                worker.run();
            }
            // journalled here, once the action is under way, so that neither the caller nor the
            // action waits for the journal, and the trip is always written before its outcome
            Map<String, Object> started = details(figures, running.reason(), "started");
            started.put("halt_deadline", HumanDuration.format(deadline));
            record(() -> audit.riskEvent(ComplianceLogger.RiskKind.KILL_SWITCH, running.rule(), "kill-switch:" + name,
                    started));
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
        report(running, new Halt(running.rule(), running.reason(), outcome), failure, figures);
    }

    private void report(Halt running, Halt result, @Nullable String failure, Map<String, Object> figures) {
        boolean ok = result.outcome() == Outcome.COMPLETED;
        boolean current = halted.compareAndSet(running, result); // false if re-armed meanwhile
        if (!ok) {
            LOG.error("Kill switch '{}': the halt action FAILED: {}", oneLine(name), oneLine(String.valueOf(failure)));
        }
        Map<String, Object> details = details(figures, result.reason(), ok ? "completed" : "FAILED: " + failure);
        record(() -> audit.riskEvent(ComplianceLogger.RiskKind.TRADING_HALT, result.rule(), "kill-switch:" + name,
                details));
        if (!current && ok) {
            return; // re-armed before the action completed: the halt alert is already resolved
        }
        try {
            Alert.Builder alert = Alert.builder("kill-switch:" + name, Severity.CRITICAL,
                    (ok ? "Trading HALTED by " : "Trading halt FAILED for ") + result.rule() + ": " + result.reason())
                    .label("alertname", ok ? "trading-halted" : "trading-halt-failed").label("kill_switch", name)
                    .label("rule", result.rule());
            figures.forEach(alert::detail);
            if (!ok) {
                alert.detail("halt_action", "FAILED: " + failure);
            }
            alerts.fire(alert.build());
        } catch (Throwable e) { // the halt stands whatever the alerting does
            LOG.error("Kill switch '{}': could not fire its alert: {}", oneLine(name), oneLine(e.toString()));
        }
    }

    /**
     * Re-arms after a halt: trading may resume. Audited; the halt alert resolves.
     *
     * @param who the person re-arming
     * @param why their reason
     * @return true if it was halted
     */
    public boolean rearm(String who, String why) {
        Objects.requireNonNull(who, "who must not be null");
        Objects.requireNonNull(why, "why must not be null");
        Halt was = halted.getAndSet(null);
        if (was == null) {
            return false;
        }
        record(() -> audit.riskEvent(ComplianceLogger.RiskKind.REARM, was.rule(), who,
                Map.of("kill_switch", name, "reason", why, "halted_by", was.rule())));
        alerts.resolve("kill-switch:" + name);
        LOG.warn("Kill switch '{}' re-armed by {}: {}", oneLine(name), oneLine(who), oneLine(why));
        return true;
    }

    private Map<String, Object> details(Map<String, Object> figures, String reason, String haltAction) {
        Map<String, Object> details = new LinkedHashMap<>(figures);
        details.put("kill_switch", name);
        details.put("reason", reason);
        details.put("halt_action", haltAction);
        return details;
    }

    /** The journal may be in a durable mode that throws; the halt stands regardless, and says so. */
    private void record(Runnable write) {
        try {
            write.run();
        } catch (Throwable e) {
            LOG.error("Kill switch '{}': could not write to the compliance journal: {}", oneLine(name),
                    oneLine(e.toString()));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Escapes CR, LF, ESC, NEL and the Unicode line separators, so that text cannot forge log lines. */
    private static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the current halt, if trading is halted */
    public Optional<Halt> halt() {
        return Optional.ofNullable(halted.get());
    }

    /** @return whether trading is halted */
    public boolean isHalted() {
        return halted.get() != null;
    }

    /** @return how long a halt action may run before the halt is reported as failed */
    public Duration haltDeadline() {
        return deadline;
    }

    @Override
    public String toString() {
        return "KillSwitch[" + name + (isHalted() ? ", HALTED" : ", armed") + "]";
    }

    /** Configures a kill switch. */
    public static final class Builder {
        private final String name;
        private final HaltAction action;
        private final ComplianceLogger audit;
        private final AlertDispatcher alerts;
        private Duration deadline = DEFAULT_HALT_DEADLINE;

        private Builder(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            this.action = Objects.requireNonNull(action, "action must not be null");
            this.audit = Objects.requireNonNull(audit, "audit must not be null");
            this.alerts = Objects.requireNonNull(alerts, "alerts must not be null");
        }

        /**
         * How long the halt action may run before the halt is journalled and alerted as failed;
         * the default is {@link #DEFAULT_HALT_DEADLINE} (10 seconds).
         *
         * @param deadline positive, at most a day
         * @return this builder
         */
        public Builder haltDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline must not be null");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, but was " + deadline);
            }
            if (deadline.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("deadline must be at most 1 day, but was " + deadline);
            }
            this.deadline = deadline;
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
