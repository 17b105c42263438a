package dev.tradepulse.api.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatusEventPublisherTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    private static StatusEvent event(String state) {
        return StatusEvent.builder(StatusEvent.Kind.ALERT_FIRED, "alerts").tone(Tone.CRITICAL).state(state)
                .label("severity", "CRITICAL").detail("summary", "secret-ish text").at(AT).build();
    }

    @Test
    void every_subscribed_listener_hears_each_event_until_it_unsubscribes() {
        StatusEventPublisher publisher = new StatusEventPublisher();
        List<StatusEvent> heard = new ArrayList<>();
        StatusEventSource.Subscription s = publisher.subscribe(heard::add);
        publisher.publish(event("firing"));
        s.close();
        s.close(); // idempotent
        publisher.publish(event("resolved"));
        assertThat(heard).extracting(StatusEvent::state).containsExactly("firing");
        assertThat(publisher.hasListeners()).isFalse();
    }

    @Test
    void a_listener_that_throws_is_counted_and_the_others_still_hear_the_event() {
        StatusEventPublisher publisher = new StatusEventPublisher();
        List<StatusEvent> heard = new ArrayList<>();
        publisher.subscribe(e -> {
            throw new StackOverflowError("boom");
        });
        publisher.subscribe(heard::add);
        publisher.publish(event("firing"));
        publisher.publish(() -> {
            throw new IllegalStateException("supplier broke");
        });
        assertThat(heard).hasSize(1);
        assertThat(publisher.failures()).isEqualTo(2);
    }

    @Test
    void nothing_is_built_while_nobody_listens() {
        StatusEventPublisher publisher = new StatusEventPublisher();
        AtomicInteger built = new AtomicInteger();
        publisher.publish(() -> {
            built.incrementAndGet();
            return event("firing");
        });
        assertThat(built).hasValue(0);
    }

    @Test
    void a_combined_source_subscribes_to_each_and_closes_each() {
        StatusEventPublisher a = new StatusEventPublisher();
        StatusEventPublisher b = new StatusEventPublisher();
        List<StatusEvent> heard = new ArrayList<>();
        StatusEventSource.Subscription s = StatusEventSource.all(List.of(a, b)).subscribe(heard::add);
        a.publish(event("a"));
        b.publish(event("b"));
        s.close();
        a.publish(event("late"));
        assertThat(heard).extracting(StatusEvent::state).containsExactly("a", "b");
        assertThat(a.hasListeners() || b.hasListeners()).isFalse();
    }

    @Test
    void an_event_keeps_its_details_out_of_to_string_and_rejects_null_values() {
        StatusEvent e = event("firing");
        assertThat(e.toString()).doesNotContain("secret-ish");
        assertThat(e.labels()).containsEntry("severity", "CRITICAL");
        assertThatThrownBy(() -> new StatusEvent(StatusEvent.Kind.CHANGED, "x", null, Tone.OK, "ok",
                Map.of(), null, AT)).isInstanceOf(NullPointerException.class).hasMessageContaining("details");
    }

    @Test
    void a_section_publishes_nothing_unless_given_a_source() {
        StatusEventPublisher publisher = new StatusEventPublisher();
        StatusSection plain = StatusSection.of("x", "X", d -> StatusView.note("n"));
        StatusSection live = StatusSection.of("y", "Y", d -> StatusView.note("n"), publisher);
        List<StatusEvent> heard = new ArrayList<>();
        plain.events().subscribe(heard::add).close();
        live.events().subscribe(heard::add);
        publisher.publish(event("firing"));
        assertThat(heard).hasSize(1);
    }
}
