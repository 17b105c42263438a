package dev.tradepulse.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.compliance.internal.JournalLimits;
import dev.tradepulse.compliance.verify.JournalExporter;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.test.MutableClock;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11 findings 4 (write side), 11 and 12d: what the writer writes, every reader reads. */
class JournalLimitsTest {

    private static final JournalVerifier VERIFIER = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:30:15.123456Z"));

    private ComplianceLogger.Builder builder() {
        return ComplianceLogger.builder().directory(dir).instance("t").clock(clock)
                .signer(Checkpoints.hmacSigner(Journals.KEY));
    }

    private static Map<String, Object> hostile() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("k".repeat(50_001), "long name");
        details.put("k".repeat(50_001) + "2", "same prefix, another name");
        details.put("big_int", new BigInteger("9".repeat(1_001)));
        details.put("big_dec", new BigDecimal("1." + "3".repeat(1_001)));
        details.put("huge_exponent", new BigDecimal("1E+1000000"));
        details.put("fine", new BigDecimal("64210.50"));
        details.put("nested", Map.of("n".repeat(60_000), new BigInteger("7".repeat(2_000))));
        return details;
    }

    @Test
    void a_line_with_huge_names_and_numbers_is_cut_lists_what_changed_and_reads_back_with_the_journal_limits()
            throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("hostile", Actor.of("u1"), hostile());
        }
        String line = Journals.lines(dir).get(1);
        JsonNode event = JournalLimits.reader().readTree(line);
        JsonNode details = event.get("details");
        List<String> names = new ArrayList<>();
        details.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(7).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(JournalLimits.MAX_NAME_LENGTH));
        assertThat(details.get("big_int").isTextual()).isTrue();
        assertThat(details.get("big_int").asText()).isEqualTo("9".repeat(1_001));
        assertThat(details.get("big_dec").isTextual()).isTrue();
        assertThat(details.get("huge_exponent").asText()).isEqualTo("1E+1000000");
        assertThat(details.get("fine").isNumber()).isTrue();
        assertThat(event.get("truncated").toString()).contains("details.big_int", "details.big_dec",
                "details.huge_exponent", "details.kkkk");
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
        StringWriter exported = new StringWriter();
        assertThat(new JournalExporter(Set.of(), null, null, null).export(dir, JournalExporter.Format.CSV, exported))
                .isEqualTo(3);
    }

    @Test
    void a_hostile_event_survives_a_reopen_without_being_quarantined() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("hostile", Actor.of("u1"), hostile());
            audit.flush();
        }
        try (ComplianceLogger reopened = builder().build()) {
            reopened.userAction("after", Actor.of("u1"), Map.of());
        }
        List<String> lines = Journals.lines(dir);
        assertThat(lines).noneMatch(l -> l.contains("\"RECOVERY\""));
        assertThat(lines.get(1)).contains("\"action\":\"hostile\"");
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
    }

    @Test
    void an_event_over_the_size_limit_keeps_its_envelope_and_loses_its_details() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            details.put("blob" + i, "x".repeat(JournalLimits.MAX_VALUE_LENGTH));
        }
        try (ComplianceLogger audit = builder().maxFieldLength(JournalLimits.MAX_VALUE_LENGTH).build()) {
            audit.userAction("too big", Actor.of("u1"), details);
            audit.userAction("next", Actor.of("u1"), Map.of("small", 1));
        }
        List<String> lines = Journals.lines(dir);
        assertThat(lines.get(1).length()).isLessThan(JournalLimits.MAX_EVENT_BYTES);
        JsonNode event = JournalLimits.reader().readTree(lines.get(1));
        assertThat(event.get("action").asText()).isEqualTo("too big");
        assertThat(event.get("details").isEmpty()).isTrue();
        assertThat(event.get("truncated").toString()).isEqualTo("[\"details\"]");
        assertThat(lines.get(2)).contains("\"small\":1");
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
    }

    @Test
    void max_field_length_above_the_journal_limit_is_rejected_naming_it() {
        assertThatThrownBy(() -> builder().maxFieldLength(JournalLimits.MAX_VALUE_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chars must be at most " + JournalLimits.MAX_VALUE_LENGTH + " (the journal's limit), got "
                        + (JournalLimits.MAX_VALUE_LENGTH + 1));
    }

    @Test
    void app_and_instance_names_past_the_name_limit_are_rejected_naming_them() {
        assertThatThrownBy(() -> builder().app("a".repeat(JournalLimits.MAX_NAME_LENGTH + 1)))
                .hasMessage("app must be at most 256 characters, got 257");
        assertThatThrownBy(() -> builder().instance("i".repeat(2_000_000)))
                .hasMessage("instance must be at most 256 characters, got 2000000");
    }

    @Test
    void a_detail_whose_to_string_returns_null_is_rejected_naming_the_detail() {
        Object nullString = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        try (ComplianceLogger audit = builder().build()) {
            assertThatThrownBy(() -> audit.userAction("a", Actor.of("u"), Map.of("bad", nullString)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("details.bad: toString() of ")
                    .hasMessageEndingWith(" returned null");
            assertThatThrownBy(() -> audit.userAction("a", Actor.of("u"), Map.of("outer", Map.of(nullString, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("details.outer: a name's toString() of ");
            assertThatThrownBy(() -> audit.userAction("a", Actor.of("u"), Map.of("list", List.of(1, nullString))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("details.list.[1]: ");
            audit.userAction("still works", Actor.of("u"), Map.of());
        }
    }
}
