package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Runbooks;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditEvent;
import dev.tradepulse.compliance.AuditLevel;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RiskState} writes down and tells: {@code TRADING_STATE} audit events, the alert
 * keyed {@code trading-state:<scope>}, and status events for the {@code trading-states} section.
 * Nothing here throws: a journal in a durable mode that fails, or a dispatcher that throws, is
 * logged and the transition stands. Thread-safe (no state of its own).
 */
final class StateAnnouncer {

    static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.trading.risk");
    /** The audit event type of every transition. */
    static final String AUDIT_TYPE = "TRADING_STATE";
    /** The id of the status section the events change. */
    static final String SECTION = "trading-states";

    private final String scope;
    private final String alertKey;
    private final ComplianceLogger audit;
    private final AlertDispatcher alerts;

    StateAnnouncer(String scope, ComplianceLogger audit, AlertDispatcher alerts) {
        this.scope = scope;
        this.alertKey = "trading-state:" + scope;
        this.audit = audit;
        this.alerts = alerts;
    }

    /** Journals a transition; {@code restore_failed} when a start could not read the saved state. */
    void journal(Transition t, String action, Map<String, Object> extra) {
        AuditLevel level = t.to() == TradingState.HALTED ? AuditLevel.CRITICAL
                : t.to() == TradingState.REDUCING || t.type() == Transition.Type.UP ? AuditLevel.WARNING : AuditLevel.INFO;
        if ("restore_failed".equals(action)) {
            level = AuditLevel.CRITICAL;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scope", scope);
        d.put("from", t.from().name());
        d.put("to", t.to().name());
        d.put("cause", t.cause().id());
        d.put("reason", t.reason());
        d.put("holds", holds(t.holds()));
        d.put("sequence", t.sequence());
        d.putAll(extra);
        try {
            audit.record(AuditEvent.builder(AUDIT_TYPE).level(level).actor(actor(t.cause())).action(action).details(d)
                    .build());
        } catch (Throwable e) { // the transition stands whatever the journal does
            LOG.error("Trading state '{}': could not write to the compliance journal: {}", clean(scope),
                    clean(e.toString()));
        }
    }

    /** Fires the scope's alert for a state below ACTIVE, or resolves it at ACTIVE. */
    void alert(Transition t, String summary) {
        try {
            if (t.to() == TradingState.ACTIVE) {
                alerts.resolve(alertKey);
                return;
            }
            if (t.type() == Transition.Type.UP) {
                alerts.resolve(alertKey); // HALTED -> REDUCING: the page goes from CRITICAL to HIGH
            }
            Severity severity = t.to() == TradingState.HALTED ? Severity.CRITICAL : Severity.HIGH;
            alerts.fire(Alert.builder(alertKey, severity, summary).label("alertname", "trading-state")
                    .label("scope", scope).label("state", t.to().name()).label("cause", t.cause().id())
                    .detail("reason", t.reason()).detail("holds", holds(t.holds()))
                    .runbook(Runbooks.entry("trading-state")).build());
        } catch (Throwable e) { // the transition stands whatever the alerting does
            LOG.error("Trading state '{}': could not fire or resolve its alert: {}", clean(scope), clean(e.toString()));
        }
    }

    /** A CRITICAL alert that the state could not be saved: a restart would come back less safe. */
    void persistFailed(String what) {
        try {
            alerts.fire(Alert.builder("trading-state-store:" + scope, Severity.CRITICAL,
                    "Trading state of " + scope + " could not be saved: " + what).label("alertname",
                    "trading-state-not-saved").label("scope", scope).runbook(Runbooks.entry("trading-state")).build());
        } catch (Throwable e) {
            LOG.error("Trading state '{}': could not fire its alert: {}", clean(scope), clean(e.toString()));
        }
    }

    StatusEvent event(Transition t) {
        StatusEvent.Kind kind = t.to() == TradingState.HALTED ? StatusEvent.Kind.HALTED
                : t.to() == TradingState.ACTIVE && t.type() == Transition.Type.UP ? StatusEvent.Kind.REARMED
                : StatusEvent.Kind.CHANGED;
        return StatusEvent.builder(kind, SECTION).subject(scope).tone(tone(t.to())).state(t.to().name())
                .label("transition", t.type().name().toLowerCase(Locale.ROOT)).detail("cause", t.cause().id())
                .detail("reason", t.reason()).detail("holds", holds(t.holds())).at(t.at()).build();
    }

    static Tone tone(TradingState s) {
        return switch (s) {
            case ACTIVE -> Tone.OK;
            case REDUCING -> Tone.WARN;
            case HALTED -> Tone.CRITICAL;
        };
    }

    static Actor actor(Cause c) {
        return c.kind() == Cause.Kind.OPERATOR ? Actor.of(c.name()) : Actor.of(c.id());
    }

    static String holds(List<Hold> holds) {
        return holds.isEmpty() ? "none" : holds.stream().map(h -> h.cause().id() + "=" + h.level())
                .collect(Collectors.joining(", "));
    }

    static String clean(String text) {
        return LogText.clean(text, 500);
    }

    static Map<String, Object> restoredDetails(Instant savedAt) {
        return Map.of("saved_at", savedAt.toString());
    }
}
