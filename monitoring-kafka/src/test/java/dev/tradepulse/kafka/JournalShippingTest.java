package dev.tradepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.kafka.cli.VerifyKafka;
import dev.tradepulse.test.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Shipping real journals to one in-process KRaft broker, and verifying them from the topic. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JournalShippingTest {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static InProcessKafka kafka;

    @TempDir
    Path tmp;
    private String topic;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = InProcessKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void newTopic() throws Exception {
        topic = "audit-" + TOPICS.incrementAndGet();
        kafka.createTopic(topic, 3);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    private JournalShipperConfig.Builder config() {
        return JournalShipperConfig.custom().bootstrapServers(kafka.bootstrap()).topic(topic)
                .pollInterval(Duration.ofMillis(20)).batchLines(100);
    }

    private JournalShipper shipper(Path journal, StateStore store, JournalShipperConfig config, Clock clock) {
        return track(JournalShipper.builder().journalDirectory(journal).stateStore(store).config(config).clock(clock)
                .build());
    }

    private StateStore store(String name) throws Exception {
        return track(StateStore.directory(tmp.resolve(name), Clock.systemUTC()));
    }

    private FleetReport verify() {
        try (KafkaJournalVerifier verifier = KafkaJournalVerifier.builder().bootstrapServers(kafka.bootstrap())
                .topic(topic).hmacKey(Journals.KEY).build()) {
            return verifier.catchUp(Duration.ofSeconds(30));
        }
    }

    private static long lastSeq(Path journal) throws Exception {
        return JournalFileReader.headSeq(journal);
    }

    @Test
    @Order(1)
    void every_line_of_the_live_rotated_and_gzipped_files_is_shipped_and_verifies() throws Exception {
        Path journal = tmp.resolve("journal");
        try (ComplianceLogger logger = Journals.logger(journal, "a").rotateAtBytes(8192).gzipClosedFiles(true).build()) {
            Journals.write(logger, 0, 300);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.list(journal)
                .anyMatch(p -> p.toString().endsWith(".jsonl.gz")));
        long last = lastSeq(journal);
        JournalShipper shipper = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == last);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertThat(records).hasSize((int) last);
        assertThat(records).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("bot/a"));
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        ConsumerRecord<byte[], byte[]> first = records.get(0);
        assertThat(new String(first.headers().lastHeader("seq").value(), StandardCharsets.US_ASCII)).isEqualTo("1");
        assertThat(new String(first.headers().lastHeader("file").value(), StandardCharsets.US_ASCII))
                .matches("audit-000001-\\d{8}\\.jsonl");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).startsWith("{\"seq\":1,");
        assertThat(shipper.lag()).isZero();

        FleetReport report = verify();
        InstanceReport a = report.instance("bot/a").orElseThrow();
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(a.events()).isEqualTo(last);
        assertThat(a.lastVerifiedSeq()).isEqualTo(last);
        assertThat(a.duplicatesDropped()).isZero();
    }

    @Test
    @Order(2)
    void a_live_journal_is_followed_and_only_whole_lines_are_shipped() throws Exception {
        Path journal = tmp.resolve("journal");
        ComplianceLogger logger = track(Journals.logger(journal, "live").build());
        JournalShipper shipper = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        Journals.write(logger, 0, 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        // a torn line (no newline yet) is not shipped
        Path live = JournalFileReader.list(journal).get(0).path();
        long before = kafka.count(topic);
        logger.close();
        Files.writeString(live, "{\"seq\":999,\"prev\":\"", StandardOpenOption.APPEND);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        assertThat(kafka.count(topic)).isGreaterThanOrEqualTo(before).isEqualTo(lastSeq(journal));
    }

    @Test
    @Order(3)
    void a_restarted_shipper_resumes_where_it_stopped_without_loss_or_duplicates() throws Exception {
        Path journal = tmp.resolve("journal");
        StateStore store = store("state");
        try (ComplianceLogger logger = Journals.logger(journal, "r").rotateAtBytes(8192).build()) {
            Journals.write(logger, 0, 120);
            try (JournalShipper first = JournalShipper.builder().journalDirectory(journal).stateStore(store)
                    .config(config().build()).build()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.acknowledgedSeq() == lastSeq(journal));
            }
            Journals.write(logger, 120, 120);
        }
        long last = lastSeq(journal);
        JournalShipper second = shipper(journal, store, config().build(), Clock.systemUTC());
        assertThat(second.acknowledgedSeq()).isPositive().isLessThan(last);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.acknowledgedSeq() == last);

        assertThat(kafka.count(topic)).isEqualTo(last);
        InstanceReport r = verify().instance("bot/r").orElseThrow();
        assertThat(r.clean()).as(r.toString()).isTrue();
        assertThat(r.events()).isEqualTo(last);
        assertThat(r.duplicatesDropped()).isZero();
    }

    @Test
    @Order(4)
    void a_shipper_killed_at_random_points_loses_nothing_and_resends_are_dropped_as_duplicates() throws Exception {
        Path journal = tmp.resolve("journal");
        try (ComplianceLogger logger = Journals.logger(journal, "k").rotateAtBytes(8192).build()) {
            Journals.write(logger, 0, 400);
        }
        long last = lastSeq(journal);
        Path state = tmp.resolve("state");
        Random random = new Random(42);
        for (int trial = 0; trial < 3; trial++) {
            long target = Math.min(last - 1, kafka.count(topic) + 1 + random.nextInt(120));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ShipperChild.class.getName(), journal.toString(),
                    state.toString(), kafka.bootstrap(), topic)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + trial + ".log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> kafka.count(topic) >= target);
            } finally {
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        JournalShipper finisher = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> finisher.acknowledgedSeq() == last);

        Set<String> seqs = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic)) {
            seqs.add(new String(r.headers().lastHeader("seq").value(), StandardCharsets.US_ASCII));
        }
        assertThat(seqs).hasSize((int) last);
        InstanceReport r = verify().instance("bot/k").orElseThrow();
        assertThat(r.clean()).as(r.toString()).isTrue();
        assertThat(r.events()).isEqualTo(last);
        assertThat(r.duplicatesDropped()).isEqualTo(kafka.count(topic) - last);
    }

    @Test
    @Order(5)
    void a_line_tampered_before_shipping_is_reported_for_its_instance_only() throws Exception {
        Path good = tmp.resolve("good");
        Path bad = tmp.resolve("bad");
        try (ComplianceLogger a = Journals.logger(good, "good").build();
                ComplianceLogger b = Journals.logger(bad, "bad").build()) {
            Journals.write(a, 0, 30);
            Journals.write(b, 0, 30);
        }
        Path file = JournalFileReader.list(bad).get(0).path();
        String text = Files.readString(file);
        String forged = text.replace("\"action\":\"order 7\"", "\"action\":\"order 8\"");
        assertThat(forged).isNotEqualTo(text);
        Files.writeString(file, forged);
        JournalShipper s1 = shipper(good, store("s1"), config().build(), Clock.systemUTC());
        JournalShipper s2 = shipper(bad, store("s2"), config().build(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> s1.acknowledgedSeq() == lastSeq(good)
                && s2.acknowledgedSeq() == lastSeq(bad));

        FleetReport report = verify();
        assertThat(report.instance("bot/good").orElseThrow().clean()).isTrue();
        InstanceReport r = report.instance("bot/bad").orElseThrow();
        assertThat(r.tampering()).isNotEmpty();
        assertThat(r.tampering()).allSatisfy(t -> assertThat(t.seq()).isEqualTo(r.tampering().get(0).seq()));
        assertThat(r.tampering().stream().map(InstanceReport.Tampering::problem))
                .anyMatch(p -> p.contains("fails authentication"))
                .anyMatch(p -> p.contains("does not match the hash"));
        assertThat(r.gaps()).isEmpty();
    }

    @Test
    @Order(6)
    void a_forged_record_published_to_the_topic_is_reported() throws Exception {
        Path journal = tmp.resolve("journal");
        try (ComplianceLogger logger = Journals.logger(journal, "f").build()) {
            Journals.write(logger, 0, 10);
        }
        JournalShipper shipper = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        long next = lastSeq(journal) + 1;
        String line = "{\"seq\":" + next + ",\"prev\":\"" + "a".repeat(64) + "\",\"ts\":\"2026-12-01T00:00:00.000000Z\","
                + "\"type\":\"USER_ACTION\",\"level\":\"INFO\",\"actor\":\"x\",\"action\":\"forged\",\"app\":\"bot\","
                + "\"instance\":\"f\",\"details\":{}}";
        kafka.publish(topic, "bot/f".getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8),
                Map.of("seq", Long.toString(next).getBytes(StandardCharsets.US_ASCII),
                        "file", "audit-000001-20261201.jsonl".getBytes(StandardCharsets.US_ASCII)));
        InstanceReport r = verify().instance("bot/f").orElseThrow();
        assertThat(r.tampering()).extracting(InstanceReport.Tampering::problem)
                .anyMatch(p -> p.contains("does not match the hash"))
                .anyMatch(p -> p.contains("carries no authentication tag"));
    }

    @Test
    @Order(7)
    void the_verifier_goes_on_from_its_stored_offsets_and_reports_stale_instances() throws Exception {
        Path journal = tmp.resolve("journal");
        ComplianceLogger logger = track(Journals.logger(journal, "inc").build());
        JournalShipper shipper = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        Journals.write(logger, 0, 60); // a checkpoint every 50 events
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        StateStore verifierState = store("verifier");
        MutableClock clock = MutableClock.at(Instant.now());
        FleetReport firstRun;
        try (KafkaJournalVerifier v = KafkaJournalVerifier.builder().bootstrapServers(kafka.bootstrap()).topic(topic)
                .hmacKey(Journals.KEY).stateStore(verifierState, "v").staleAfter(Duration.ofMinutes(10)).clock(clock)
                .build()) {
            firstRun = v.catchUp(Duration.ofSeconds(30));
        }
        Journals.write(logger, 20, 20);
        logger.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        clock.advance(Duration.ofMinutes(11));
        try (KafkaJournalVerifier v = KafkaJournalVerifier.builder().bootstrapServers(kafka.bootstrap()).topic(topic)
                .hmacKey(Journals.KEY).stateStore(verifierState, "v").staleAfter(Duration.ofMinutes(10)).clock(clock)
                .build()) {
            FleetReport second = v.catchUp(Duration.ofSeconds(30));
            InstanceReport r = second.instance("bot/inc").orElseThrow();
            assertThat(r.gaps()).isEmpty();
            assertThat(r.tampering()).isEmpty();
            assertThat(r.duplicatesDropped()).isZero();
            assertThat(r.lastVerifiedSeq()).isEqualTo(lastSeq(journal));
            assertThat(r.events()).isEqualTo(lastSeq(journal));
            assertThat(firstRun.instance("bot/inc").orElseThrow().stale()).isFalse();
            assertThat(r.stale()).isTrue();
            assertThat(second.offsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(kafka.count(topic));
        }
    }

    @Test
    @Order(8)
    void retention_does_not_delete_a_file_until_it_is_shipped() throws Exception {
        Path journal = tmp.resolve("journal");
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
        ShippedFiles shipped = ShippedFiles.create();
        try (ComplianceLogger logger = Journals.logger(journal, "ret").clock(clock).retention(Duration.ofDays(1))
                .gzipClosedFiles(false).retentionGuard(shipped).build()) {
            for (int day = 0; day < 4; day++) {
                Journals.write(logger, day * 5, 5);
                clock.advance(Duration.ofDays(1));
            }
        }
        Path first = JournalFileReader.list(journal).get(0).path();
        assertThat(first.getFileName().toString()).startsWith("audit-000001-");
        assertThat(shipped.isShipped(first)).isFalse();
        assertThat(JournalFileReader.list(journal)).hasSize(4);

        JournalShipper shipper = track(JournalShipper.builder().journalDirectory(journal).stateStore(store("state"))
                .shippedFiles(shipped).config(config().build()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        assertThat(shipped.isShipped(first)).isTrue();
        try (ComplianceLogger logger = Journals.logger(journal, "ret").clock(clock).retention(Duration.ofDays(1))
                .gzipClosedFiles(false).retentionGuard(shipped).build()) {
            Journals.write(logger, 100, 1);
        }
        assertThat(JournalFileReader.list(journal)).noneMatch(e -> e.index() == 1);
    }

    @Test
    @Order(9)
    void a_broker_outage_shows_in_health_and_lag_and_the_shipper_catches_up_after_it() throws Exception {
        Path journal = tmp.resolve("journal");
        MutableClock clock = MutableClock.at(Instant.now());
        ComplianceLogger logger = track(Journals.logger(journal, "out").build());
        JournalShipper shipper = shipper(journal, store("state"), config().deliveryTimeout(Duration.ofSeconds(2))
                .healthThresholds(Duration.ofSeconds(10), Duration.ofMinutes(1)).build(), clock);
        Journals.write(logger, 0, 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        assertThat(shipper.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);

        kafka.stopBroker();
        try {
            long acked = shipper.acknowledgedSeq();
            Journals.write(logger, 20, 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> shipper.failures() > 0);
            clock.advance(Duration.ofSeconds(11));
            HealthResult degraded = shipper.healthCheck().check();
            assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
            clock.advance(Duration.ofMinutes(1));
            assertThat(shipper.healthCheck().check().status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(shipper.acknowledgedSeq()).isEqualTo(acked);
            assertThat(shipper.lag()).isEqualTo(lastSeq(journal) - acked).isGreaterThanOrEqualTo(30);
        } finally {
            kafka.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        assertThat(shipper.lag()).isZero();
        assertThat(shipper.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
        logger.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        InstanceReport r = verify().instance("bot/out").orElseThrow();
        assertThat(r.gaps()).isEmpty();
        assertThat(r.tampering()).isEmpty();
        assertThat(r.events()).isEqualTo(lastSeq(journal));
    }

    @Test
    void the_verify_kafka_command_prints_each_instance_and_exits_0_when_clean_and_1_when_not() throws Exception {
        Path journal = tmp.resolve("journal");
        try (ComplianceLogger logger = Journals.logger(journal, "cli").build()) {
            Journals.write(logger, 0, 10);
        }
        JournalShipper shipper = shipper(journal, store("state"), config().build(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.acknowledgedSeq() == lastSeq(journal));
        Path key = Files.write(tmp.resolve("key"), Journals.KEY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyKafka.run(new String[] {"--bootstrap", kafka.bootstrap(), "--topic", topic,
            "--hmac-key-file", key.toString(), "--state-dir", tmp.resolve("v").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK   bot/cli events=" + lastSeq(journal));
        assertThat(status).isZero();

        Path wrong = Files.write(tmp.resolve("wrong"), "a wrong key, thirty-two bytes at least!".getBytes(StandardCharsets.UTF_8));
        out.reset();
        int bad = VerifyKafka.run(new String[] {"--bootstrap", kafka.bootstrap(), "--topic", topic,
            "--hmac-key-file", wrong.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL bot/cli").contains("fails authentication");
        assertThat(bad).isEqualTo(1);
        assertThat(VerifyKafka.run(new String[] {"--topic"}, System.out, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    void close_is_bounded_idempotent_and_leaves_no_thread() throws Exception {
        Path journal = Files.createDirectories(tmp.resolve("journal"));
        JournalShipper shipper = JournalShipper.builder().journalDirectory(journal).stateStore(store("state"))
                .config(config().closeTimeout(Duration.ofSeconds(2)).build()).build();
        long start = System.nanoTime();
        shipper.close();
        shipper.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tradepulse-kafka-shipper")
                && t.isAlive());
        assertThat(shipper.healthCheck().check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

}
