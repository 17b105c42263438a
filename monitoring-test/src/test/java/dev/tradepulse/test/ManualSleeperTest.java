package dev.tradepulse.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualSleeperTest {

    @Test
    void each_sleep_is_recorded_and_moves_the_clock_without_waiting() throws InterruptedException {
        MutableClock clock = MutableClock.start();
        ManualSleeper sleeper = ManualSleeper.moving(clock);

        sleeper.sleep(Duration.ofHours(1));
        sleeper.sleep(Duration.ofSeconds(30));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofHours(1), Duration.ofSeconds(30));
        assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(3630));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T01:00:30Z"));
    }

    @Test
    void a_negative_or_null_wait_is_refused_by_name() {
        ManualSleeper sleeper = ManualSleeper.moving(MutableClock.start());

        assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> ManualSleeper.moving(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("clock");
    }

    @Test
    void an_interrupted_thread_is_told_so_as_by_a_real_sleep() {
        ManualSleeper sleeper = ManualSleeper.moving(MutableClock.start());
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
