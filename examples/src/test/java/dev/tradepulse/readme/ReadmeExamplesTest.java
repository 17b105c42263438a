package dev.tradepulse.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Runs every README snippet, so the README shows code that works, not only code that compiles. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyReadmeSnippetRunsAgainstTheRealLibrary() throws Exception {
        Monitoring monitoring = ReadmeExamples.instrument();
        SQLiteDataSource db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + dir.resolve("bot.db"));
        try (HealthServer server = ReadmeExamples.health(monitoring, db)) {
            assertThat(server.port()).isPositive();
        }
        HealthRegistry health = HealthRegistry.builder().build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Path keyFile = dir.resolve("audit.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(new byte[32]) + "\n");
        System.setProperty("audit.key.file", keyFile.toString());
        try (ComplianceLogger audit = ReadmeExamples.audit(dir, health, registry)) {
            AlertDispatcher alerts = ReadmeExamples.alerts(registry, "123456:telegram-test-token", "-100",
                    "0123456789abcdef0123456789abcdef");
            try (RuleEngine rules = ReadmeExamples.rules(alerts, registry, monitoring, health)) {
                PerformanceTracker momentum = ReadmeExamples.tracker(registry);
                KillSwitch killSwitch = ReadmeExamples.risk(momentum, audit, alerts, registry);
                assertThat(killSwitch.isHalted()).isFalse();
                ReadmeExamples.page(health, momentum, killSwitch, alerts, monitoring, audit);
                List<Object> pager = new ArrayList<>();
                ReadmeExamples.listeners(monitoring, pager);
                assertThat(rules.healthCheck()).isNotNull();
            } finally {
                alerts.close();
            }
            assertThat(audit.failure()).isEmpty();
        } finally {
            System.clearProperty("audit.key.file");
        }
    }
}
