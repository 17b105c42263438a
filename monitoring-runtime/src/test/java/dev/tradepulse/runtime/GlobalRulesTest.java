package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TradePulse.Builder#rule}: a bot's rule that belongs to no strategy. */
class GlobalRulesTest {

    @TempDir
    Path dir;

    private TradePulse.Builder builder() {
        Properties p = new Properties();
        p.setProperty("tradepulse.profile", "testing");
        p.setProperty("tradepulse.data-dir", dir.resolve("data").toString());
        p.setProperty("tradepulse.server.enabled", "false");
        p.setProperty("tradepulse.rules.interval", "1h"); // only evaluate() runs the rule in this test
        return TradePulse.builder().clock(MutableClock.at(Instant.parse("2026-03-02T09:00:00Z")))
                .config(ConfigLoader.of(RuntimeSchema.schema()).systemProperties(p).load());
    }

    @Test
    void aGlobalRuleIsEvaluatedOnTheCallingThreadByEvaluateAndAlerts() {
        AtomicReference<Double> errors = new AtomicReference<>(0.0);
        Rule budget = Rule.when("api-errors", now -> OptionalDouble.of(errors.get())).above(5)
                .severity(Severity.HIGH).summary("Exchange API errors above 5").build();
        try (TradePulse tp = builder().rule(budget).build()) {
            tp.evaluate();
            assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).doesNotContain("api-errors");

            errors.set(6.0);
            tp.evaluate();

            assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).contains("api-errors");
        }
    }

    @Test
    void aNullRuleIsRefusedByName() {
        assertThatThrownBy(() -> builder().rule(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("rule");
    }
}
