package dev.tradepulse.compliance.attack;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.test.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's recommended file witness is one "the bot's user can append to but not rewrite".
 * Such a user can still append: here they append an older, genuinely signed head that the witness
 * file itself holds, and the witness then reads back the old head.
 */
class WitnessRollbackAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

    private void run(Path dir, Witness witness, String prefix) {
        try (ComplianceLogger audit = AttackKit.builder(dir, clock).witness(witness).build()) {
            for (int i = 0; i < 20; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.PLACED, Actor.of("s"), prefix + i, "BTCUSDT", "BUY", 1, 100, "x");
                clock.advance(Duration.ofMillis(10));
            }
        }
    }

    @Test
    void a_cut_back_journal_fails_against_an_append_only_witness_file_even_after_an_older_head_is_appended_to_it()
            throws Exception {
        Path dir = root.resolve("audit");
        Path witnessFile = root.resolve("other-volume").resolve("audit.witness");
        Files.createDirectories(witnessFile.getParent());
        Witness witness = Witnesses.file(witnessFile);
        run(dir, witness, "a-");
        WitnessedHead firstClose = witness.latest().orElseThrow();
        run(dir, witness, "b-");
        WitnessedHead latest = witness.latest().orElseThrow();
        assertThat(latest.coversSeq()).isGreaterThan(firstClose.coversSeq());

        // The forger cuts the journal back to the first run's closing checkpoint (a valid, signed place) ...
        Path file = AttackKit.files(dir).get(0);
        List<String> lines = AttackKit.read(file);
        int secondOpen = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).contains("\"JOURNAL_OPEN\"")) {
                secondOpen = i;
            }
        }
        AttackKit.write(file, lines.subList(0, secondOpen));
        // ... and appends (no rewrite needed) a copy of the older head the witness file already holds.
        String older = Files.readAllLines(witnessFile, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"covers_seq\":" + firstClose.coversSeq() + ","))
                .findFirst().orElseThrow();
        Files.writeString(witnessFile, older + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        WitnessedHead readBack = witness.latest().orElseThrow();
        Verification result = verifier.witnessed(readBack).verify(dir);
        assertThat(result.ok()).as("cut back before the witnessed head: " + result.summary()).isFalse();
        assertThat(readBack.coversSeq()).as("a witness never rolls back: the highest head it ever held")
                .isEqualTo(latest.coversSeq());
    }
}
