package dev.tradepulse.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.state.StateRecord.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordReadsBackWithItsVersionAndWhenItWasSaved() throws IOException {
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            store.write("kill-switch.momentum", 3, bytes("halted"));
            StateRecord r = store.read("kill-switch.momentum");
            assertThat(r.status()).isEqualTo(Status.OK);
            assertThat(r.version()).isEqualTo(3);
            assertThat(r.savedAt()).isEqualTo(T0);
            assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("halted");
            assertThat(r.toString()).doesNotContain("halted");
        }
    }

    @Test
    void aRecordSurvivesClosingAndReopeningTheStore() throws IOException {
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            store.write("budget", 1, bytes("one"));
            store.write("budget", 1, bytes("two"));
        }
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            assertThat(store.read("budget").ok()).hasValueSatisfying(p -> assertThat(p).isEqualTo(bytes("two")));
        }
    }

    @Test
    void aMissingRecordIsAbsentAndADeletedOneToo() throws IOException {
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            assertThat(store.read("nothing").status()).isEqualTo(Status.ABSENT);
            store.write("gone", 1, bytes("x"));
            store.delete("gone");
            store.delete("gone");
            assertThat(store.read("gone").status()).isEqualTo(Status.ABSENT);
        }
    }

    @Test
    void aTruncatedAlteredForeignOrEmptyFileIsDamagedNeverReturnedAsGood() throws IOException {
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            store.write("a", 1, bytes("payload-of-a"));
            store.write("b", 1, bytes("payload-of-b"));
        }
        Path a = dir.resolve("a.state");
        byte[] good = Files.readAllBytes(a);
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            Files.write(a, Arrays.copyOf(good, good.length - 3));
            assertThat(store.read("a")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.DAMAGED);
                assertThat(r.problem()).contains("truncated");
                assertThat(r.ok()).isEmpty();
            });
            byte[] flipped = good.clone();
            flipped[flipped.length - 1] ^= 1;
            Files.write(a, flipped);
            assertThat(store.read("a").problem()).contains("checksum");
            Files.copy(dir.resolve("b.state"), a, StandardCopyOption.REPLACE_EXISTING);
            assertThat(store.read("a").problem()).contains("another key");
            Files.write(a, new byte[0]);
            assertThat(store.read("a").status()).isEqualTo(Status.DAMAGED);
            Files.write(a, bytes("tradepulse-state-v9 a 1 1 2026-12-01T10:00:00Z 00\nx"));
            assertThat(store.read("a").problem()).contains("unknown state file format");
            Files.write(a, new byte[2 << 20]);
            assertThat(store.read("a").status()).isEqualTo(Status.DAMAGED);
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryInThisProcessIsRefused() throws IOException {
        try (StateStore first = StateStore.directory(dir, CLOCK)) {
            assertThat(first.directory()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThatThrownBy(() -> StateStore.directory(dir, CLOCK))
                    .isInstanceOf(IOException.class).hasMessageContaining("already open in this process");
        }
        StateStore.directory(dir, CLOCK).close();
    }

    @Test
    void aStoreHeldByAnotherProcessIsRefusedWithThatProcessesPid() throws Exception {
        Process child = start("hold");
        try {
            long pid = readyPid(child);
            assertThatThrownBy(() -> StateStore.directory(dir, CLOCK))
                    .isInstanceOf(IOException.class).hasMessageContaining("held by another process (pid " + pid + ")");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        StateStore.directory(dir, CLOCK).close();
    }

    @Test
    void recordsAndTheDirectoryAreReadableByTheirOwnerOnly() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path sub = dir.resolve("state");
        try (StateStore store = StateStore.directory(sub, CLOCK)) {
            store.write("k", 1, bytes("v"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sub))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sub.resolve("k.state")))).isEqualTo("rw-------");
    }

    @Test
    void temporaryFilesACrashLeftBehindAreRemovedAtOpen() throws IOException {
        Files.write(dir.resolve("k.state.tmp-1234"), bytes("half a record"));
        StateStore.directory(dir, CLOCK).close();
        assertThat(dir.resolve("k.state.tmp-1234")).doesNotExist();
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameter() throws IOException {
        try (StateStore store = StateStore.directory(dir, CLOCK)) {
            assertThatThrownBy(() -> store.write("../etc/passwd", 1, bytes("x"))).hasMessageContaining("key must be");
            assertThatThrownBy(() -> store.write("Upper", 1, bytes("x"))).hasMessageContaining("key must be");
            assertThatThrownBy(() -> store.read("")).hasMessageContaining("key must be");
            assertThatThrownBy(() -> store.write("k", 0, bytes("x"))).hasMessageContaining("version must be >= 1");
            assertThatThrownBy(() -> store.write("k", 1, new byte[(1 << 20) + 1])).hasMessageContaining("payload must be");
            assertThatThrownBy(() -> store.write("k", 1, null)).hasMessageContaining("payload");
            assertThatThrownBy(() -> store.read(null)).hasMessageContaining("key");
        }
        assertThatThrownBy(() -> StateStore.directory(null, CLOCK)).hasMessageContaining("directory");
    }

    @Test
    void aClosedStoreRefusesWorkAndClosingTwiceIsHarmless() throws IOException {
        StateStore store = StateStore.directory(dir, CLOCK);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.read("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.write("k", 1, bytes("x"))).isInstanceOf(IllegalStateException.class);
    }

    /**
     * SIGKILL a writer at a random point, again and again: the record read back is always whole
     * and never older than the last write the writer saw return.
     */
    @Test
    void aSigkillAtAnyPointLeavesTheLastDurableRecordOrANewerOne() throws Exception {
        int trials = Integer.getInteger("state.crash.trials", 12);
        Random random = new Random(42);
        for (int trial = 0; trial < trials; trial++) {
            Process child = start("write");
            long confirmed = 0;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                long target = 1 + random.nextInt(200);
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("saved ")) {
                        confirmed = Long.parseLong(l.substring(6));
                        if (confirmed >= target) {
                            break;
                        }
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (StateStore store = StateStore.directory(dir, CLOCK)) {
                StateRecord r = store.read("counter");
                assertThat(r.status()).as("trial %d: %s", trial, r).isEqualTo(Status.OK);
                String text = new String(r.payload(), StandardCharsets.US_ASCII);
                long value = Long.parseLong(text.substring(0, text.indexOf('\n')));
                assertThat(value).as("trial %d", trial).isGreaterThanOrEqualTo(confirmed);
                store.delete("counter");
            }
            try (var leftovers = Files.list(dir)) {
                assertThat(leftovers.map(p -> p.getFileName().toString())).allMatch(n -> !n.contains(".tmp-"));
            }
        }
    }

    private Process start(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StateWriterChild.class.getName(),
                dir.toString(), mode).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long readyPid(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        for (String l; (l = out.readLine()) != null; ) {
            if (l.startsWith("READY ")) {
                return Long.parseLong(l.substring(6).trim());
            }
        }
        throw new AssertionError("the child exited before it was ready");
    }
}
