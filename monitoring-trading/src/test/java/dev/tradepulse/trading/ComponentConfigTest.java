package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ComponentConfigTest {

    @Test
    void the_tracker_defaults_are_the_documented_ones() {
        PerformanceTrackerConfig c = PerformanceTrackerConfig.ofDefaults();

        assertThat(c.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(c.periodsPerYear()).isEqualTo(252);
        assertThat(c.riskFreeRate()).isZero();
        assertThat(c.varWindow()).isEqualTo(252);
        assertThat(c.curvePoints()).isEqualTo(90);
        assertThat(c.curveResolution()).isEqualTo(Duration.ofDays(1));
        assertThat(c.tradeTape()).isEqualTo(100_000);
        assertThat(c.targets()).isEmpty();
        assertThat(PerformanceTrackerConfig.custom().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(PerformanceTracker.builder("s").build().config()).isSameAs(c);
    }

    @Test
    void from_copies_every_setting_and_changes_only_what_is_set_again() {
        PerformanceTrackerConfig base = PerformanceTrackerConfig.custom().zone(ZoneId.of("America/New_York"))
                .periodsPerYear(365).riskFreeRate(0.04).varWindow(30).equityCurve(120, Duration.ofHours(1))
                .tradeTape(500).targets(Targets.seeds()).build();

        PerformanceTrackerConfig copy = PerformanceTrackerConfig.from(base).build();
        PerformanceTrackerConfig changed = PerformanceTrackerConfig.from(base).varWindow(60).build();

        assertThat(copy).isEqualTo(base);
        assertThat(changed.varWindow()).isEqualTo(60);
        assertThat(changed).isNotEqualTo(base);
        assertThat(PerformanceTrackerConfig.from(changed).varWindow(30).build()).isEqualTo(base);
        assertThat(base.toString()).contains("zone=America/New_York", "periodsPerYear=365.0", "varWindow=30",
                "tradeTape=500", "curveResolution=PT1H");
        PerformanceTracker tracker = PerformanceTracker.builder("s").config(base).build();
        assertThat(tracker.config()).isSameAs(base);
        assertThat(tracker.targetProgress()).hasSize(4);
    }

    @Test
    void every_bad_tracker_setting_is_refused_naming_it() {
        PerformanceTrackerConfig.Builder b = PerformanceTrackerConfig.custom();
        assertThatThrownBy(() -> b.zone(null)).hasMessage("zone must not be null");
        assertThatThrownBy(() -> b.periodsPerYear(0)).hasMessage("periods must be a positive finite number, got 0.0");
        assertThatThrownBy(() -> b.periodsPerYear(Double.POSITIVE_INFINITY)).hasMessageStartingWith("periods");
        assertThatThrownBy(() -> b.riskFreeRate(Double.NaN)).hasMessage("rate must be a finite number, got NaN");
        assertThatThrownBy(() -> b.varWindow(19)).hasMessage("days must be at least 20, got 19");
        assertThatThrownBy(() -> b.equityCurve(0, Duration.ofDays(1))).hasMessageStartingWith("points must be");
        assertThatThrownBy(() -> b.equityCurve(3_651, Duration.ofDays(1))).hasMessageStartingWith("points must be");
        assertThatThrownBy(() -> b.equityCurve(10, null)).hasMessage("resolution must not be null");
        assertThatThrownBy(() -> b.equityCurve(10, Duration.ofMillis(999)))
                .hasMessageStartingWith("resolution must be at least one second");
        assertThatThrownBy(() -> b.tradeTape(0)).hasMessageStartingWith("trades must be between 1 and");
        assertThatThrownBy(() -> PerformanceTrackerConfig.from(null)).hasMessage("base must not be null");
        assertThatThrownBy(() -> PerformanceTracker.builder("s").config(null)).hasMessage("config must not be null");
        assertThatThrownBy(() -> PerformanceTracker.builder("s").clock(null)).hasMessage("clock must not be null");
        assertThatThrownBy(() -> PerformanceTracker.builder(null)).hasMessage("strategy must not be null");
    }

    @Test
    void the_trade_tape_setting_bounds_what_period_reports_can_see() {
        PerformanceTracker t = PerformanceTracker.builder("s")
                .config(PerformanceTrackerConfig.custom().tradeTape(2).build()).build();
        Instant day = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            t.recordTrade(new Trade("BTCUSDT", Side.BUY, 1, 2, 1, 10, 0, day, day.plusSeconds(i)));
        }

        PeriodStats all = t.tradesBetween(day, day.plusSeconds(60));

        assertThat(all.trades()).isEqualTo(2);
        assertThat(all.complete()).isFalse();
    }

    @Test
    void the_kill_switch_config_has_a_ten_second_deadline_by_default_and_at_most_a_day() {
        KillSwitchConfig d = KillSwitchConfig.ofDefaults();
        assertThat(d.haltDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(KillSwitchConfig.custom().build()).isEqualTo(d).hasSameHashCodeAs(d);
        KillSwitchConfig quick = KillSwitchConfig.custom().haltDeadline(Duration.ofMillis(250)).build();
        assertThat(KillSwitchConfig.from(quick).build()).isEqualTo(quick);
        assertThat(quick.toString()).isEqualTo("KillSwitchConfig[haltDeadline=250 ms]");
        assertThat(KillSwitchConfig.custom().haltDeadline(Duration.ofDays(1)).build().haltDeadline())
                .isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> KillSwitchConfig.custom().haltDeadline(Duration.ofDays(1).plusNanos(1)))
                .hasMessageStartingWith("deadline must be at most 1 day");
        assertThatThrownBy(() -> KillSwitchConfig.custom().haltDeadline(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("deadline must be positive");
        assertThatThrownBy(() -> KillSwitchConfig.custom().haltDeadline(null)).hasMessage("deadline must not be null");
        assertThatThrownBy(() -> KillSwitchConfig.from(null)).hasMessage("base must not be null");
    }
}
