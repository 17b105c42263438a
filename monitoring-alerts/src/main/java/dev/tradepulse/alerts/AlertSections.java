package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.api.support.Checks;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Status-page sections for alerting. Stateless and safe to use from any thread. */
public final class AlertSections {

    /** The id of the {@link #active} section, and the section of the dispatcher's status events. */
    public static final String ID = "alerts";

    private static final int MAX_ROWS = 50;

    private AlertSections() {
    }

    /**
     * The alerts firing now, most severe first. Without details it shows only how many there
     * are of each severity (a row per severity, in the severity's tone, so the page's headline
     * sees them); summaries can carry user data, so they need the token.
     *
     * <p>Tones: CRITICAL (P1) is critical and turns the page's headline red; HIGH (P2) and
     * MEDIUM (P3) are warnings and make it degraded; LOW (P4) is informational.
     *
     * @param dispatcher the dispatcher
     * Its {@link StatusSection#events()} are the dispatcher's {@link AlertDispatcher#statusEvents()}.
     *
     * @return the section, with id {@code alerts}
     * @throws NullPointerException if {@code dispatcher} is null
     */
    public static StatusSection active(AlertDispatcher dispatcher) {
        Checks.notNull(dispatcher, "dispatcher");
        return StatusSection.of(ID, "Active alerts", details -> view(dispatcher.activeAlerts(), details),
                dispatcher.statusEvents());
    }

    private static StatusView view(List<Alert> active, boolean details) {
        if (active.isEmpty()) {
            return StatusView.note("No active alerts.");
        }
        if (!details) {
            Map<Severity, Long> counts = active.stream().collect(Collectors.groupingBy(Alert::severity,
                    () -> new EnumMap<>(Severity.class), Collectors.counting()));
            return StatusView.table(List.of("Severity", "Active"), counts.entrySet().stream()
                    .map(e -> new StatusView.Row(tone(e.getKey()), List.of(label(e.getKey()),
                            Long.toString(e.getValue()))))
                    .toList());
        }
        return StatusView.table(List.of("Severity", "Alert", "Summary", "Since (UTC)"), active.stream()
                .limit(MAX_ROWS)
                .map(a -> new StatusView.Row(tone(a.severity()), List.of(
                        label(a.severity()), a.key(), a.summary(),
                        a.startsAt().truncatedTo(ChronoUnit.SECONDS).toString())))
                .toList());
    }

    private static String label(Severity severity) {
        return severity.name() + " (" + severity.priority() + ")";
    }

    /**
     * How an alert of this severity reads on the page and in status events.
     *
     * @param severity the severity
     * @return its tone
     */
    public static Tone tone(Severity severity) {
        return switch (severity) {
            case CRITICAL -> Tone.CRITICAL;
            case HIGH, MEDIUM -> Tone.WARN;
            case LOW -> Tone.NEUTRAL;
        };
    }
}
