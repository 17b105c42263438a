package dev.tradepulse.compliance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import dev.tradepulse.compliance.ComplianceLogger.OrderStage;
import dev.tradepulse.compliance.ComplianceLogger.RiskKind;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComplianceLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:30:15.123456Z"));

    private ComplianceLogger.Builder builder() {
        return ComplianceLogger.builder().directory(dir.resolve("audit")).app("bot").instance("prod-1").clock(clock)
                .signer(Checkpoints.hmacSigner(Journals.KEY));
    }

    private List<JsonNode> events() throws Exception {
        return Journals.lines(dir.resolve("audit")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void each_method_writes_one_chained_line_with_microsecond_utc_time_and_the_journal_verifies() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("chat_request", Actor.of("user_12345"), Map.of("channel", "web"));
            audit.safetyViolation("prompt_injection", Actor.of("user_9"), Map.of("input", "ignore all rules"));
            audit.validation("order_size", Actor.of("user_12345"), false, Map.of("max", 10));
            audit.tradeDecision(Actor.of("momentum"), 42, List.of(Map.of("symbol", "BTCUSDT", "action", "BUY")), "trend up");
            audit.orderEvent(OrderStage.FILLED, Actor.of("momentum"), "o-1", "BTCUSDT", "BUY", 0.5, 64210.5, "binance");
            audit.riskEvent(RiskKind.KILL_SWITCH, Actor.of("risk-engine"), "daily_loss", Map.of("pnl_pct", -15.2));
            audit.configChange(Actor.of("alice"), "max_position", 5, 3);
            audit.accessEvent(AccessKind.AUTH_FAILURE, Actor.of("mallory"), Map.of("ip", "10.0.0.9"));
        }

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("JOURNAL_OPEN", "USER_ACTION",
                "SAFETY_VIOLATION", "VALIDATION", "TRADE_DECISION", "ORDER_EVENT", "RISK_EVENT", "CONFIG_CHANGE",
                "ACCESS_EVENT", "CHECKPOINT");
        assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(events.get(0).get("prev").asText()).isEqualTo("0".repeat(64));
        JsonNode order = events.get(5);
        assertThat(order.get("ts").asText()).isEqualTo("2026-11-22T10:30:15.123456Z");
        assertThat(order.get("level").asText()).isEqualTo("INFO");
        assertThat(order.get("actor").asText()).isEqualTo("momentum");
        assertThat(order.get("action").asText()).isEqualTo("filled");
        assertThat(order.get("app").asText()).isEqualTo("bot");
        assertThat(order.get("instance").asText()).isEqualTo("prod-1");
        assertThat(order.get("details").get("price").asDouble()).isEqualTo(64210.5);
        assertThat(events.get(6).get("level").asText()).isEqualTo("CRITICAL");
        assertThat(events.get(9).get("details").get("reason").asText()).isEqualTo("close");
        assertThat(JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY)).verify(dir.resolve("audit")).summary())
                .isEqualTo("OK: 10 events in 1 files, 1 checkpoints, signatures verified, 10 line tags verified, "
                        + "no witness checked (a cut-back journal cannot be told)");
    }

    @Test
    void recent_events_keep_the_latest_summaries_newest_first_with_secrets_redacted() throws Exception {
        try (ComplianceLogger audit = builder().keepRecent(2).build()) {
            assertThat(audit.recentEvents()).isEmpty();
            audit.userAction("login", Actor.of("alice"), Map.of());
            audit.configChange(Actor.of("bob"), "max_positions", 3, 5);
            audit.userAction("rotated Bearer abcdefghijklmnopqrstuvwxyz0123", Actor.of("carol"), Map.of("password", "pw"));

            assertThat(audit.recentEvents()).extracting(AuditSummary::actor).containsExactly("carol", "bob");
            AuditSummary newest = audit.recentEvents().get(0);
            assertThat(newest.type()).isEqualTo("USER_ACTION");
            assertThat(newest.at()).isEqualTo(Instant.parse("2026-11-22T10:30:15.123456Z"));
            assertThat(newest.action()).doesNotContain("abcdefghijklmnopqrstuvwxyz0123").contains("[REDACTED]");
        }
        try (ComplianceLogger reopened = builder().build()) {
            reopened.userAction("login", Actor.of("alice"), Map.of());
            assertThat(reopened.recentEvents()).as("off by default").isEmpty();
        }
    }

    @Test
    void files_are_0600_and_the_directory_0700() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("login", Actor.of("u1"), Map.of());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Journals.files(dir.resolve("audit")).get(0))))
                .isEqualTo("rw-------");
    }

    @Test
    void the_correlation_id_comes_from_the_mdc() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            MDC.put("correlationId", "req-77");
            try {
                audit.userAction("order", Actor.of("u1"), Map.of());
            } finally {
                MDC.remove("correlationId");
            }
            audit.userAction("order", Actor.of("u1"), Map.of());
        }
        List<JsonNode> events = events();
        assertThat(events.get(1).get("correlation_id").asText()).isEqualTo("req-77");
        assertThat(events.get(2).has("correlation_id")).isFalse();
    }

    @Test
    void secrets_are_redacted_before_hashing_by_name_and_by_value() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.accessEvent(AccessKind.KEY_ROTATION, Actor.of("ops"), Map.of(
                    "api_key", "AKIA-should-never-appear",
                    "Authorization", "Basic dXNlcjpwYXNz",
                    "note", "header was Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig and key sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                    "order_hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        }
        String line = Journals.lines(dir.resolve("audit")).get(1);
        assertThat(line).doesNotContain("AKIA", "dXNlcjpwYXNz", "eyJhbGci", "4eC39HqLyjWDarjtT1zdp7dc")
                .contains("\"api_key\":\"[REDACTED]\"", "header was [REDACTED] and key [REDACTED]",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void the_mirror_writes_the_seed_format_on_one_line() throws Exception {
        Logger mirror = (Logger) LoggerFactory.getLogger("compliance");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        mirror.addAppender(appender);
        mirror.setLevel(ch.qos.logback.classic.Level.INFO);
        try (ComplianceLogger audit = builder().mirrorToLog(true).build()) {
            audit.userAction("chat_request", Actor.of("user_12345\r\nINFO forged"), Map.of("k", "v"));
        } finally {
            mirror.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("2026-11-22 10:30:15 | INFO | USER_ACTION | Action: chat_request | "
                        + "User: user_12345\\r\\nINFO forged | Details: {\"k\":\"v\"}");
    }

    @Test
    void nulls_are_rejected_naming_the_parameter() {
        try (ComplianceLogger audit = builder().build()) {
            assertThatThrownBy(() -> audit.userAction(null, Actor.of("u"), Map.of())).hasMessage("action must not be null");
            assertThatThrownBy(() -> audit.userAction("a", (Actor) null, Map.of())).hasMessage("user must not be null");
            assertThatThrownBy(() -> audit.userAction("a", Actor.of("u"), null)).hasMessage("details must not be null");
            assertThatThrownBy(() -> audit.orderEvent(null, Actor.of("s"), "o", "BTC", "BUY", 1, 1, "v"))
                    .hasMessage("stage must not be null");
            assertThatThrownBy(() -> audit.record(null)).hasMessage("event must not be null");
            assertThatThrownBy(() -> AuditEvent.builder("lower case")).hasMessageContaining("type must be upper-case");
        }
        assertThatThrownBy(() -> ComplianceLogger.builder().build()).hasMessage("directory must be set");
        assertThatThrownBy(() -> Checkpoints.hmacSigner(new byte[8])).hasMessage("key must be at least 32 bytes, got 8");
    }
}
