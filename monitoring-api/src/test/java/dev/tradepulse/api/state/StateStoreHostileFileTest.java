package dev.tradepulse.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.state.StateRecord.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record file swapped for something that is not a file must read as a failed record, not hang the start. */
class StateStoreHostileFileTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aRecordThatIsAFifoNobodyWritesReadsAsUnreadableInsteadOfBlocking() throws Exception {
        try (StateStore store = StateStore.directory(dir, clock)) {
            Process p = new ProcessBuilder("mkfifo", dir.resolve("risk-state.momentum.state").toString()).inheritIO().start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();

            StateRecord r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> store.read("risk-state.momentum"));

            assertThat(r.status()).isEqualTo(Status.UNREADABLE);
            assertThat(r.problem()).contains("not a regular file");
        }
    }

    @Test
    void aRecordThatIsALinkToAnEndlessDeviceReadsAsUnreadableInsteadOfFillingTheHeap() throws Exception {
        try (StateStore store = StateStore.directory(dir, clock)) {
            Files.createSymbolicLink(dir.resolve("tracker.momentum.state"), Path.of("/dev/zero"));

            StateRecord r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> store.read("tracker.momentum"));

            assertThat(r.status()).isEqualTo(Status.UNREADABLE);
            assertThat(r.problem()).contains("not a regular file");
        }
    }
}
