package dev.tradepulse.compliance.attack;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery reads only the last file and trusts the last line of the file before it without
 * authenticating it ("closed files end in a signed checkpoint").
 */
class EarlierFileAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

    @Test
    void a_line_forged_at_the_end_of_an_earlier_file_does_not_make_recovery_quarantine_the_genuine_last_file()
            throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = AttackKit.builder(dir, clock).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 40; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("genuine", "g-" + i));
            }
        }
        List<Path> files = AttackKit.files(dir);
        assertThat(files).hasSizeGreaterThan(2);
        Path last = files.get(files.size() - 1);
        Path before = files.get(files.size() - 2);
        String lastGenuine = AttackKit.read(last).stream().filter(l -> l.contains("\"g-")).reduce((a, b) -> b)
                .orElseThrow();
        String marker = lastGenuine.substring(lastGenuine.indexOf("\"g-") + 1, lastGenuine.indexOf("\"g-") + 5);

        List<String> lines = AttackKit.read(before);
        lines.add(AttackKit.order(lines.get(lines.size() - 1), "FORGED-1"));
        AttackKit.write(before, lines);

        AttackKit.builder(dir, clock).build().close();

        Verification result = verifier.verify(dir);
        assertThat(AttackKit.journalHolds(dir, marker))
                .as("the genuine, signed events of the last file must stay in the journal; the verifier now says: "
                        + result.summary())
                .isTrue();
    }
}
