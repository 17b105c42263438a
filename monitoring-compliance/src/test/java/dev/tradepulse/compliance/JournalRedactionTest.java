package dev.tradepulse.compliance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11 finding 10: no path lets a secret past redaction. */
class JournalRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:30:15.123456Z"));

    private ComplianceLogger.Builder builder() {
        return ComplianceLogger.builder().directory(dir).app("bot").instance("prod-1").clock(clock)
                .signer(Checkpoints.hmacSigner(Journals.KEY));
    }

    private JsonNode event(int line) throws Exception {
        return JSON.readTree(Journals.lines(dir).get(line));
    }

    @Test
    void the_mirror_prints_actor_and_action_redacted_with_every_line_breaking_or_terminal_character_escaped()
            throws Exception {
        Logger mirror = (Logger) LoggerFactory.getLogger("compliance");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        mirror.addAppender(appender);
        mirror.setLevel(ch.qos.logback.classic.Level.INFO);
        try (ComplianceLogger audit = builder().mirrorToLog(true).build()) {
            audit.userAction("rotate Bearer abcdefghijklmnopqrstuvwxyz0123", Actor.of("ops\u001b[31m\u0085x\u2028y\u2029z"),
                    Map.of("note", "a\u2028b\u0085c", "password", "hunter2"));
        } finally {
            mirror.detachAppender(appender);
        }
        String line = appender.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("abcdefghijklmnopqrstuvwxyz0123", "hunter2", "\u001b", "\u0085", "\u2028",
                "\u2029").contains("Action: rotate [REDACTED] |", "User: ops\\u001b[31m\\u0085x\\u2028y\\u2029z |",
                "a\\u2028b\\u0085c");
        assertThat(event(1).get("actor").asText()).isEqualTo("ops\u001b[31m\u0085x\u2028y\u2029z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "exchange.binance.passphrase", "db_password", "webhook_token", "pin"})
    void a_config_change_of_a_secret_parameter_stores_neither_value(String parameter) throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.configChange(Actor.of("alice"), parameter, "old-value-1", Map.of("v", "new-value-2"));
            audit.configChange(Actor.of("alice"), "max_position", 5, 3);
        }
        JsonNode secret = event(1).get("details");
        assertThat(secret.get("parameter").asText()).isEqualTo(parameter);
        assertThat(secret.get("from").asText()).isEqualTo("[REDACTED]");
        assertThat(secret.get("to").asText()).isEqualTo("[REDACTED]");
        assertThat(Journals.lines(dir).get(1)).doesNotContain("old-value-1", "new-value-2");
        assertThat(event(2).get("details").get("from").asInt()).isEqualTo(5);
    }

    @Test
    void the_values_of_every_secret_name_are_redacted_and_other_names_kept() throws Exception {
        List<String> secret = List.of("passphrase", "pwd", "pass", "auth", "cookie", "session_id", "pin", "otp",
                "mnemonic", "seed_phrase", "old_key", "new_key", "password", "token", "api-key", "credentials",
                "signature", "Authorization");
        Map<String, Object> details = new LinkedHashMap<>();
        secret.forEach(n -> details.put(n, "v-" + n));
        details.put("order_key", "ok-1");
        details.put("monkey", "banana");
        details.put("password_valid", false);
        try (ComplianceLogger audit = builder().build()) {
            audit.accessEvent(AccessKind.KEY_ROTATION, Actor.of("ops"), details);
        }
        JsonNode written = event(1).get("details");
        secret.forEach(n -> assertThat(written.get(n).asText()).as(n).isEqualTo("[REDACTED]"));
        assertThat(written.get("order_key").asText()).isEqualTo("ok-1");
        assertThat(written.get("monkey").asText()).isEqualTo("banana");
        assertThat(written.get("password_valid").isBoolean()).as("no secret fits in a bit").isTrue();
    }

    @Test
    void secrets_in_free_text_are_redacted_in_details_actor_and_action() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("a", "login failed: password=hunter2");
        details.put("b", "Authorization: Basic dXNlcjpwYXNz");
        details.put("c", "jdbc:postgresql://trader:s3cretpw@db.internal:5432/prod");
        details.put("d", "alerts to https://hooks.slack.com/services/T0ABC123/B0DEF456/XyZ123abcDEF456ghiJKL789");
        details.put("e", "hmac 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        details.put("f", "aws wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        details.put("g", List.of("nested pwd: hunter3"));
        details.put("h", "https://discord.com/api/webhooks/123456789012345678/AbC-dEf_123456789");
        details.put("i", "bot123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0");
        details.put("j", "id AKIAIOSFODNN7EXAMPLE");
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("connect with pwd=hunter4", Actor.of("user password=hunter5"), details);
        }
        String line = Journals.lines(dir).get(1);
        assertThat(line).doesNotContain("hunter2", "dXNlcjpwYXNz", "s3cretpw", "XyZ123abcDEF456ghiJKL789",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "wJalrXUtnFEMI", "hunter3",
                "hunter4", "hunter5", "AbC-dEf_123456789", "AAHfiqksKZ8WmR2zSjiQ7", "AKIAIOSFODNN7EXAMPLE");
        assertThat(event(1).get("details").get("c").asText())
                .isEqualTo("jdbc:postgresql://trader:[REDACTED]@db.internal:5432/prod");
        assertThat(JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY)).verify(dir).ok()).isTrue();
    }

    @Test
    void a_secret_used_as_a_detail_name_is_replaced_and_listed() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "user-1");
        details.put("AKIAIOSFODNN7EXAMPLE", "user-2");
        details.put("plain", Map.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1));
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("map", Actor.of("ops"), details);
        }
        String line = Journals.lines(dir).get(1);
        assertThat(line).doesNotContain("4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        JsonNode event = event(1);
        assertThat(event.get("details").get("[REDACTED]#1").asText()).isEqualTo("user-1");
        assertThat(event.get("details").get("[REDACTED]#2").asText()).isEqualTo("user-2");
        assertThat(event.get("details").get("plain").get("[REDACTED]#3").asInt()).isEqualTo(1);
        assertThat(event.get("truncated").toString()).contains("details.[REDACTED]#1", "details.[REDACTED]#2",
                "details.plain.[REDACTED]#3");
    }

    @Test
    void users_extend_the_default_redaction_through_the_builder() throws Exception {
        try (ComplianceLogger audit = builder().redaction(dev.tradepulse.api.redaction.Redaction.builder()
                .secretNames("broker_code").build()).build()) {
            audit.userAction("x", Actor.of("ops"), Map.of("broker_code", "B-77", "password", "hunter2"));
        }
        assertThat(Journals.lines(dir).get(1)).doesNotContain("B-77", "hunter2");
        assertThatThrownBy(() -> builder().redaction(null)).hasMessage("redaction must not be null");
    }

    @Test
    void an_audit_event_prints_no_secret_in_its_to_string() {
        AuditEvent event = AuditEvent.builder("LOGIN").actor("ops\r\nforged").action("token=abc123def456").build();
        assertThat(event.toString()).doesNotContain("abc123def456", "\r", "\n").contains("[REDACTED]");
    }
}
