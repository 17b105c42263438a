package dev.tradepulse.compliance;

import dev.tradepulse.compliance.cli.AuditCli;
import dev.tradepulse.test.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 findings 12a and 12b: exit 1 means only "verification failed". */
class AuditCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AuditCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void journal() {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("t")
                .clock(MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"))).build()) {
            audit.userAction("login", Actor.of("u1"), Map.of());
        }
    }

    @Test
    void a_bad_time_is_bad_usage_with_a_message_naming_the_option_and_no_stack_trace() {
        journal();
        assertThat(run("export", dir.toString(), "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: --from must be an ISO-8601 instant or date, such as 2026-12-01T00:00:00Z or "
                        + "2026-12-01, got: yesterday").doesNotContain("\tat ");
        assertThat(run("export", dir.toString(), "--to", "2026-13-45")).isEqualTo(2);
        assertThat(run("export", dir.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be jsonl or csv, got: xml");
    }

    @Test
    void a_date_selects_from_the_start_of_that_utc_day() {
        journal();
        assertThat(run("export", dir.toString(), "--from", "2026-11-22", "--to", "2026-11-23")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exported 3 events");
    }

    @Test
    void a_missing_directory_is_unreadable_input_not_a_failed_verification() {
        Path missing = dir.resolve("nonexistent");
        assertThat(run("verify", missing.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: no such directory: " + missing);
        assertThat(run("export", missing.toString())).isEqualTo(2);
    }

    @Test
    void a_file_given_as_the_directory_is_unreadable_input() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertThat(run("verify", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: not a directory: " + file);
    }
}
