package dev.tradepulse.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.verify.Verification.Reason;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forger who can write to the journal directory but does not hold the key, across restarts:
 * nothing they add, change or remove is ever signed over by a reopen, and the verifier says so.
 */
class ForgeryAfterRestartTest {

    @TempDir
    Path root;

    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));

    private ComplianceLogger.Builder builder(Path dir) {
        return ComplianceLogger.builder().directory(dir).instance("t").clock(clock).shutdownHook(false)
                .signer(Checkpoints.hmacSigner(Journals.KEY));
    }

    private void orders(ComplianceLogger audit, int n, String prefix) {
        for (int i = 0; i < n; i++) {
            audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), prefix + i, "BTCUSDT", "BUY", 1, 100 + i,
                    "x");
            clock.advance(Duration.ofMillis(10));
        }
    }

    private Path writeClosedJournal(int n) throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).checkpointEvery(10, Duration.ofHours(1)).build()) {
            orders(audit, n, "o-");
        }
        assertThat(verifier.verify(dir).ok()).isTrue();
        return dir;
    }

    private Verification.Problem problem(JournalVerifier v, Path dir) {
        Verification result = v.verify(dir);
        assertThat(result.ok()).as("verification should fail").isFalse();
        return result.problem().orElseThrow();
    }

    private static boolean journalHolds(Path dir, String text) throws Exception {
        return Journals.lines(dir).stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void a_forged_order_appended_after_the_closing_checkpoint_is_quarantined_at_reopen_and_fails_verification()
            throws Exception {
        Path dir = writeClosedJournal(25);
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        Forgery.append(file, Forgery.orderAfter(lines.get(lines.size() - 1), "FORGED-1", 1.0));

        assertThat(problem(verifier, dir).reason()).isEqualTo(Reason.APPENDED_AFTER_CLOSE);
        assertThat(problem(JournalVerifier.withoutKey(), dir).reason()).isEqualTo(Reason.APPENDED_AFTER_CLOSE);

        builder(dir).build().close(); // an ordinary restart

        assertThat(journalHolds(dir, "FORGED-1")).as("the forged order must not stay in the journal").isFalse();
        assertThat(Forgery.quarantineHolds(dir, "FORGED-1")).isTrue();
        Verification.Problem p = problem(verifier, dir);
        assertThat(p.reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
        assertThat(p.message()).contains("follows a closing checkpoint").contains(".quarantine-");
    }

    @Test
    void a_forged_line_in_a_crashed_writers_tail_is_quarantined_and_the_genuine_tail_is_kept() throws Exception {
        Path live = root.resolve("live");
        Path dir = root.resolve("crashed");
        try (ComplianceLogger audit = builder(live).durability(Durability.GROUP_COMMIT)
                .checkpointEvery(1_000, Duration.ofHours(1)).build()) {
            orders(audit, 12, "o-");
            Forgery.copyAsCrashed(live, dir); // 12 acknowledged events after the last checkpoint, then SIGKILL
        }
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        String forged = Forgery.orderAfter(lines.get(lines.size() - 1), "FORGED-2", 1.0);
        // Copying a genuine tag does not help: a tag is bound to its line's content and file.
        String withCopiedTag = forged.substring(0, forged.length() - 1) + lines.get(lines.size() - 1)
                .substring(lines.get(lines.size() - 1).lastIndexOf(",\"mac\":"));
        Forgery.append(file, withCopiedTag);

        builder(dir).build().close();

        assertThat(journalHolds(dir, "FORGED-2")).isFalse();
        for (int i = 0; i < 12; i++) {
            assertThat(journalHolds(dir, "\"o-" + i + "\"")).as("acknowledged o-%d", i).isTrue();
        }
        Verification.Problem p = problem(verifier, dir);
        assertThat(p.reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
        assertThat(p.message()).contains("fails authentication");
    }

    @Test
    void a_crashed_writers_unsigned_tail_is_authenticated_by_its_tags_and_kept() throws Exception {
        Path live = root.resolve("live");
        Path dir = root.resolve("crashed");
        try (ComplianceLogger audit = builder(live).durability(Durability.GROUP_COMMIT)
                .checkpointEvery(1_000, Duration.ofHours(1)).build()) {
            orders(audit, 12, "o-");
            Forgery.copyAsCrashed(live, dir);
        }
        Verification liveResult = verifier.live().verify(dir);
        assertThat(liveResult.ok()).as(liveResult.summary()).isTrue();
        assertThat(liveResult.unsignedTail()).isEqualTo(13); // JOURNAL_OPEN and 12 orders, no checkpoint yet
        assertThat(liveResult.taggedLines()).isEqualTo(13);

        builder(dir).build().close();

        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(Journals.lines(dir)).noneMatch(l -> l.contains("\"RECOVERY\""));
        assertThat(Journals.lines(dir)).anyMatch(l -> l.contains("\"previous_closed_cleanly\":false"));
    }

    @Test
    void an_edited_line_with_a_recomputed_chain_and_no_checkpoints_is_quarantined_never_signed() throws Exception {
        Path dir = writeClosedJournal(25);
        Path file = Journals.files(dir).get(0);
        List<String> kept = new ArrayList<>();
        for (String line : Forgery.read(file)) {
            ObjectNode n = (ObjectNode) Forgery.JSON.readTree(line);
            if (n.get("type").asText().equals("CHECKPOINT")) {
                continue; // the forger deletes the signatures
            }
            if (n.path("details").path("order_id").asText().equals("o-7")) {
                ((ObjectNode) n.get("details")).put("price", 1.0);
            }
            kept.add(Forgery.JSON.writeValueAsString(n));
        }
        Forgery.write(file, Forgery.rechain(kept, 1, "0".repeat(64)));
        assertThat(verifier.verify(dir).ok()).isFalse();

        builder(dir).build().close();

        assertThat(journalHolds(dir, "\"price\":1.0")).as("the edit must not be signed into the journal").isFalse();
        assertThat(Forgery.quarantineHolds(dir, "\"price\":1.0")).isTrue();
        assertThat(problem(verifier, dir).reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
    }

    @Test
    void editing_the_line_before_the_closing_checkpoint_quarantines_that_line_and_never_signs_it() throws Exception {
        Path dir = writeClosedJournal(25);
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        int edited = lines.size() - 2;
        lines.set(edited, lines.get(edited).replace("\"price\":124.0", "\"price\":999.0"));
        assertThat(lines.get(edited)).contains("999.0");
        Forgery.write(file, lines);

        builder(dir).build().close();

        assertThat(journalHolds(dir, "\"price\":999.0")).isFalse();
        assertThat(Forgery.quarantineHolds(dir, "\"price\":999.0")).isTrue();
        Verification.Problem p = problem(verifier, dir);
        assertThat(p.reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
        assertThat(p.message()).contains("fails authentication");
    }

    @Test
    void a_complete_line_of_garbage_after_the_close_is_tampering_but_zeros_a_crash_left_are_not() throws Exception {
        Path dir = writeClosedJournal(5);
        Path file = Journals.files(dir).get(0);
        Forgery.append(file, "not a journal record \u00e9\u0001");
        builder(dir).build().close();
        assertThat(problem(verifier, dir).reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);

        Path crashed = root.resolve("zeros");
        try (ComplianceLogger audit = builder(crashed).build()) {
            orders(audit, 3, "z-");
        }
        Path f = Journals.files(crashed).get(0);
        java.nio.file.Files.write(f, new byte[4096], java.nio.file.StandardOpenOption.APPEND); // unwritten blocks
        builder(crashed).build().close();
        Verification v = verifier.verify(crashed);
        assertThat(v.ok()).as(v.summary()).isTrue();
    }

    @Test
    void two_adjacent_swapped_lines_are_reordered_not_deleted() throws Exception {
        Path dir = writeClosedJournal(25);
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        String a = lines.get(5);
        lines.set(5, lines.get(6));
        lines.set(6, a);
        Forgery.write(file, lines);

        assertThat(problem(verifier, dir).reason()).isEqualTo(Reason.REORDERED_LINES);
        assertThat(problem(JournalVerifier.withoutKey(), dir).reason()).isEqualTo(Reason.REORDERED_LINES);
    }

    @Test
    void a_live_journal_with_no_signature_at_all_fails_with_a_key() throws Exception {
        Path live = root.resolve("live");
        Path dir = root.resolve("copy");
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(live).instance("t").shutdownHook(false)
                .checkpointEvery(1_000, Duration.ofHours(1)).build()) {
            orders(audit, 5, "o-");
            audit.flush();
            Forgery.copyAsCrashed(live, dir);
        }
        Verification.Problem p = problem(verifier.live(), dir);
        assertThat(p.reason()).isEqualTo(Reason.NOT_SIGNED);
        // Closed without a key, it has checkpoints, but unsigned ones.
        assertThat(problem(verifier, live).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(problem(verifier, live).message()).contains("is unsigned");
    }

    @Test
    void a_v1_journal_verifies_and_a_v2_writer_continues_it() throws Exception {
        Path dir = writeClosedJournal(25);
        Path file = Journals.files(dir).get(0);
        // Turn it into what v1 wrote: no tags, no epoch, v1 signature input, chain over whole lines.
        List<String> v1 = new ArrayList<>();
        String prev = "0".repeat(64);
        for (String line : Forgery.read(file)) {
            ObjectNode n = (ObjectNode) Forgery.JSON.readTree(line);
            n.remove("mac");
            n.put("prev", prev);
            if (n.get("type").asText().equals("CHECKPOINT")) {
                ObjectNode d = (ObjectNode) n.get("details");
                d.remove("epoch");
                d.put("head", prev);
                d.put("sig", Base64.getEncoder().encodeToString(Checkpoints.hmacSigner(Journals.KEY)
                        .sign(Checkpoints.signatureInput(n.get("seq").asLong() - 1, prev))));
                // keep field order: reason last
                String reason = d.remove("reason").asText();
                d.put("reason", reason);
            }
            if (n.get("type").asText().equals("JOURNAL_OPEN")) {
                ((ObjectNode) n.get("details")).put("format", "tradepulse-audit-v1");
                ((ObjectNode) n.get("details")).remove("line_tags");
            }
            String s = Forgery.JSON.writeValueAsString(n);
            v1.add(s);
            prev = Forgery.hash(s);
        }
        Forgery.write(file, v1);
        Verification before = verifier.verify(dir);
        assertThat(before.ok()).as(before.summary()).isTrue();
        assertThat(before.taggedLines()).isZero();

        try (ComplianceLogger audit = builder(dir).build()) {
            orders(audit, 3, "v2-");
        }
        Verification after = verifier.verify(dir);
        assertThat(after.ok()).as(after.summary()).isTrue();
        assertThat(after.taggedLines()).isEqualTo(5); // JOURNAL_OPEN, 3 orders, the closing checkpoint
        assertThat(Journals.lines(dir)).noneMatch(l -> l.contains("\"RECOVERY\""));
    }

    @Test
    void with_ed25519_the_public_key_verifies_and_the_writer_still_quarantines_a_forgery() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).signer(Checkpoints.ed25519Signer(keys.getPrivate())).build()) {
            orders(audit, 10, "o-");
        }
        JournalVerifier publicKey = JournalVerifier.withKey(Checkpoints.ed25519Verifier(keys.getPublic()));
        assertThat(publicKey.verify(dir).ok()).isTrue();
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        Forgery.append(file, Forgery.orderAfter(lines.get(lines.size() - 1), "FORGED-3", 1.0));

        try (ComplianceLogger audit = builder(dir).signer(Checkpoints.ed25519Signer(keys.getPrivate())).build()) {
            audit.userAction("after", Actor.of("u"), Map.of());
        }
        assertThat(journalHolds(dir, "FORGED-3")).isFalse();
        assertThat(problem(publicKey, dir).reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
    }
}
