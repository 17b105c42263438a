package dev.tradepulse.compliance.attack;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.cli.AuditCli;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.test.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Hostile files and arguments must give a clean failure, never an escaping Throwable or a stack trace. */
class HostileInputAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));

    /** A closed journal followed by a sparse 3 GiB second file: costs no disk, and no memory to make. */
    private Path journalWithHugeFile() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = AttackKit.builder(dir, clock).build()) {
            audit.userAction("login", Actor.of("alice"), java.util.Map.of());
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("audit-000002-20261122.jsonl").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        return dir;
    }

    @Test
    void the_verifier_reports_a_journal_file_too_large_to_read_as_a_problem_instead_of_throwing() throws Exception {
        Path dir = journalWithHugeFile();
        JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

        AtomicReference<Verification> result = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> result.set(verifier.verify(dir)));

        assertThat(thrown).as("verify() must return a failed Verification").isNull();
        assertThat(result.get().ok()).isFalse();
    }

    @Test
    void the_cli_exits_2_with_one_error_line_for_a_journal_file_too_large_to_read() throws Exception {
        Path dir = journalWithHugeFile();
        Path key = root.resolve("key.hex");
        Files.writeString(key, java.util.HexFormat.of().formatHex(AttackKit.KEY));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        AtomicReference<Integer> status = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> status.set(AuditCli.run(
                new String[] {"verify", dir.toString(), "--hmac-key-file", key.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))));

        assertThat(thrown).as("AuditCli.run must not throw").isNull();
        assertThat(status.get()).isIn(1, 2);
    }

    @Test
    void a_logger_reopening_a_directory_with_a_huge_last_file_fails_build_with_a_clear_exception_not_an_error()
            throws Exception {
        Path dir = journalWithHugeFile();

        Throwable thrown = catchThrowable(() -> AttackKit.builder(dir, clock).build().close());

        assertThat(thrown).as("an Error escapes build(): callers catching Exception are taken down").isNotNull()
                .isInstanceOf(Exception.class);
    }

    @Test
    void a_file_named_like_a_journal_file_with_an_impossible_day_fails_verification_cleanly_and_never_throws()
            throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = AttackKit.builder(dir, clock).build()) {
            audit.userAction("login", Actor.of("alice"), java.util.Map.of());
        }
        Files.writeString(dir.resolve("audit-000002-20261399.jsonl"), "");
        JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(AttackKit.KEY));

        AtomicReference<Verification> result = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> result.set(verifier.verify(dir)));
        Throwable atOpen = catchThrowable(() -> AttackKit.builder(dir, clock).build().close());

        assertThat(thrown).as("verify() must return a failed Verification").isNull();
        assertThat(atOpen).as("build() may refuse the directory, but with the journal's own exception naming the file")
                .satisfiesAnyOf(t -> assertThat(t).isNull(),
                        t -> assertThat(t).isNotInstanceOf(java.time.DateTimeException.class));
    }
}
