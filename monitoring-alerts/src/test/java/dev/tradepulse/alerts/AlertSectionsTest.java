package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertSectionsTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1)); // starts at 1 ms past the epoch
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { })
            .sink(new CollectingSink()).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void active_alerts_are_listed_most_severe_first_with_the_time_they_first_fired() {
        dispatcher.fire(Alert.builder("win-rate", Severity.MEDIUM, "win rate < 40% after 20 trades").build());
        clock.advance(Duration.ofSeconds(5));
        dispatcher.fire(Alert.builder("daily-loss", Severity.CRITICAL, "daily loss limit reached -15.2%").build());
        clock.advance(Duration.ofSeconds(5));
        dispatcher.fire(Alert.builder("daily-loss", Severity.CRITICAL, "daily loss limit reached -15.9%").build());

        List<Alert> active = dispatcher.activeAlerts();

        assertThat(active).extracting(Alert::key).containsExactly("daily-loss", "win-rate");
        assertThat(active.get(0).startsAt()).isEqualTo(Instant.ofEpochMilli(5_001));

        StatusView.Table table = (StatusView.Table) AlertSections.active(dispatcher).view(true);
        assertThat(table.rows().get(0).tone()).isEqualTo(Tone.CRITICAL);
        // The repeat is not re-sent, but the page shows its latest text, with the time the key first fired.
        assertThat(table.rows().get(0).cells()).containsExactly("CRITICAL (P1)", "daily-loss",
                "daily loss limit reached -15.9%", "1970-01-01T00:00:05Z");
        assertThat(table.rows().get(1).tone()).isEqualTo(Tone.WARN);
    }

    @Test
    void a_high_alert_is_a_warning_and_only_a_critical_one_is_critical() {
        dispatcher.fire(Alert.builder("api-errors", Severity.HIGH, "exchange API errors > 5 in 10 min").build());
        dispatcher.fire(Alert.builder("slow", Severity.MEDIUM, "p99 latency above 500 ms").build());
        dispatcher.fire(Alert.builder("digest", Severity.LOW, "daily digest").build());
        dispatcher.fire(Alert.builder("kill-switch", Severity.CRITICAL, "trading halted").build());

        StatusView.Table table = (StatusView.Table) AlertSections.active(dispatcher).view(true);

        assertThat(table.rows()).extracting(r -> r.cells().get(0) + "=" + r.tone()).containsExactly(
                "CRITICAL (P1)=CRITICAL", "HIGH (P2)=WARN", "MEDIUM (P3)=WARN", "LOW (P4)=NEUTRAL");
    }

    @Test
    void without_details_only_counts_by_severity_are_shown_and_resolved_alerts_leave_the_list() {
        dispatcher.fire(Alert.builder("api-errors", Severity.HIGH, "exchange API errors > 5 in 10 min").build());
        dispatcher.fire(Alert.builder("kill-switch", Severity.CRITICAL, "trading halted").build());

        StatusView anonymous = AlertSections.active(dispatcher).view(false);
        assertThat(anonymous).isEqualTo(StatusView.table(List.of("Severity", "Active"), List.of(
                new StatusView.Row(Tone.CRITICAL, List.of("CRITICAL (P1)", "1")),
                new StatusView.Row(Tone.WARN, List.of("HIGH (P2)", "1")))));

        dispatcher.resolve("api-errors");
        dispatcher.resolve("kill-switch");
        assertThat(dispatcher.activeAlerts()).isEmpty();
        assertThat(AlertSections.active(dispatcher).view(true)).isEqualTo(StatusView.note("No active alerts."));
    }
}
