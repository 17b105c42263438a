package dev.tradepulse.compliance.attack;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a crash, the lines after the last checkpoint are acknowledged (fsynced) events, each
 * carrying a valid tag. A forger without the key removes some of them before the next open.
 */
class CrashTailAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

    /** A journal as SIGKILL leaves it: 10 acknowledged GROUP_COMMIT orders after the last checkpoint. */
    private Path crashed() throws Exception {
        Path live = root.resolve("live");
        Path dir = root.resolve("crashed");
        try (ComplianceLogger audit = AttackKit.builder(live, clock).durability(Durability.GROUP_COMMIT)
                .checkpointEvery(1000, Duration.ofHours(1)).build()) {
            for (int i = 0; i < 10; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), "acked-" + i, "BTCUSDT", "BUY", 1,
                        100, "x"); // returns after the fsync covering it
                clock.advance(Duration.ofMillis(10));
            }
            AttackKit.copyAsCrashed(live, dir);
        }
        return dir;
    }

    @Test
    void stripping_the_tag_of_an_acknowledged_line_in_a_crash_tail_is_recorded_as_tampering_not_as_a_crash()
            throws Exception {
        Path dir = crashed();
        Path file = AttackKit.files(dir).get(0);
        List<String> lines = AttackKit.read(file);
        int first = 0;
        while (!lines.get(first).contains("acked-0")) {
            first++;
        }
        // A complete line without a tag in a journal whose every line is tagged is never what a crash leaves.
        lines.set(first, AttackKit.stripTag(lines.get(first)));
        AttackKit.write(file, lines);

        AttackKit.builder(dir, clock).build().close();

        Verification result = verifier.verify(dir);
        assertThat(AttackKit.journalHolds(dir, "acked-9") || !result.ok())
                .as("10 acknowledged orders were moved out of the journal as a 'crash' and it verifies: "
                        + result.summary())
                .isTrue();
    }

    /**
     * Lines after the last checkpoint a witness holds cannot be protected against deletion after a
     * crash: nothing outside the directory knows of them (docs/compliance-format.md says so).
     * Everything a witnessed checkpoint covers is protected.
     */
    @Test
    void acknowledged_events_deleted_from_a_crash_tail_are_detected_once_a_witnessed_checkpoint_covers_them()
            throws Exception {
        Path live = root.resolve("live");
        Path dir = root.resolve("crashed");
        Witness witness = Witnesses.file(root.resolve("audit.witness"));
        try (ComplianceLogger audit = AttackKit.builder(live, clock).witness(witness)
                .durability(Durability.GROUP_COMMIT).checkpointEvery(5, Duration.ofHours(1)).build()) {
            for (int i = 0; i < 10; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), "acked-" + i, "BTCUSDT", "BUY", 1,
                        100, "x");
                clock.advance(Duration.ofMillis(10));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> witness.latest().map(h -> h.coversSeq() >= 11).orElse(false));
            AttackKit.copyAsCrashed(live, dir);
        }
        Path file = AttackKit.files(dir).get(0);
        List<String> lines = AttackKit.read(file);
        int first = 0;
        while (!lines.get(first).contains("acked-5")) {
            first++;
        }
        AttackKit.write(file, lines.subList(0, first)); // drop acked-5 .. acked-9: no key needed

        AttackKit.builder(dir, clock).witness(witness).build().close();

        Verification result = verifier.verify(dir);
        assertThat(result.ok()).as(result.summary()).isFalse();
        assertThat(result.problem().orElseThrow().message()).contains("cut back");
    }
}
