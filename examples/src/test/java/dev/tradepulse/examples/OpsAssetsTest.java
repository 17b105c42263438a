package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops assets only query metrics the demo really exposes. Needs no binaries. */
class OpsAssetsTest {

    static final Path OPS = Path.of("ops");
    private static final Pattern METRIC =
            Pattern.compile("\\b((?:trading|exchange|resilience4j|tradepulse)_[a-z0-9_]+)\\b");

    @TempDir
    Path data;

    static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void every_metric_the_dashboard_and_the_alert_rules_query_exists_in_the_demos_metrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana-dashboard.json").toFile());
        StringBuilder exprs = new StringBuilder();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.append(t.get("expr").asText())
                .append('\n')));
        Set<String> dashboardMetrics = metricsIn(exprs.toString());
        Set<String> ruleMetrics = metricsIn(Files.readString(OPS.resolve("alert-rules.yml"))
                + Files.readString(OPS.resolve("fleet/fleet-rules.yml")));
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(dashboardMetrics).contains("trading_equity", "trading_drawdown_current", "trading_win_rate",
                "trading_sharpe", "tradepulse_health_status", "exchange_requests_seconds",
                "resilience4j_circuitbreaker_state");

        String exposition;
        try (RunningDemo demo = RunningDemo.start(data, Duration.ofSeconds(60))) {
            exposition = demo.get("/metrics");
        }
        Set<String> exposed = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exposed.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(exposed).containsAll(dashboardMetrics).containsAll(ruleMetrics);
    }

    @Test
    void every_panel_of_the_dashboard_shows_the_bot_the_selector_picks() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana-dashboard.json").toFile());
        JsonNode variables = dashboard.at("/templating/list");
        assertThat(variables).hasSize(1);
        JsonNode bot = variables.get(0);
        assertThat(bot.get("name").asText()).isEqualTo("bot");
        assertThat(bot.get("type").asText()).isEqualTo("query");
        assertThat(bot.at("/query/query").asText()).isEqualTo("label_values(trading_equity, bot)");
        assertThat(bot.get("multi").asBoolean()).isFalse();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> {
            String expr = t.get("expr").asText();
            // Every selector of a TradePulse metric names the bot.
            Matcher m = Pattern.compile("\\b(?:trading|exchange|resilience4j|tradepulse)_[a-z0-9_]+(\\{[^}]*})?")
                    .matcher(expr);
            while (m.find()) {
                assertThat(m.group(1)).as(p.get("title").asText() + ": " + expr).isNotNull().contains("bot=\"$bot\"");
            }
        }));
    }

    @Test
    void the_fleets_targets_file_names_every_bot_once_and_its_exchange() throws Exception {
        JsonNode targets = new YAMLMapper().readTree(OPS.resolve("fleet/bots.yml").toFile());
        assertThat(targets.size()).isGreaterThanOrEqualTo(2);
        Set<String> bots = new TreeSet<>();
        targets.forEach(group -> {
            assertThat(group.get("targets")).isNotEmpty();
            assertThat(group.at("/labels/exchange").asText()).isNotBlank();
            assertThat(bots.add(group.at("/labels/bot").asText())).as("bot names are unique").isTrue();
        });
        JsonNode prometheus = new YAMLMapper().readTree(OPS.resolve("fleet/prometheus.yml").toFile());
        JsonNode job = prometheus.at("/scrape_configs/0");
        assertThat(job.at("/file_sd_configs/0/files/0").asText()).isEqualTo("bots.yml");
        assertThat(job.at("/relabel_configs/0/source_labels/0").asText()).isEqualTo("bot");
        assertThat(job.at("/relabel_configs/0/action").asText()).isEqualTo("drop");
    }
}
