package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoBotTest {

    @TempDir
    Path data;

    private static io.micrometer.core.instrument.MeterRegistry registry(DemoBot.Report report) {
        return report.registry();
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_short_run_serves_health_trades_rides_out_the_outage_and_prints_a_summary() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<String> health = new CopyOnWriteArrayList<>();
        DemoBot.Report report = DemoBot.run(new DemoBot.Options(Duration.ofSeconds(8), 7, 0, data),
                new PrintStream(buffer, true, StandardCharsets.UTF_8), started -> {
                    health.add(get(started.uri().resolve("/health/live")));
                    health.add(get(started.uri().resolve("/health/ready")));
                    health.add(get(started.uri().resolve("/metrics")));
                    health.add(get(started.uri().resolve("/")));
                });
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(report.orders()).isPositive();
        assertThat(report.orderTimerCount()).isEqualTo(report.orders());
        assertThat(report.breakerTransitions()).contains("CLOSED -> OPEN");
        assertThat(report.rejectedByBreaker()).isPositive();
        assertThat(report.instrumentationFailures()).isZero();
        assertThat(registry(report).get("tradepulse.alerts.delivered").tags("sink", "log", "severity", "high").counter()
                .count()).as("the breaker opening was alerted").isPositive();
        Verification audit = JournalVerifier.withKey(Checkpoints.hmacVerifier(
                HexFormat.of().parseHex(Files.readString(data.resolve("audit.key")).strip()))).verify(report.auditDir());
        assertThat(audit.ok()).as(audit.summary()).isTrue();
        assertThat(audit.events()).isGreaterThan(report.orders() * 2L);
        assertThat(health.get(0)).startsWith("200 {\"status\":\"healthy\"")
                .contains("\"process\":{\"status\":\"healthy\"");
        assertThat(health.get(1)).contains("\"audit-journal\":{\"status\":\"healthy\"", "\"circuit-breakers\":");
        assertThat(health.get(1)).contains("\"trade-history\":{\"status\":\"healthy\"");
        assertThat(health.get(2)).startsWith("200 ").contains("# TYPE trading_equity gauge",
                "trading_pnl_realized{strategy=\"momentum\"}", "exchange_requests_seconds_count",
                "trading_target_met{strategy=\"momentum\",target=\"win_rate\"}");
        assertThat(health.get(3)).startsWith("200 <!DOCTYPE html>");
        assertThat(out).contains("Status page: http://127.0.0.1:", "/#token=", "Metrics:     http://127.0.0.1:",
                "Final health:");
        assertThat(out).contains("Strategy momentum: ACTIVE", "Strategy mean-reversion: HALTED");
        assertThat(report.halted()).as("the flash crash trips the leveraged strategy's loss limit")
                .containsExactly("mean-reversion");
        assertThat(out).contains("HALT mean-reversion: ");
        double closedTrades = report.registry().get("trading.trades").gauges().stream().mapToDouble(g -> g.value()).sum();
        assertThat(report.tradesInDatabase()).isPositive().isEqualTo((long) closedTrades);
        assertThat(out).contains("=== Summary ===", "Timers (exchange.requests):", "successful_with_retry",
                "Circuit breaker 'exchange' transitions: CLOSED -> OPEN");
    }

    @Test
    void options_are_parsed_and_bad_ones_are_named() {
        assertThat(DemoBot.Options.parse("--duration", "5", "--seed", "9", "--port", "0", "--data-dir", "/tmp/x"))
                .isEqualTo(new DemoBot.Options(Duration.ofSeconds(5), 9, 0, Path.of("/tmp/x")));
        assertThat(DemoBot.Options.parse().port()).isEqualTo(8080);
        assertThatThrownBy(() -> DemoBot.Options.parse("--port", "-1")).hasMessageContaining("--port");
        assertThatThrownBy(() -> DemoBot.Options.parse("--speed", "1")).hasMessageContaining("unknown option: --speed");
        assertThatThrownBy(() -> DemoBot.Options.parse("--duration")).hasMessage("--duration needs a value");
        assertThatThrownBy(() -> DemoBot.Options.parse("--duration", "0")).hasMessage("--duration must be positive");
    }

    @Test
    void the_config_is_demo_yml_under_the_options_and_the_old_alert_variables_are_refused_with_the_new_names_in_the_usage() {
        String token = "0123456789abcdef0123";
        DemoBot.Options options = DemoBot.Options.parse("--duration", "30", "--port", "0", "--data-dir", data.toString());
        Config config = DemoRuntime.config(options, token,
                Map.of("TRADEPULSE_ALERTS_SLACK_WEBHOOK", "https://hooks.slack.example/T0/B0/x"), new Properties());
        assertThat(config.string("app")).contains("TradePulse demo bot");
        assertThat(config.integer("server.port")).isZero();
        assertThat(config.path("data-dir")).contains(data);
        assertThat(config.duration("resilience.breaker.open-wait")).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.names("strategies.*")).containsExactlyInAnyOrder("momentum", "mean-reversion");
        assertThat(config.secret("alerts.slack.webhook")).isPresent();
        assertThat(config.bool("shutdown.hook")).as("the demo's own Ctrl+C hook closes TradePulse").isFalse();

        assertThatThrownBy(() -> DemoRuntime.config(options, token, Map.of("TRADEPULSE_SLACK_WEBHOOK",
                "https://hooks.slack.example/T0/B0/x", "TRADEPULSE_TELEGRAM_CHAT", "42"), new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRADEPULSE_SLACK_WEBHOOK").hasMessageContaining("TRADEPULSE_TELEGRAM_CHAT")
                .hasMessageNotContaining("hooks.slack.example");
        // main() prints the usage after a configuration problem: it says what replaced them.
        assertThat(DemoBot.USAGE).contains("TRADEPULSE_ALERTS_SLACK_WEBHOOK", "TRADEPULSE_ALERTS_TELEGRAM_TOKEN",
                "TRADEPULSE_ALERTS_TELEGRAM_CHAT_ID", "TRADEPULSE_AUDIT_HMAC_KEY", "TRADEPULSE_SLACK_WEBHOOK");
    }
}
