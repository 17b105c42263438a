package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import dev.tradepulse.compliance.ComplianceLogger.OrderStage;
import dev.tradepulse.compliance.ComplianceLogger.RiskKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One argument order (kind, actor, fields, details), and the old String overloads keeping their meaning. */
class ArgumentOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ComplianceLogger open() {
        return ComplianceLogger.builder().directory(dir).instance("t").shutdownHook(false)
                .signer(Checkpoints.hmacSigner(Journals.KEY)).build();
    }

    private List<JsonNode> events(String type) throws Exception {
        return Journals.lines(dir).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).filter(e -> e.get("type").asText().equals(type)).toList();
    }

    @Test
    void every_method_takes_the_actor_after_the_kind_and_writes_it_as_the_actor() throws Exception {
        try (ComplianceLogger audit = open()) {
            audit.userAction("chat_request", Actor.of("u-action"), Map.of());
            audit.safetyViolation("prompt_injection", Actor.of("u-safety"), Map.of("input", "x"));
            audit.validation("order_size", Actor.of("u-validation"), false, Map.of("max", 10));
            audit.tradeDecision(Actor.of("s-decision"), 1, List.of(), "why");
            audit.orderEvent(OrderStage.PLACED, Actor.of("s-order"), "o-1", "BTCUSDT", "BUY", 1, 2, "x");
            audit.riskEvent(RiskKind.LIMIT_BREACH, Actor.of("risk-engine"), "daily_loss", Map.of("pnl", -3));
            audit.configChange(Actor.of("alice"), "max_position", 5, 3);
            audit.accessEvent(AccessKind.AUTH_SUCCESS, Actor.of("bob"), Map.of());
        }
        assertThat(events("USER_ACTION").get(0).get("actor").asText()).isEqualTo("u-action");
        assertThat(events("USER_ACTION").get(0).get("action").asText()).isEqualTo("chat_request");
        assertThat(events("SAFETY_VIOLATION").get(0).get("actor").asText()).isEqualTo("u-safety");
        assertThat(events("SAFETY_VIOLATION").get(0).at("/details/violation_type").asText()).isEqualTo("prompt_injection");
        assertThat(events("VALIDATION").get(0).get("actor").asText()).isEqualTo("u-validation");
        assertThat(events("VALIDATION").get(0).get("level").asText()).isEqualTo("WARNING");
        assertThat(events("TRADE_DECISION").get(0).get("actor").asText()).isEqualTo("s-decision");
        assertThat(events("ORDER_EVENT").get(0).get("actor").asText()).isEqualTo("s-order");
        JsonNode risk = events("RISK_EVENT").get(0);
        assertThat(risk.get("actor").asText()).isEqualTo("risk-engine");
        assertThat(risk.at("/details/rule").asText()).isEqualTo("daily_loss");
        assertThat(events("CONFIG_CHANGE").get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(events("CONFIG_CHANGE").get(0).at("/details/parameter").asText()).isEqualTo("max_position");
        assertThat(events("ACCESS_EVENT").get(0).get("actor").asText()).isEqualTo("bob");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_string_overloads_keep_their_old_argument_order() throws Exception {
        try (ComplianceLogger audit = open()) {
            audit.userAction("chat_request", "u-action", Map.of());
            audit.safetyViolation("prompt_injection", Map.of("input", "x"), "u-safety");
            audit.validation("order_size", false, Map.of("max", 10), "u-validation");
            audit.tradeDecision("s-decision", 1, List.of(), "why");
            audit.orderEvent(OrderStage.PLACED, "s-order", "o-1", "BTCUSDT", "BUY", 1, 2, "x");
            audit.riskEvent(RiskKind.LIMIT_BREACH, "daily_loss", "risk-engine", Map.of("pnl", -3));
            audit.configChange("alice", "max_position", 5, 3);
            audit.accessEvent(AccessKind.AUTH_SUCCESS, "bob", Map.of());
        }
        assertThat(events("USER_ACTION").get(0).get("actor").asText()).isEqualTo("u-action");
        assertThat(events("SAFETY_VIOLATION").get(0).get("actor").asText()).isEqualTo("u-safety");
        assertThat(events("VALIDATION").get(0).get("actor").asText()).isEqualTo("u-validation");
        assertThat(events("VALIDATION").get(0).at("/details/max").asInt()).isEqualTo(10);
        assertThat(events("TRADE_DECISION").get(0).get("actor").asText()).isEqualTo("s-decision");
        assertThat(events("ORDER_EVENT").get(0).get("actor").asText()).isEqualTo("s-order");
        JsonNode risk = events("RISK_EVENT").get(0);
        assertThat(risk.get("actor").asText()).as("not swapped with the rule").isEqualTo("risk-engine");
        assertThat(risk.at("/details/rule").asText()).isEqualTo("daily_loss");
        assertThat(events("CONFIG_CHANGE").get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(events("ACCESS_EVENT").get(0).get("actor").asText()).isEqualTo("bob");
    }

    @Test
    @SuppressWarnings("deprecation")
    void a_null_actor_is_rejected_naming_the_parameter_in_both_forms() {
        try (ComplianceLogger audit = open()) {
            assertThatThrownBy(() -> audit.riskEvent(RiskKind.REARM, (Actor) null, "r", Map.of()))
                    .isInstanceOf(NullPointerException.class).hasMessage("actor must not be null");
            assertThatThrownBy(() -> audit.riskEvent(RiskKind.REARM, "r", (String) null, Map.of()))
                    .isInstanceOf(NullPointerException.class).hasMessage("actor must not be null");
            assertThatThrownBy(() -> audit.safetyViolation("t", Map.of(), null)).hasMessage("userId must not be null");
            assertThatThrownBy(() -> audit.safetyViolation("t", (Actor) null, Map.of())).hasMessage("user must not be null");
            assertThatThrownBy(() -> Actor.of(null)).hasMessage("id must not be null");
        }
    }

    @Test
    void an_actor_prints_redacted_on_one_line() {
        assertThat(Actor.of("ops\nBearer abcdefghijklmnopqrstuvwxyz0123").toString())
                .doesNotContain("\n").doesNotContain("abcdefghijklmnopqrstuvwxyz0123").startsWith("Actor[ops\\n");
        assertThat(Actor.of("u1")).isEqualTo(Actor.of("u1"));
    }
}
