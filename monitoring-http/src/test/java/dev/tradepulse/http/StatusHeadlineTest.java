package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page's headline in {@code /status}: health and the sections' tones, never health alone. */
class StatusHeadlineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final List<String> failures = new ArrayList<>();

    @AfterEach
    void close() {
        registry.close();
    }

    private JsonNode snapshot(boolean details, StatusSection... sections) throws Exception {
        byte[] json = StatusJson.snapshot("bot", registry, List.of(sections), details,
                Instant.parse("2026-12-01T12:00:00Z"), (s, e) -> failures.add(s.id()));
        return JSON.readTree(json);
    }

    /** Cards as the trading module shows strategies: a halted one is critical in both views. */
    private static StatusSection strategies(AtomicReference<String> state) {
        return StatusSection.of("strategies", "Strategies", details -> StatusView.cards(List.of(
                StatusView.Card.of("momentum", Tone.OK, "running"),
                StatusView.Card.of("mean-reversion", state.get().equals("HALTED") ? Tone.CRITICAL : Tone.OK,
                        state.get()))));
    }

    /** A table as the alerts module shows firing alerts, one row per alert in its severity's tone. */
    private static StatusSection alerts(Tone... tones) {
        return StatusSection.of("alerts", "Active alerts", details -> StatusView.table(List.of("Alert"),
                Arrays.stream(tones).map(t -> new StatusView.Row(t, List.of("a"))).toList()));
    }

    @Test
    void with_every_check_healthy_and_nothing_wrong_in_the_sections_the_headline_is_healthy() throws Exception {
        registry.register("exchange", HealthResult::healthy);

        JsonNode s = snapshot(true, strategies(new AtomicReference<>("running")), alerts(Tone.NEUTRAL));

        assertThat(s.get("status").asText()).isEqualTo("healthy");
        assertThat(s.at("/overall/state").asText()).isEqualTo("healthy");
        assertThat(s.at("/overall/tone").asText()).isEqualTo("ok");
        assertThat(s.at("/overall/reasons")).isEmpty();
    }

    @Test
    void a_halted_strategy_makes_the_headline_critical_while_every_health_check_passes() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        AtomicReference<String> state = new AtomicReference<>("HALTED");

        for (boolean details : new boolean[] {true, false}) {
            JsonNode s = snapshot(details, strategies(state));

            assertThat(s.get("status").asText()).as("health alone").isEqualTo("healthy");
            assertThat(s.at("/overall/state").asText()).isEqualTo("critical");
            assertThat(s.at("/overall/tone").asText()).isEqualTo("critical");
            assertThat(s.at("/overall/reasons").get(0).asText()).isEqualTo("Strategies: mean-reversion HALTED");
        }
    }

    @Test
    void a_critical_alert_makes_it_critical_and_a_high_one_degraded() throws Exception {
        registry.register("exchange", HealthResult::healthy);

        JsonNode critical = snapshot(false, alerts(Tone.CRITICAL, Tone.WARN));
        JsonNode high = snapshot(false, alerts(Tone.WARN));

        assertThat(critical.at("/overall/state").asText()).isEqualTo("critical");
        assertThat(critical.at("/overall/reasons").get(0).asText()).isEqualTo("Active alerts: 1 critical, 1 warning");
        assertThat(high.at("/overall/state").asText()).isEqualTo("degraded");
        assertThat(high.at("/overall/tone").asText()).isEqualTo("warn");
        assertThat(high.at("/overall/reasons").get(0).asText()).isEqualTo("Active alerts: 1 warning");
    }

    @Test
    void a_section_of_past_events_shows_its_tones_but_never_changes_the_headline() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        StatusSection trail = StatusSection.history("audit", "Recent audit events", details -> StatusView.table(
                List.of("Type"), List.of(new StatusView.Row(Tone.CRITICAL, List.of("RISK_EVENT")))));

        JsonNode s = snapshot(true, trail);

        assertThat(s.at("/sections/1/rows/0/tone").asText()).isEqualTo("critical");
        assertThat(s.at("/overall/state").asText()).isEqualTo("healthy");
    }

    @Test
    void health_counts_as_the_registry_aggregates_it_so_a_non_critical_failure_only_degrades() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        registry.register("slack", () -> HealthResult.unhealthy("token rejected"),
                CheckOptions.builder().nonCritical().build());

        JsonNode degraded = snapshot(false);
        registry.register("database", () -> HealthResult.unhealthy("connection refused"));
        JsonNode unhealthy = snapshot(false);

        assertThat(degraded.at("/overall/state").asText()).isEqualTo("degraded");
        assertThat(degraded.at("/overall/reasons").get(0).asText()).isEqualTo("Health: slack unhealthy");
        assertThat(unhealthy.at("/overall/state").asText()).isEqualTo("critical");
        assertThat(unhealthy.at("/overall/reasons").get(0).asText())
                .isEqualTo("Health: database unhealthy, slack unhealthy");
        assertThat(unhealthy.toString()).as("no health message without details")
                .doesNotContain("token rejected").doesNotContain("connection refused");
    }

    @Test
    void a_section_that_fails_leaves_the_headline_degraded_because_the_page_cannot_vouch_for_it()
            throws Exception {
        registry.register("exchange", HealthResult::healthy);
        StatusSection broken = StatusSection.of("positions", "Positions", details -> {
            throw new IllegalStateException("secret-value-in-message");
        });

        JsonNode s = snapshot(true, broken);

        assertThat(s.at("/overall/state").asText()).isEqualTo("degraded");
        assertThat(s.at("/overall/reasons").get(0).asText()).isEqualTo("positions: unavailable");
        assertThat(s.toString()).doesNotContain("secret-value-in-message");
        assertThat(failures).containsExactly("positions");
    }

    @Test
    void critical_reasons_come_first_and_a_long_list_is_cut_saying_how_many_were_left_out() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        StatusSection many = StatusSection.of("strategies", "Strategies", details -> StatusView.cards(
                IntStream.range(0, 9).mapToObj(i -> StatusView.Card.of("s" + i, i == 8 ? Tone.CRITICAL : Tone.WARN,
                        i == 8 ? "HALTED" : "paused")).toList()));

        JsonNode reasons = snapshot(false, many).at("/overall/reasons");

        assertThat(reasons).hasSize(6);
        assertThat(reasons.get(0).asText()).isEqualTo("Strategies: s8 HALTED");
        assertThat(reasons.get(5).asText()).isEqualTo("and 4 more");
        assertThat(reasons.get(4).asText()).isEqualTo("Strategies: s3 paused");
    }
}
