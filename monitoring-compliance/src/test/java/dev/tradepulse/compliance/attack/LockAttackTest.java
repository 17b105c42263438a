package dev.tradepulse.compliance.attack;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One writer per directory (P6) rests on a lock held on {@code audit.lock}. A lock file is the
 * kind of file operators and tmp cleaners delete as "stale".
 */
class LockAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void a_second_writer_fails_at_build_even_after_the_lock_file_of_the_first_was_deleted() throws Exception {
        Path dir = root.resolve("audit");
        ComplianceLogger first = AttackKit.builder(dir, clock).build();
        AtomicReference<ComplianceLogger> second = new AtomicReference<>();
        try {
            first.userAction("a", Actor.of("first"), Map.of());
            first.flush();
            Files.delete(dir.resolve("audit.lock"));

            Throwable thrown = catchThrowable(() -> second.set(AttackKit.builder(dir, clock).build()));

            assertThat(thrown).as("a second writer opened the directory: two writers append to one file").isNotNull();
        } finally {
            if (second.get() != null) {
                second.get().close();
            }
            first.close();
        }
    }
}
