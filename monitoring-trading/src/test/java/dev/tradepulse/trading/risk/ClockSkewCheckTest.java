package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ClockSkewCheckTest {

    private final MutableClock clock = MutableClock.start();

    /** An exchange whose clock is {@code skew} off the local one, answering after {@code roundTrip}. */
    private ClockSkewCheck.ServerTime exchange(Duration skew, Duration roundTrip) {
        return () -> {
            clock.advance(roundTrip.dividedBy(2));
            Instant server = clock.instant().plus(skew);
            clock.advance(roundTrip.dividedBy(2));
            return server;
        };
    }

    private HealthResult check(ClockSkewCheck.ServerTime time) {
        try (ClockSkewCheck check = ClockSkewCheck.builder(time).clock(clock).build()) {
            return check.check();
        }
    }

    @Test
    void the_offset_halves_the_round_trip_and_a_small_one_is_healthy() {
        HealthResult r = check(exchange(Duration.ofMillis(300), Duration.ofMillis(400)));

        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.details()).containsEntry("offset_ms", 300L).containsEntry("round_trip_ms", 400L);
    }

    @Test
    void above_one_second_is_degraded_and_above_five_unhealthy_saying_which_clock_is_ahead() {
        HealthResult behind = check(exchange(Duration.ofMillis(1500), Duration.ofMillis(100)));
        assertThat(behind.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(behind.message()).contains("the local clock is 1500 ms behind the exchange's (above 1000 ms)");

        HealthResult ahead = check(exchange(Duration.ofSeconds(-6), Duration.ofMillis(100)));
        assertThat(ahead.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(ahead.message()).contains("the local clock is 6000 ms ahead of the exchange's (above 5000 ms)");
    }

    @Test
    void a_round_trip_too_slow_to_measure_a_second_is_degraded() {
        HealthResult r = check(exchange(Duration.ZERO, Duration.ofSeconds(3)));

        assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.message()).contains("clock skew uncertain: the round trip took 3000 ms");
    }

    @Test
    void a_failed_or_hung_fetch_cannot_measure_and_says_so_without_its_message() throws Exception {
        HealthResult failed = check(() -> {
            throw new IOException("https://fapi.binance.com/fapi/v1/time?apiKey=SECRET");
        });
        assertThat(failed.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(failed.message()).contains("cannot measure the clock skew: the server time fetch failed with IOException");
        assertThat(failed.message().orElseThrow()).doesNotContain("SECRET");

        CountDownLatch never = new CountDownLatch(1);
        try (ClockSkewCheck hung = ClockSkewCheck.builder(() -> {
            while (true) { // a peer that ignores the interrupt
                try {
                    never.await();
                    return Instant.EPOCH;
                } catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        }).clock(clock).config(ClockSkewConfig.custom().timeout(Duration.ofMillis(100)).build()).build()) {
            assertThat(hung.check().message().orElseThrow()).endsWith("timed out after 100 ms");
            assertThat(hung.check().message().orElseThrow()).as("a hung fetch holds one thread, not one per check")
                    .endsWith("the previous fetch is still running");
            assertThat(hung.lastOffset()).isEmpty();
        } finally {
            never.countDown();
        }
    }

    @Test
    void it_runs_in_a_health_registry_and_the_config_is_checked() {
        try (HealthRegistry health = HealthRegistry.builder().clock(clock).build();
                ClockSkewCheck check = ClockSkewCheck.builder(exchange(Duration.ofSeconds(2), Duration.ZERO)).clock(clock)
                        .build()) {
            health.register("exchange-clock", check);
            assertThat(health.check().components().get("exchange-clock").result().status())
                    .isEqualTo(HealthStatus.DEGRADED);
            assertThat(check.lastOffset()).contains(Duration.ofSeconds(2));
        }
        assertThatThrownBy(() -> ClockSkewConfig.custom().thresholds(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessage("unhealthy must be at least degraded, got PT1S and PT5S");
        assertThatThrownBy(() -> ClockSkewCheck.builder(null)).hasMessage("serverTime must not be null");
        ClockSkewConfig c = ClockSkewConfig.custom().thresholds(Duration.ofMillis(500), Duration.ofSeconds(2)).build();
        assertThat(ClockSkewConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(ClockSkewConfig.ofDefaults().degradedAbove()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ClockSkewConfig.ofDefaults().unhealthyAbove()).isEqualTo(Duration.ofSeconds(5));
    }
}
