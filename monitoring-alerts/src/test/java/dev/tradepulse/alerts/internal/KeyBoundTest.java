package dev.tradepulse.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyBoundTest {

    @Test
    void distinct_keys_cannot_grow_the_dedup_state_without_bound() {
        MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
        DefaultAlertDispatcher d = (DefaultAlertDispatcher) AlertDispatcher.builder().clock(clock)
                .sink(LogSink.create()).queueCapacity(10).repeatInterval(Duration.ofMinutes(1)).build();
        try {
            for (int i = 0; i < 200_000; i++) {
                if (i % 10_000 == 0) {
                    clock.advance(Duration.ofMinutes(2)); // older keys fall out of their repeat interval
                }
                d.fire(Alert.builder("order-" + i, Severity.LOW, "order rejected").build());
            }
            assertThat(d.trackedKeys()).isLessThanOrEqualTo(DefaultAlertDispatcher.MAX_KEYS + 20_000);
        } finally {
            d.close(Duration.ofSeconds(1));
        }
    }
}
