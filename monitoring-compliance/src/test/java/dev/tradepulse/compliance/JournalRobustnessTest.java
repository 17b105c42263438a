package dev.tradepulse.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.cli.AuditCli;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.test.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRobustnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JournalVerifier VERIFIER = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T23:59:59.900Z"));

    private ComplianceLogger.Builder builder() {
        return ComplianceLogger.builder().directory(dir).clock(clock).instance("t")
                .signer(Checkpoints.hmacSigner(Journals.KEY));
    }

    @Test
    void hostile_input_stays_valid_json_lines_and_verifies() throws Exception {
        Map<String, Object> details = new HashMap<>();
        details.put("note", "line one\r\nINFO forged | User: admin");
        details.put("blob", "x".repeat(1_000_000));
        details.put("lone", "a\uD800b\uDC00c");
        details.put("lookup", "${jndi:ldap://x}");
        details.put("nan", Double.NaN);
        details.put("inf", Double.POSITIVE_INFINITY);
        details.put("nothing", null);
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("act\u0000ion", Actor.of("user\r\n_12345"), details);
        }
        List<String> lines = Journals.lines(dir);
        JsonNode event = JSON.readTree(lines.get(1));
        assertThat(lines).allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
        assertThat(event.get("actor").asText()).isEqualTo("user\r\n_12345");
        assertThat(lines.get(1)).contains("user\\r\\n_12345").doesNotContain("\r");
        assertThat(event.get("details").get("blob").asText()).hasSize(8192);
        assertThat(event.get("truncated").toString()).contains("details.blob");
        assertThat(event.get("details").get("lone").asText()).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(event.get("details").get("lookup").asText()).isEqualTo("${jndi:ldap://x}");
        assertThat(event.get("details").get("nan").asText()).isEqualTo("NaN");
        assertThat(event.get("details").get("inf").asText()).isEqualTo("Infinity");
        assertThat(event.get("details").get("nothing").isNull()).isTrue();
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
    }

    @Test
    void files_roll_at_utc_midnight_and_the_chain_runs_across_them() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("before", Actor.of("u"), Map.of());
            clock.advance(Duration.ofMillis(200));
            audit.userAction("after", Actor.of("u"), Map.of());
        }
        List<Path> files = Journals.files(dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-000001-20261122.jsonl", "audit-000002-20261123.jsonl");
        assertThat(Files.readAllLines(files.get(0)).get(2)).contains("\"reason\":\"rotate\"");
        assertThat(VERIFIER.verify(dir).summary()).startsWith("OK: 5 events in 2 files, 2 checkpoints");
    }

    @Test
    void gzipped_closed_files_stay_verifiable() throws Exception {
        try (ComplianceLogger audit = builder().gzipClosedFiles(true).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 60; i++) {
                audit.userAction("a" + i, Actor.of("u"), Map.of("i", i));
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                Journals.files(dir).stream().filter(p -> p.toString().endsWith(".gz")).count()
                        == Journals.files(dir).size() - 1);
        assertThat(VERIFIER.verify(dir).ok()).as(VERIFIER.verify(dir).summary()).isTrue();
    }

    @Test
    void expired_files_are_deleted_after_a_retention_record_and_the_journal_still_verifies() throws Exception {
        try (ComplianceLogger audit = builder().retention(Duration.ofDays(1)).retention("ORDER_EVENT", Duration.ofDays(30))
                .build()) {
            audit.userAction("day1", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.orderEvent(ComplianceLogger.OrderStage.PLACED, Actor.of("s"), "o1", "BTC", "BUY", 1, 1, "x");
            clock.advance(Duration.ofDays(1));
            audit.userAction("day3", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day4", Actor.of("u"), Map.of());
        }
        List<String> names = Journals.files(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).doesNotContain("audit-000001-20261122.jsonl").contains("audit-000002-20261123.jsonl");
        assertThat(Journals.lines(dir)).anyMatch(l -> l.contains("\"type\":\"RETENTION\"")
                && l.contains("audit-000001-20261122.jsonl"));
        assertThat(VERIFIER.verify(dir).ok()).as(VERIFIER.verify(dir).summary()).isTrue();
    }

    @Test
    void retention_keeps_a_file_its_guard_refuses_and_every_file_after_it() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (ComplianceLogger audit = builder().retention(Duration.ofDays(1)).retentionGuard(file -> {
            asked.add(file.getFileName().toString());
            return false; // nothing shipped yet
        }).build()) {
            audit.userAction("day1", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day2", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day3", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day4", Actor.of("u"), Map.of());
        }
        List<String> names = Journals.files(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(asked).anyMatch(name -> name.startsWith("audit-000001-20261122.jsonl"));
        assertThat(names).contains("audit-000001-20261122.jsonl", "audit-000002-20261123.jsonl");
        assertThat(Journals.lines(dir)).noneMatch(l -> l.contains("\"type\":\"RETENTION\""));
        assertThat(VERIFIER.verify(dir).ok()).as(VERIFIER.verify(dir).summary()).isTrue();
    }

    @Test
    void a_retention_guard_that_throws_keeps_the_file() throws Exception {
        try (ComplianceLogger audit = builder().retention(Duration.ofDays(1)).retentionGuard(file -> {
            throw new IllegalStateException("guard down");
        }).build()) {
            audit.userAction("day1", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(2));
            audit.userAction("day3", Actor.of("u"), Map.of());
            clock.advance(Duration.ofDays(1));
            audit.userAction("day4", Actor.of("u"), Map.of());
        }
        assertThat(Journals.files(dir).stream().map(p -> p.getFileName().toString()))
                .contains("audit-000001-20261122.jsonl");
        assertThat(VERIFIER.verify(dir).ok()).as(VERIFIER.verify(dir).summary()).isTrue();
    }

    @Test
    void a_torn_tail_is_quarantined_and_replaced_by_a_recovery_event() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("a", Actor.of("u"), Map.of());
        }
        Path file = Journals.files(dir).get(0);
        Files.writeString(file, "{\"seq\":99,\"prev\":\"abc\",\"ts\":\"2026-11-2", StandardOpenOption.APPEND);

        try (ComplianceLogger audit = builder().build()) {
            audit.userAction("b", Actor.of("u"), Map.of());
        }
        try (Stream<Path> s = Files.list(dir)) {
            Path quarantine = s.filter(p -> p.getFileName().toString().contains(".quarantine-")).findFirst().orElseThrow();
            assertThat(Files.readString(quarantine)).isEqualTo("{\"seq\":99,\"prev\":\"abc\",\"ts\":\"2026-11-2");
        }
        List<String> lines = Journals.lines(dir);
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"RECOVERY\"") && l.contains("last line cut short"));
        assertThat(lines).anyMatch(l -> l.contains("\"previous_closed_cleanly\":true"));
        assertThat(VERIFIER.verify(dir).ok()).as(VERIFIER.verify(dir).summary()).isTrue();
    }

    @Test
    void an_fsync_failure_closes_the_journal_and_every_later_durable_call_says_so() {
        AtomicBoolean failing = new AtomicBoolean();
        ComplianceLogger audit = builder().durability(Durability.GROUP_COMMIT)
                .channelOpener(f -> new FaultyChannel(FileChannel.open(f, StandardOpenOption.WRITE), failing)).build();
        audit.userAction("ok", Actor.of("u"), Map.of());
        failing.set(true);

        assertThatThrownBy(() -> audit.userAction("lost?", Actor.of("u"), Map.of()))
                .isInstanceOf(AuditJournalException.class).hasMessageContaining("EIO: injected fsync failure");
        assertThatThrownBy(() -> audit.userAction("later", Actor.of("u"), Map.of()))
                .isInstanceOf(AuditJournalException.class).hasMessageContaining("closed");
        assertThat(audit.failure()).get().asString().contains("EIO");
        audit.close();
    }

    @Test
    void in_async_mode_the_file_is_synced_in_the_background_as_megabytes_accumulate() throws Exception {
        java.util.concurrent.atomic.AtomicInteger forces = new java.util.concurrent.atomic.AtomicInteger();
        try (ComplianceLogger audit = builder().durability(Durability.ASYNC).channelOpener(f -> new FaultyChannel(
                FileChannel.open(f, StandardOpenOption.WRITE), new AtomicBoolean(), forces)).build()) {
            int opened = forces.get();
            String note = "x".repeat(500);
            for (int i = 0; i < 10_000; i++) { // about 6 MB: several background syncs, no flush, no checkpoint
                audit.userAction("bulk", Actor.of("u"), Map.of("i", i, "note", note));
            }

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> forces.get() - opened >= 3);
            assertThat(audit.failure()).isEmpty();
        }
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
    }

    @Test
    void in_async_mode_a_failed_journal_counts_rejected_calls_instead_of_throwing() {
        AtomicBoolean failing = new AtomicBoolean();
        ComplianceLogger audit = builder().durability(Durability.ASYNC)
                .channelOpener(f -> new FaultyChannel(FileChannel.open(f, StandardOpenOption.WRITE), failing)).build();
        failing.set(true);
        audit.userAction("x", Actor.of("u"), Map.of());
        assertThatThrownBy(audit::flush).isInstanceOf(AuditJournalException.class);

        audit.userAction("y", Actor.of("u"), Map.of());
        audit.userAction("z", Actor.of("u"), Map.of());

        assertThat(audit.rejected()).isEqualTo(2);
        audit.close();
    }

    @Test
    void eight_threads_of_100k_async_events_give_strictly_increasing_seq_whole_lines_and_the_exact_count()
            throws Exception {
        int threads = 8;
        int perThread = 100_000;
        try (ComplianceLogger audit = builder().durability(Durability.ASYNC).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        audit.record(AuditEvent.builder("TICK").actor("t" + id).detail("i", i).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        long ticks = 0;
        long lastSeq = 0;
        Set<String> seen = new HashSet<>();
        for (Path p : Journals.files(dir)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                JsonNode node = JSON.readTree(line);
                long seq = node.get("seq").asLong();
                assertThat(seq).isEqualTo(lastSeq + 1);
                lastSeq = seq;
                if (node.get("type").asText().equals("TICK")) {
                    ticks++;
                    seen.add(node.get("actor").asText() + ":" + node.get("details").get("i").asText());
                }
            }
        }
        assertThat(ticks).isEqualTo((long) threads * perThread);
        assertThat(seen).hasSize(threads * perThread);
        assertThat(VERIFIER.verify(dir).ok()).isTrue();
    }

    @Test
    void the_cli_verifies_and_exports_csv_for_auditors() throws Exception {
        try (ComplianceLogger audit = builder().build()) {
            audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("s1"), "o-1", "BTCUSDT", "BUY", 1, 100, "x");
            audit.userAction("=cmd|' /C calc'!A0", Actor.of("mallory"), Map.of());
            audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("s2"), "o-2", "ETHUSDT", "SELL", 2, 50, "x");
        }
        Path keyFile = dir.resolveSibling(dir.getFileName() + ".key");
        Files.writeString(keyFile, java.util.HexFormat.of().formatHex(Journals.KEY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int ok = AuditCli.run(new String[] {"verify", dir.toString(), "--hmac-key-file", keyFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(ok).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 5 events in 1 files, 1 checkpoints, signatures verified");

        Path csv = dir.resolveSibling("orders.csv");
        AuditCli.run(new String[] {"export", dir.toString(), "--type", "ORDER_EVENT", "--actor", "s1", "--format", "csv",
            "--out", csv.toString()}, new PrintStream(out), new PrintStream(err));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo("seq,ts,type,level,actor,action,app,instance,correlation_id,details");
        assertThat(rows.get(1)).startsWith("2,").contains(",ORDER_EVENT,INFO,s1,filled,").contains("\"\"order_id\"\":\"\"o-1\"\"");

        Path all = dir.resolveSibling("all.csv");
        AuditCli.run(new String[] {"export", dir.toString(), "--format", "csv", "--out", all.toString()},
                new PrintStream(out), new PrintStream(err));
        assertThat(Files.readString(all)).contains(",'=cmd|' /C calc'!A0,");

        Files.writeString(Journals.files(dir).get(0), "tampered\n", StandardOpenOption.APPEND);
        ByteArrayOutputStream failed = new ByteArrayOutputStream();
        int bad = AuditCli.run(new String[] {"verify", dir.toString()}, new PrintStream(failed, true, StandardCharsets.UTF_8),
                new PrintStream(err));
        assertThat(bad).isEqualTo(1);
        assertThat(failed.toString(StandardCharsets.UTF_8)).startsWith("FAILED: MODIFIED_LINE at audit-000001-");
    }
}
