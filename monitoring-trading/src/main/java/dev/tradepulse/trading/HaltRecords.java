package dev.tradepulse.trading;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Runbooks;
import dev.tradepulse.alerts.rules.HumanDuration;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link KillSwitch} writes down: risk events in the compliance journal and the CRITICAL
 * alert. Nothing here throws: a journal in a durable mode that fails, or a dispatcher that
 * throws, is logged and the halt or re-arm stands. Thread-safe (no state of its own).
 */
final class HaltRecords {

    static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.trading.killswitch");

    private final String name;
    private final String alertKey;
    private final ComplianceLogger audit;
    private final AlertDispatcher alerts;

    HaltRecords(String name, ComplianceLogger audit, AlertDispatcher alerts) {
        this.name = name;
        this.alertKey = "kill-switch:" + name;
        this.audit = audit;
        this.alerts = alerts;
    }

    /** The {@code KILL_SWITCH} event, once the halt action is under way. */
    void started(KillSwitch.Halt running, Map<String, Object> figures, Duration deadline) {
        Map<String, Object> details = details(figures, running.reason(), "started");
        details.put("halt_deadline", HumanDuration.format(deadline));
        journal(() -> audit.riskEvent(ComplianceLogger.RiskKind.KILL_SWITCH, Actor.of(alertKey), running.rule(), details));
    }

    /**
     * The {@code TRADING_HALT} event with the action's outcome, and the alert unless the switch
     * was re-armed before a successful action ended (its alert is already resolved then).
     */
    void ended(KillSwitch.Halt result, @Nullable String failure, Map<String, Object> figures, boolean stillHalted) {
        boolean ok = result.outcome() == KillSwitch.Outcome.COMPLETED;
        if (!ok) {
            LOG.error("Kill switch '{}': the halt action FAILED: {}", clean(name), clean(failure));
        }
        Map<String, Object> details = details(figures, result.reason(), ok ? "completed" : "FAILED: " + failure);
        journal(() -> audit.riskEvent(ComplianceLogger.RiskKind.TRADING_HALT, Actor.of(alertKey), result.rule(), details));
        if (!stillHalted && ok) {
            return;
        }
        try {
            Alert.Builder alert = Alert.builder(alertKey, Severity.CRITICAL,
                    (ok ? "Trading HALTED by " : "Trading halt FAILED for ") + result.rule() + ": " + result.reason())
                    .label("alertname", ok ? "trading-halted" : "trading-halt-failed").label("kill_switch", name)
                    .label("rule", result.rule()).runbook(Runbooks.entry("kill-switch"));
            figures.forEach(alert::detail);
            if (!ok) {
                alert.detail("halt_action", "FAILED: " + failure);
            }
            alerts.fire(alert.build());
        } catch (Throwable e) { // the halt stands whatever the alerting does
            LOG.error("Kill switch '{}': could not fire its alert: {}", clean(name), clean(e.toString()));
        }
    }

    /** The {@code REARM} event, and the halt alert resolved. */
    void rearmed(KillSwitch.Halt was, String who, String why) {
        journal(() -> audit.riskEvent(ComplianceLogger.RiskKind.REARM, Actor.of(who), was.rule(),
                Map.of("kill_switch", name, "reason", why, "halted_by", was.rule())));
        try {
            alerts.resolve(alertKey);
        } catch (Throwable e) { // the re-arm stands whatever the alerting does
            LOG.error("Kill switch '{}': could not resolve its alert: {}", clean(name), clean(e.toString()));
        }
    }

    private Map<String, Object> details(Map<String, Object> figures, String reason, String haltAction) {
        Map<String, Object> details = new LinkedHashMap<>(figures);
        details.put("kill_switch", name);
        details.put("reason", reason);
        details.put("halt_action", haltAction);
        return details;
    }

    /** The journal may be in a durable mode that throws; the halt stands regardless, and says so. */
    private void journal(Runnable write) {
        try {
            write.run();
        } catch (Throwable e) {
            LOG.error("Kill switch '{}': could not write to the compliance journal: {}", clean(name),
                    clean(e.toString()));
        }
    }

    /** Escapes control characters and the Unicode line separators, so that text cannot forge log lines. */
    static String clean(@Nullable String text) {
        return LogText.clean(text, Integer.MAX_VALUE);
    }
}
