package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.helpers.NOPAppender;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogVolumeRuleTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, MeterClock.of(clock));
    private final CollectingSink sink = new CollectingSink();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(sink).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    private RuleEngine engine(Rule rule) {
        return RuleEngine.builder(dispatcher).clock(clock).scheduled(false).rule(rule).build();
    }

    private void step(RuleEngine engine, Duration d) {
        clock.advance(d);
        engine.evaluate();
    }

    /** A counter named and tagged as Micrometer's LogbackMetrics names and tags its meters (function counters there). */
    private Counter logbackCounter(String level) {
        return Counter.builder("logback.events").tag("level", level).register(registry);
    }

    @Test
    void more_than_a_thousand_entries_a_minute_on_the_logback_counters_fires_and_fewer_resolves() {
        Counter info = logbackCounter("info");
        Counter error = logbackCounter("error");
        RuleEngine engine = engine(Rules.logVolumeAbove(registry, 1000, Duration.ofMinutes(1)).build());

        engine.evaluate();
        info.increment(600);
        error.increment(300);
        step(engine, Duration.ofMinutes(1)); // 900 a minute
        assertThat(engine.isFiring("log-volume")).isFalse();

        info.increment(1000);
        error.increment(200);
        step(engine, Duration.ofMinutes(1)); // 1,200 a minute
        assertThat(engine.isFiring("log-volume")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.received.isEmpty());
        assertThat(sink.received.get(0).summary()).isEqualTo("More than 1000 log entries a minute over 1 min");
        assertThat(sink.received.get(0).details()).containsEntry("value", 1200.0);
        assertThat(sink.received.get(0).runbook()).contains(Runbooks.entry("log-volume"));

        info.increment(100);
        step(engine, Duration.ofMinutes(1));
        assertThat(engine.isFiring("log-volume")).isFalse();
    }

    @Test
    void before_a_full_window_the_rule_neither_fires_nor_resolves() {
        Counter info = logbackCounter("info");
        RuleEngine engine = engine(Rules.logVolumeAbove(registry, 1000, Duration.ofMinutes(5)).build());

        engine.evaluate();
        info.increment(100_000);
        step(engine, Duration.ofMinutes(4));

        assertThat(engine.isFiring("log-volume")).isFalse();
        info.increment(100_000);
        step(engine, Duration.ofMinutes(1)); // 200,000 over 5 minutes: 40,000 a minute
        assertThat(engine.isFiring("log-volume")).isTrue();
    }

    @Test
    void with_levels_it_counts_only_those_levels_and_reads_log4j2_counters_too() {
        Counter info = logbackCounter("info");
        Counter warn = Counter.builder("log4j2.events").tag("level", "warn").register(registry);
        Counter error = logbackCounter("error");
        RuleEngine engine = engine(Rules.logVolumeAbove(registry, 100, Duration.ofMinutes(1), "ERROR", "warn").build());

        engine.evaluate();
        info.increment(10_000);
        error.increment(60);
        step(engine, Duration.ofMinutes(1));
        assertThat(engine.isFiring("log-volume:error,warn")).isFalse();

        error.increment(60);
        warn.increment(60);
        step(engine, Duration.ofMinutes(1));
        assertThat(engine.isFiring("log-volume:error,warn")).isTrue();
    }

    @Test
    void with_the_real_logback_binder_a_flood_of_log_lines_fires_the_rule() {
        Logger flood = (Logger) LoggerFactory.getLogger("dev.tradepulse.test.flood");
        NOPAppender<ILoggingEvent> nowhere = new NOPAppender<>();
        nowhere.start();
        flood.addAppender(nowhere);
        flood.setAdditive(false); // counted, never printed
        flood.setLevel(Level.INFO);
        try (LogbackMetrics binder = new LogbackMetrics()) {
            binder.bindTo(registry);
            RuleEngine engine = engine(Rules.logVolumeAbove(registry, 1000, Duration.ofMinutes(1)).build());
            assertThat(engine.missingMeters()).isEmpty();

            engine.evaluate();
            for (int i = 0; i < 1500; i++) {
                flood.info("order {} rejected", i);
            }
            flood.debug("below the logger's level: not an entry, not counted");
            step(engine, Duration.ofMinutes(1));

            assertThat(registry.get("logback.events").tag("level", "info").functionCounter().count()).isGreaterThanOrEqualTo(1500);
            assertThat(registry.get("logback.events").tag("level", "debug").functionCounter().count()).isZero();
            assertThat(engine.isFiring("log-volume")).isTrue();
        } finally {
            flood.detachAppender(nowhere);
            flood.setAdditive(true);
            flood.setLevel(null);
        }
    }

    @Test
    void without_a_logging_binder_the_rule_stays_quiet_and_the_engine_says_so_once() throws Exception {
        RuleEngine engine = engine(Rules.logVolumeAbove(registry, 0, Duration.ofMinutes(1)).build());

        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                step(engine, Duration.ofMinutes(1));
            }

            assertThat(engine.isFiring("log-volume")).isFalse();
            assertThat(log.lines(Level.WARN)).singleElement().asString().contains("log-volume")
                    .contains("logback.events or log4j2.events").contains("LogbackMetrics");
        }
        assertThat(engine.missingMeters()).containsOnlyKeys("log-volume");
        assertThat(engine.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);

        logbackCounter("warn"); // a binder bound later: the rule can fire from then on
        assertThat(engine.missingMeters()).isEmpty();
    }

    @Test
    void bad_arguments_are_refused_naming_the_parameter() {
        assertThatThrownBy(() -> Rules.logVolumeAbove(null, 1000, Duration.ofMinutes(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("registry");
        assertThatThrownBy(() -> Rules.logVolumeAbove(registry, -1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perMinute");
        assertThatThrownBy(() -> Rules.logVolumeAbove(registry, Double.NaN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perMinute");
        assertThatThrownBy(() -> Rules.logVolumeAbove(registry, 1000, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> Rules.logVolumeAbove(registry, 1000, Duration.ofMinutes(1), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
        assertThatThrownBy(() -> Rules.logVolumeAbove(registry, 1000, Duration.ofMinutes(1), (String[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("levels");
    }
}
