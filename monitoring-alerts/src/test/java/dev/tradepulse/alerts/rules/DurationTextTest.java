package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void durations_are_written_as_people_write_them() {
        assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0 s");
        assertThat(HumanDuration.format(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(HumanDuration.format(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(HumanDuration.format(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(HumanDuration.format(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min 5 s");
        assertThat(HumanDuration.format(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThatThrownBy(() -> HumanDuration.format(Duration.ofSeconds(-1)))
                .hasMessage("duration must not be negative, but was PT-1S");
    }

    @Test
    void rule_summaries_name_short_and_odd_windows_instead_of_zero_minutes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThat(Rules.errorRateAbove(registry, "exchange.requests", 0.1, Duration.ofSeconds(30)).build().summary())
                .isEqualTo("Error rate of exchange.requests above 10% over 30 s");
        assertThat(Rules.noEventFor("tick", Instant::now, Duration.ofSeconds(45)).build().summary())
                .isEqualTo("No tick for more than 45 s");
        assertThat(Rules.noEventFor("decision", Instant::now, Duration.ofMinutes(90)).build().summary())
                .isEqualTo("No decision for more than 1 h 30 min");
    }

    @Test
    void an_alert_says_how_long_the_breach_lasted_and_nothing_for_an_instant_rule() {
        MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
        CollectingSink sink = new CollectingSink();
        AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(sink).build();
        try {
            RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                    .rule(Rule.when("at-once", now -> OptionalDouble.of(2)).above(1).build())
                    .rule(Rule.when("held", now -> OptionalDouble.of(2)).above(1).forAtLeast(Duration.ofSeconds(90))
                            .build())
                    .build();
            engine.evaluate();
            clock.advance(Duration.ofSeconds(90));
            engine.evaluate();

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == 2);
            assertThat(sink.received).extracting(Alert::description)
                    .containsExactlyInAnyOrder("value 2.000 > threshold 1.000", "value 2.000 > threshold 1.000 for 1 min 30 s");
            assertThat(Rule.when("held", now -> OptionalDouble.of(2)).above(1).forAtLeast(Duration.ofSeconds(90))
                    .build()).hasToString("Rule[held: value > 1.0 for 1 min 30 s]");
        } finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }
}
