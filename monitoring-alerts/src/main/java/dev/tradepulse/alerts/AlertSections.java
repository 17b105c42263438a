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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Status-page sections for alerting. */
public final class AlertSections {

    private static final int MAX_ROWS = 50;

    private AlertSections() {
    }

    /**
     * The alerts firing now, most severe first. Without details it shows only how many there
     * are of each severity; summaries can carry user data, so they need the token.
     *
     * @param dispatcher the dispatcher
     * @return the section, with id {@code alerts}
     */
    public static StatusSection active(AlertDispatcher dispatcher) {
        Checks.notNull(dispatcher, "dispatcher");
        return StatusSection.of("alerts", "Active alerts", details -> view(dispatcher.activeAlerts(), details));
    }

    private static StatusView view(List<Alert> active, boolean details) {
        if (active.isEmpty()) {
            return StatusView.note("No active alerts.");
        }
        if (!details) {
            Map<Severity, Long> counts = active.stream().collect(Collectors.groupingBy(Alert::severity,
                    () -> new EnumMap<>(Severity.class), Collectors.counting()));
            return StatusView.note(active.size() + " active: " + counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
        return StatusView.table(List.of("Severity", "Alert", "Summary", "Since (UTC)"), active.stream()
                .limit(MAX_ROWS)
                .map(a -> new StatusView.Row(tone(a.severity()), List.of(
                        a.severity().name() + " (" + a.severity().priority() + ")", a.key(), a.summary(),
                        a.startsAt().truncatedTo(ChronoUnit.SECONDS).toString())))
                .toList());
    }

    static Tone tone(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> Tone.CRITICAL;
            case MEDIUM -> Tone.WARN;
            case LOW -> Tone.NEUTRAL;
        };
    }
}
