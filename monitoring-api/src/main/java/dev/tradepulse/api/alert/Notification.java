package dev.tradepulse.api.alert;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a sink delivers in one message: one alert, or several merged (a burst, or what waited
 * for the sink's rate limit). Most severe first. Immutable and thread-safe.
 *
 * @param alerts the alerts, never empty
 */
public record Notification(List<Alert> alerts) {

    /**
     * Copies and orders the alerts, most severe first.
     *
     * @throws NullPointerException if {@code alerts} or an alert is null
     * @throws IllegalArgumentException if {@code alerts} is empty
     */
    public Notification {
        Objects.requireNonNull(alerts, "alerts must not be null");
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("alerts must not be empty");
        }
        alerts = alerts.stream().sorted(Comparator.comparing(Alert::severity)).toList();
    }

    /**
     * A notification of one alert.
     *
     * @param alert the alert
     * @return the notification
     * @throws NullPointerException if {@code alert} is null
     */
    public static Notification of(Alert alert) {
        return new Notification(List.of(alert));
    }

    /** @return the most severe alert's severity */
    public Severity severity() {
        return alerts.get(0).severity();
    }

    /** @return the first (most severe) alert */
    public Alert first() {
        return alerts.get(0);
    }

    /** @return a one-line title: the first alert's summary, plus how many more */
    public String title() {
        String status = first().status() == Alert.Status.RESOLVED ? "[RESOLVED] " : "";
        return "[" + severity().priority() + " " + severity() + "] " + status + first().summary()
                + (alerts.size() > 1 ? " (+" + (alerts.size() - 1) + " more)" : "");
    }
}
