package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertSections;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.status.StatusEvent;
import java.time.Instant;

/**
 * The status events the dispatcher publishes for the {@code alerts} section: the severity is a
 * status (the section shows counts by severity without the token); the key, summary and start
 * time are details, since they can carry user data.
 */
final class AlertStatusEvents {

    private AlertStatusEvents() {
    }

    static StatusEvent fired(Alert alert, Instant since, Instant now) {
        return event(StatusEvent.Kind.ALERT_FIRED, "firing", alert, since, now);
    }

    static StatusEvent resolved(Alert alert, Instant since, Instant now) {
        return event(StatusEvent.Kind.ALERT_RESOLVED, "resolved", alert, since, now);
    }

    private static StatusEvent event(StatusEvent.Kind kind, String state, Alert alert, Instant since, Instant now) {
        return StatusEvent.builder(kind, AlertSections.ID).tone(AlertSections.tone(alert.severity())).state(state)
                .label("severity", alert.severity().name()).label("priority", alert.severity().priority())
                .detail("key", alert.key()).detail("summary", alert.summary()).detail("since", since)
                .at(now).build();
    }
}
