package dev.tradepulse.compliance;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal across restarts, second writers, stops, vanished files and full disks. */
class JournalLifecycleTest {

    @TempDir
    Path root;

    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));

    private ComplianceLogger.Builder builder(Path dir) {
        return ComplianceLogger.builder().directory(dir).instance("t").signer(Checkpoints.hmacSigner(Journals.KEY))
                .shutdownHook(false);
    }

    @Test
    void a_second_writer_in_the_same_jvm_fails_at_build_naming_the_directory() {
        Path dir = root.resolve("audit");
        try (ComplianceLogger first = builder(dir).build()) {
            assertThatThrownBy(() -> builder(dir).build()).isInstanceOf(AuditJournalException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("already open in this JVM");
            first.userAction("still", Actor.of("writing"), Map.of());
        }
        assertThat(verifier.verify(dir).ok()).isTrue();
    }

    @Test
    void a_second_process_fails_at_build_naming_the_holders_pid_and_a_sigkill_releases_the_lock() throws Exception {
        Path dir = root.resolve("audit");
        Children.Child child = Children.start(dir, "hold");
        try {
            assertThatThrownBy(() -> builder(dir).build()).isInstanceOf(AuditJournalException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("pid " + child.pid());
        } finally {
            child.process().destroyForcibly();
            child.process().waitFor();
        }
        // The OS dropped the dead child's lock: this writer recovers and continues its journal.
        builder(dir).build().close();
        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(v.events()).isGreaterThan(50);
    }

    @Test
    void system_exit_without_close_leaves_a_journal_that_verifies() throws Exception {
        Path dir = root.resolve("audit");
        Children.Child child = Children.start(dir, "exit");
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(v.events()).isGreaterThanOrEqualTo(52);
    }

    @Test
    void sigterm_leaves_a_journal_that_verifies() throws Exception {
        Path dir = root.resolve("audit");
        Children.Child child = Children.start(dir, "term");
        child.process().destroy(); // SIGTERM on Linux: shutdown hooks run
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as(v.summary()).isTrue();
    }

    @Test
    void a_deleted_directory_fails_the_next_durable_write_and_the_health_check() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).durability(Durability.GROUP_COMMIT).build()) {
            audit.userAction("before", Actor.of("u"), Map.of());
            assertThat(audit.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
            deleteTree(dir);
            assertThatThrownBy(() -> audit.userAction("after", Actor.of("u"), Map.of()))
                    .isInstanceOf(AuditJournalException.class);
            assertThat(audit.failure()).get().asString().contains("deleted");
            HealthResult health = audit.healthCheck().check();
            assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(health.message()).get().asString().contains("deleted");
        }
    }

    @Test
    void a_deleted_directory_fails_an_async_journal_within_a_second_without_any_write() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).durability(Durability.ASYNC).build()) {
            audit.userAction("before", Actor.of("u"), Map.of());
            audit.flush();
            deleteTree(dir);
            long started = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> audit.failure().isPresent());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(audit.healthCheck().check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void a_replaced_file_is_noticed_before_the_next_acknowledgement() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).durability(Durability.SYNC_EACH).build()) {
            audit.userAction("before", Actor.of("u"), Map.of());
            Path file = Journals.files(dir).get(0);
            Path moved = root.resolve("moved.jsonl");
            Files.move(file, moved);
            Files.writeString(file, "");
            assertThatThrownBy(() -> audit.userAction("after", Actor.of("u"), Map.of()))
                    .isInstanceOf(AuditJournalException.class);
            assertThat(audit.failure()).get().asString().contains("replaced");
        }
    }

    @Test
    void every_async_event_lost_to_a_full_disk_is_counted() throws Exception {
        Path dir = root.resolve("audit");
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        ComplianceLogger audit = builder(dir).durability(Durability.ASYNC).queueCapacity(1_000_000)
                .channelOpener(file -> new FaultyChannel(FileChannel.open(file, StandardOpenOption.WRITE),
                        new java.util.concurrent.atomic.AtomicBoolean(), new java.util.concurrent.atomic.AtomicInteger(),
                        budget)).build();
        int submitted = 20_000;
        budget.set(200_000); // about a third of what the events need
        for (int i = 0; i < submitted; i++) {
            audit.orderEvent(ComplianceLogger.OrderStage.PLACED, Actor.of("s"), "o-" + i, "BTCUSDT", "BUY", 1, 100, "x");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audit.failure().isPresent());
        long lost = audit.lost();
        long rejected = audit.rejected();
        audit.close();
        long accepted = submitted - rejected;
        long inJournal = Journals.lines(dir).stream().filter(l -> l.contains("\"ORDER_EVENT\"")).count();
        assertThat(lost).isPositive();
        // Every accepted event is either in the journal or counted as lost.
        assertThat(inJournal + lost).isGreaterThanOrEqualTo(accepted);
    }

    @Test
    void stale_gzip_temporaries_are_removed_at_open_and_their_files_compressed() throws Exception {
        Path dir = root.resolve("audit");
        MutableClock clock = MutableClock.at(java.time.Instant.parse("2026-11-22T10:00:00Z"));
        try (ComplianceLogger audit = builder(dir).clock(clock).build()) {
            audit.userAction("day one", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day two", Actor.of("u"), Map.of());
        }
        Path first = Journals.files(dir).get(0);
        Path tmp = first.resolveSibling(first.getFileName() + ".gz.tmp");
        Files.write(tmp, new byte[] {0x1f, (byte) 0x8b, 0}); // a crash mid-compression
        try (ComplianceLogger audit = builder(dir).clock(clock).gzipClosedFiles(true).build()) {
            assertThat(audit.failure()).isEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(first.resolveSibling(first.getFileName() + ".gz")) && !Files.exists(first));
        }
        assertThat(tmp).doesNotExist();
        assertThat(Files.readAllBytes(first.resolveSibling(first.getFileName() + ".gz"))).hasSizeGreaterThan(20);
        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as(v.summary()).isTrue();
    }

    @Test
    void durable_events_pipelined_from_one_thread_complete_after_their_fsync_in_every_mode() throws Exception {
        for (Durability mode : Durability.values()) {
            Path dir = root.resolve("audit-" + mode);
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            try (ComplianceLogger audit = builder(dir).durability(mode).build()) {
                for (int i = 0; i < 2_000; i++) {
                    CompletionStage<Void> s = audit.recordDurably(AuditEvent.builder("ORDER_NOTE").actor("s")
                            .action("note").detail("i", i).build());
                    stages.add(s.toCompletableFuture());
                }
                CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                // Durable means on disk now: a copy taken before close holds every event.
                long onDisk = 0;
                for (Path p : Journals.files(dir)) {
                    onDisk += Files.readAllLines(p).stream().filter(l -> l.contains("\"ORDER_NOTE\"")).count();
                }
                assertThat(onDisk).as(mode.name()).isEqualTo(2_000);
            }
            assertThat(verifier.verify(dir).ok()).as(mode.name()).isTrue();
        }
    }

    @Test
    void a_durable_event_after_a_failure_completes_exceptionally_and_never_throws_into_the_caller() throws Exception {
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir).durability(Durability.ASYNC).build()) {
            deleteTree(dir);
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> audit.failure().isPresent());
            CompletableFuture<Void> f = audit.recordDurably(AuditEvent.builder("X").actor("s").action("a").build())
                    .toCompletableFuture();
            assertThat(f).isCompletedExceptionally();
            assertThatThrownBy(f::join).hasCauseInstanceOf(AuditJournalException.class);
        }
    }

    @Test
    void the_journal_reports_its_meters_and_a_status_section() throws Exception {
        Path dir = root.resolve("audit");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ComplianceLogger audit = builder(dir).durability(Durability.GROUP_COMMIT).build()) {
            audit.bindTo(registry);
            for (int i = 0; i < 10; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("i", i));
            }
            assertThat(registry.get("tradepulse.audit.events.written").functionCounter().count()).isGreaterThanOrEqualTo(11);
            assertThat(registry.get("tradepulse.audit.bytes").functionCounter().count()).isPositive();
            assertThat(registry.get("tradepulse.audit.fsync").timer().count()).isPositive();
            assertThat(registry.get("tradepulse.audit.queue.depth").gauge().value()).isZero();
            assertThat(registry.get("tradepulse.audit.checkpoint.age").gauge().value()).isGreaterThanOrEqualTo(0);
            assertThat(registry.get("tradepulse.audit.events.rejected").functionCounter().count()).isZero();
            assertThat(audit.statusSection().view(true).toString()).contains("WRITING").contains("events written");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
