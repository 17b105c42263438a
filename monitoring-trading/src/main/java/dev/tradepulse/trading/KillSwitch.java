package dev.tradepulse.trading;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Severity;
import dev.tradepulse.compliance.ComplianceLogger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops trading when a halting risk rule is breached (MiFID II RTS 6 Art. 12 style): calls the
 * registered halt callback (cancel orders, stop strategies) exactly once per breach, however
 * many threads report it, records a {@code KILL_SWITCH} risk event in the compliance journal,
 * and fires a CRITICAL alert. It stays halted until someone calls {@link #rearm}, which is
 * audited too. A halt callback that throws is still recorded, and alerted as a failed halt.
 */
public final class KillSwitch {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.trading.killswitch");

    /** Why trading was halted. */
    public record Halt(String rule, String reason, boolean callbackSucceeded) {
    }

    /** What to do when trading must stop. */
    @FunctionalInterface
    public interface HaltAction {
        /**
         * Stops trading.
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
    private final AtomicReference<Halt> halted = new AtomicReference<>();
    private final Object tripping = new Object();

    private KillSwitch(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
        this.name = name;
        this.action = action;
        this.audit = audit;
        this.alerts = alerts;
    }

    /**
     * Creates a kill switch.
     *
     * @param name what it protects, such as an account or strategy
     * @param action what to do on a halt
     * @param audit the compliance journal
     * @param alerts where the CRITICAL alert goes
     * @return the kill switch, armed
     */
    public static KillSwitch create(String name, HaltAction action, ComplianceLogger audit, AlertDispatcher alerts) {
        return new KillSwitch(Objects.requireNonNull(name, "name must not be null"),
                Objects.requireNonNull(action, "action must not be null"),
                Objects.requireNonNull(audit, "audit must not be null"),
                Objects.requireNonNull(alerts, "alerts must not be null"));
    }

    /**
     * Halts trading, once: later calls while halted do nothing and return false.
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
        synchronized (tripping) { // one halt at a time: the callback runs exactly once per breach
            if (halted.get() != null) {
                return false;
            }
            boolean ok = true;
            String failure = null;
            try {
                action.halt(rule, reason);
            } catch (Exception | LinkageError e) {
                ok = false;
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.error("Kill switch '{}': the halt action FAILED: {}", name, failure.replaceAll("[\\r\\n]", " "));
            }
            halted.set(new Halt(rule, reason, ok));
            Map<String, Object> details = new LinkedHashMap<>(figures);
            details.put("kill_switch", name);
            details.put("reason", reason);
            details.put("halt_action", ok ? "completed" : "FAILED: " + failure);
            record(() -> audit.riskEvent(ComplianceLogger.RiskKind.KILL_SWITCH, rule, "kill-switch:" + name, details));
            Alert.Builder alert = Alert.builder("kill-switch:" + name, Severity.CRITICAL,
                    (ok ? "Trading HALTED by " : "Trading halt FAILED for ") + rule + ": " + reason)
                    .label("alertname", ok ? "trading-halted" : "trading-halt-failed").label("kill_switch", name)
                    .label("rule", rule);
            figures.forEach((k, v) -> {
                if (v != null) {
                    alert.detail(k, v);
                }
            });
            alerts.fire(alert.build());
            LOG.error("Kill switch '{}' tripped by {}: {}", name, rule, reason.replaceAll("[\\r\\n]", " "));
            return true;
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
        synchronized (tripping) {
            Halt was = halted.getAndSet(null);
            if (was == null) {
                return false;
            }
            record(() -> audit.riskEvent(ComplianceLogger.RiskKind.REARM, was.rule(), who,
                    Map.of("kill_switch", name, "reason", why, "halted_by", was.rule())));
            alerts.resolve("kill-switch:" + name);
            LOG.warn("Kill switch '{}' re-armed by {}: {}", name, who.replaceAll("[\\r\\n]", " "),
                    why.replaceAll("[\\r\\n]", " "));
            return true;
        }
    }

    /** The journal may be in a durable mode that throws; the halt stands regardless, and says so. */
    private void record(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("Kill switch '{}': could not write to the compliance journal: {}", name, e.toString());
        }
    }

    /** @return the current halt, if trading is halted */
    public Optional<Halt> halt() {
        return Optional.ofNullable(halted.get());
    }

    /** @return whether trading is halted */
    public boolean isHalted() {
        return halted.get() != null;
    }

    @Override
    public String toString() {
        return "KillSwitch[" + name + (isHalted() ? ", HALTED" : ", armed") + "]";
    }
}
