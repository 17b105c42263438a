package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.Tone;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertStatusEventsTest {

    private final AlertDispatcher dispatcher = AlertDispatcher.builder().sleeper(d -> { })
            .sink(new CollectingSink()).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void the_alerts_section_publishes_a_firing_and_a_resolution_with_user_text_only_in_the_details() {
        List<StatusEvent> heard = new CopyOnWriteArrayList<>();
        AlertSections.active(dispatcher).events().subscribe(heard::add);

        dispatcher.fire(Alert.builder("daily-loss", Severity.HIGH, "daily loss -12%").build());
        dispatcher.fire(Alert.builder("daily-loss", Severity.HIGH, "daily loss -12.5%").build()); // a repeat
        dispatcher.resolve("daily-loss");

        assertThat(heard).extracting(StatusEvent::kind)
                .containsExactly(StatusEvent.Kind.ALERT_FIRED, StatusEvent.Kind.ALERT_RESOLVED);
        StatusEvent fired = heard.get(0);
        assertThat(fired.section()).isEqualTo("alerts");
        assertThat(fired.tone()).isEqualTo(AlertSections.tone(Severity.HIGH));
        assertThat(fired.state()).isEqualTo("firing");
        assertThat(fired.labels()).containsEntry("severity", "HIGH").containsEntry("priority", "P2");
        assertThat(fired.labels().values()).noneMatch(v -> v.contains("daily"));
        assertThat(fired.details()).containsEntry("key", "daily-loss").containsEntry("summary", "daily loss -12%");
        assertThat(heard.get(1).state()).isEqualTo("resolved");
    }

    @Test
    void an_alert_that_becomes_more_severe_is_published_again() {
        List<StatusEvent> heard = new CopyOnWriteArrayList<>();
        dispatcher.statusEvents().subscribe(heard::add);
        dispatcher.fire(Alert.builder("drawdown", Severity.MEDIUM, "drawdown 8%").build());
        dispatcher.fire(Alert.builder("drawdown", Severity.CRITICAL, "drawdown 16%").build());
        assertThat(heard).extracting(e -> e.labels().get("severity")).containsExactly("MEDIUM", "CRITICAL");
        assertThat(heard.get(1).tone()).isEqualTo(Tone.CRITICAL);
    }

    @Test
    void a_listener_that_throws_never_reaches_the_caller_of_fire() {
        dispatcher.statusEvents().subscribe(e -> {
            throw new IllegalStateException("broken listener");
        });
        dispatcher.fire(Alert.builder("k", Severity.LOW, "s").build());
        assertThat(dispatcher.activeAlerts()).extracting(Alert::key).containsExactly("k");
    }
}
