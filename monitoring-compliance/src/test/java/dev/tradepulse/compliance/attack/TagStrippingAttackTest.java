package dev.tradepulse.compliance.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Removing a line's tag needs no key and leaves the chain unchanged. A v2 HMAC journal whose
 * {@code JOURNAL_OPEN} says {@code line_tags: true} is then treated like an untagged (pre-key or
 * v1) journal by recovery and by the verifier.
 */
class TagStrippingAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

    private Path closedJournal() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = AttackKit.builder(dir, clock).checkpointEvery(10, Duration.ofHours(1)).build()) {
            for (int i = 0; i < 25; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), "o-" + i, "BTCUSDT", "BUY", 1, 100,
                        "x");
                clock.advance(Duration.ofMillis(10));
            }
        }
        assertThat(verifier.verify(dir).ok()).isTrue();
        return dir;
    }

    /** Strips every tag, then appends a forged open, a forged order and an unsigned ("none") closing checkpoint. */
    private static List<String> forge(List<String> genuine, boolean withNoneClose) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : genuine) {
            lines.add(AttackKit.stripTag(l));
        }
        ObjectNode open = AttackKit.after(lines.get(lines.size() - 1), "JOURNAL_OPEN", "journal");
        ((ObjectNode) open.get("details")).put("format", "tradepulse-audit-v2").put("previous_closed_cleanly", true)
                .put("durability", "GROUP_COMMIT").put("signed", false).put("line_tags", false);
        lines.add(AttackKit.JSON.writeValueAsString(open));
        lines.add(AttackKit.order(lines.get(lines.size() - 1), "FORGED-1"));
        if (withNoneClose) {
            String last = lines.get(lines.size() - 1);
            ObjectNode cp = AttackKit.after(last, "CHECKPOINT", "journal");
            ObjectNode d = (ObjectNode) cp.get("details");
            d.put("covers_seq", cp.get("seq").asLong() - 1).put("head", AttackKit.hash(last)).put("epoch", 1)
                    .put("alg", "none").put("sig", "").put("reason", "close");
            lines.add(AttackKit.JSON.writeValueAsString(cp));
        }
        return lines;
    }

    @Test
    void recovery_never_accepts_forged_lines_behind_an_unsigned_checkpoint_in_a_journal_whose_tags_were_stripped()
            throws Exception {
        Path dir = closedJournal();
        Path file = AttackKit.files(dir).get(0);
        AttackKit.write(file, forge(AttackKit.read(file), true));

        AttackKit.builder(dir, clock).build().close(); // an ordinary restart

        boolean recorded = AttackKit.read(file).stream()
                .anyMatch(l -> l.contains("\"RECOVERY\"") && l.contains("\"tampered\":true"));
        assertThat(AttackKit.journalHolds(dir, "FORGED-1") && !recorded)
                .as("the forged order was kept, and signed over by the next checkpoint, with no tampered RECOVERY record; "
                        + "the verifier says: " + verifier.verify(dir).summary())
                .isFalse();
    }

    @Test
    void a_live_v2_journal_with_its_tags_stripped_and_a_forged_tail_fails_live_verification_with_the_key()
            throws Exception {
        Path dir = closedJournal();
        Path file = AttackKit.files(dir).get(0);
        AttackKit.write(file, forge(AttackKit.read(file), false));

        Verification result = verifier.live().verify(dir);
        assertThat(result.ok()).as("a forged ORDER_EVENT after stripping the (key-free removable) tags: "
                + result.summary()).isFalse();
    }
}
