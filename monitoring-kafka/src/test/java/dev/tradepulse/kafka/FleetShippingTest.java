package dev.tradepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet on three brokers: two bots ship at once from child JVMs while one shipper is
 * SIGKILLed and restarted, a broker restarts, and the topic loses its minimum in-sync replicas and
 * gets them back; the central verifier then finds every line of both bots exactly once. Runs in the
 * {@code fleet} profile ({@code ./mvnw -Pfleet -pl monitoring-kafka -am verify}), not by default.
 */
@Tag("fleet")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FleetShippingTest {

    private static final String TOPIC = "fleet-audit";
    private static final int PARTITIONS = 3;
    /** Short, so that the outage shows as failed batches within seconds (each is sent again). */
    private static final long DELIVERY_TIMEOUT_MS = 4_000;
    private static final Duration PHASE = Duration.ofSeconds(60);

    private static InProcessKafka kafka;

    @TempDir
    Path tmp;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        kafka = InProcessKafka.startCluster(3);
        kafka.createReplicatedTopic(TOPIC, PARTITIONS, 3, 2);
        kafka.createReplicatedTopic(TOPIC + "-tamper", PARTITIONS, 3, 2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
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

    /** A real ComplianceLogger, ASYNC (the bots' default), rotating and gzipping often so shipping crosses files. */
    private ComplianceLogger bot(Path dir, String instance) {
        return track(Journals.logger(dir, instance).durability(Durability.ASYNC).rotateAtBytes(128 << 10)
                .gzipClosedFiles(true).build());
    }

    private ShipperProcess shipperChild(Path journal, Path state, String name) throws Exception {
        return track(ShipperProcess.start(journal, state, kafka.bootstrap(), TOPIC, 200, DELIVERY_TIMEOUT_MS,
                tmp.resolve(name + ".log")));
    }

    private final long started = System.nanoTime();

    /** Marks a phase in the test's output, with the time since the test began (CI's time budget). */
    private void phase(String what) {
        System.out.printf(Locale.ROOT, "fleet test +%.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static void writeBoth(ComplianceLogger a, ComplianceLogger b, int from, int count) {
        for (int i = from; i < from + count; i += 100) {
            int n = Math.min(100, from + count - i);
            Journals.write(a, i, n);
            Journals.write(b, i, n);
        }
        a.flush();
        b.flush();
    }

    private static long head(Path journal) throws Exception {
        return JournalFileReader.headSeq(journal);
    }

    /** Records per key, read to the topic's end. */
    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> byOrigin(String topic) {
        return kafka.readAll(topic).stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8), HashMap::new, Collectors.toList()));
    }

    private static boolean fullyReplicated() throws Exception {
        return kafka.isr(TOPIC).values().stream().allMatch(isr -> isr.size() == 3);
    }

    @Test
    void two_bots_ship_through_a_shipper_kill_a_broker_restart_and_an_outage_and_verify_with_no_gap_or_duplicate()
            throws Exception {
        Path journalA = tmp.resolve("a/audit");
        Path journalB = tmp.resolve("b/audit");
        ComplianceLogger a = bot(journalA, "bot-eu-1");
        ComplianceLogger b = bot(journalB, "bot-ap-1");
        ShipperProcess shipperA = shipperChild(journalA, tmp.resolve("a/state"), "shipper-a-1");
        ShipperProcess shipperB = shipperChild(journalB, tmp.resolve("b/state"), "shipper-b");

        phase("two bots and two shipper JVMs started");
        // 1. Both bots write while both shippers ship; A's shipper is SIGKILLed mid-way and restarted.
        writeBoth(a, b, 0, 6_000);
        await().atMost(PHASE).until(() -> shipperA.status().acked() >= 500);
        shipperA.kill();
        long shippedAtKill = byOrigin(TOPIC).getOrDefault("bot/bot-eu-1", List.of()).size();
        assertThat(shippedAtKill).as("killed while shipping: some lines in Kafka, some not yet")
                .isPositive().isLessThan(head(journalA));
        ShipperProcess shipperA2 = shipperChild(journalA, tmp.resolve("a/state"), "shipper-a-2");
        await().atMost(PHASE).until(() -> shipperA2.status().acked() >= shippedAtKill);
        assertThat(shipperB.alive()).isTrue();

        phase("A's shipper SIGKILLed with " + shippedAtKill + " of " + head(journalA) + " lines in Kafka, restarted");
        // 2. One broker, the leader of A's partition, is shut down and started again; shipping goes on
        //    meanwhile, since two in-sync replicas still meet min.insync.replicas.
        int partitionA = byOrigin(TOPIC).get("bot/bot-eu-1").get(0).partition();
        assertThat(byOrigin(TOPIC).get("bot/bot-ap-1").get(0).partition()).as("the two bots' keys hash apart")
                .isNotEqualTo(partitionA);
        int restarted = kafka.leaders(TOPIC).get(partitionA);
        assertThat(restarted).isNotNegative();
        kafka.stopBroker(restarted);
        phase("broker " + restarted + " (leader of A's partition) stopped");
        writeBoth(a, b, 6_000, 2_000);
        long headA = head(journalA);
        long headB = head(journalB);
        await().atMost(PHASE).until(() -> shipperA2.status().acked() >= headA && shipperB.status().acked() >= headB);
        assertThat(kafka.isr(TOPIC).values()).allSatisfy(isr -> assertThat(isr).doesNotContain(restarted));
        kafka.startBrokers(List.of(restarted));
        await().atMost(PHASE).until(FleetShippingTest::fullyReplicated);
        phase("broker " + restarted + " started again, every partition has 3 in-sync replicas");

        // 3. Two of three brokers down: the in-sync replicas fall below min.insync.replicas, so Kafka
        //    takes no line (acks=all); the shippers fail, keep their position and retry.
        List<Integer> down = kafka.brokerIds().stream().filter(id -> id != restarted).toList();
        long failuresA = shipperA2.status().failures();
        long failuresB = shipperB.status().failures();
        down.forEach(kafka::stopBroker);
        phase("brokers " + down + " stopped: below min.insync.replicas");
        writeBoth(a, b, 8_000, 1_000);
        await().atMost(PHASE).until(() -> shipperA2.status().failures() > failuresA
                && shipperB.status().failures() > failuresB);
        assertThat(kafka.isr(TOPIC).values()).allSatisfy(isr -> assertThat(isr).hasSizeLessThan(2));
        assertThat(shipperA2.status().acked()).isLessThan(head(journalA));
        assertThat(shipperB.status().acked()).isLessThan(head(journalB));
        assertThat(shipperA2.status().health()).isEqualTo("DEGRADED");
        assertThat(shipperB.status().health()).isEqualTo("DEGRADED");

        // 4. The brokers come back: the shippers catch up by themselves.
        phase("outage seen by both shippers (failures, DEGRADED, lag)");
        kafka.startBrokers(down);
        phase("brokers " + down + " started again");
        writeBoth(a, b, 9_000, 1_000);
        a.close();
        b.close();
        long lastA = head(journalA);
        long lastB = head(journalB);
        await().atMost(PHASE).until(() -> shipperA2.status().acked() == lastA && shipperB.status().acked() == lastB);
        await().atMost(PHASE).until(() -> shipperA2.status().health().equals("HEALTHY")
                && shipperB.status().health().equals("HEALTHY"));
        shipperA2.kill();
        shipperB.kill();
        phase("both shippers caught up: " + lastA + " and " + lastB + " lines");

        // 5. The central verifier: every line of both bots once, in one chain each, nothing missing.
        FleetReport report;
        try (KafkaJournalVerifier verifier = KafkaJournalVerifier.builder().bootstrapServers(kafka.bootstrap())
                .topic(TOPIC).hmacKey(Journals.KEY).build()) {
            report = verifier.catchUp(Duration.ofSeconds(60));
        }
        phase("verified: " + report);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> records = byOrigin(TOPIC);
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.instances()).extracting(InstanceReport::origin).containsExactly("bot/bot-ap-1", "bot/bot-eu-1");
        for (var e : Map.of("bot/bot-eu-1", lastA, "bot/bot-ap-1", lastB).entrySet()) {
            InstanceReport r = report.instance(e.getKey()).orElseThrow();
            long last = e.getValue();
            assertThat(r.gaps()).as(e.getKey()).isEmpty();
            assertThat(r.tampering()).as(e.getKey()).isEmpty();
            assertThat(r.events()).as(e.getKey()).isEqualTo(last);
            assertThat(r.lastVerifiedSeq()).as(e.getKey()).isEqualTo(last);
            List<ConsumerRecord<byte[], byte[]>> mine = records.get(e.getKey());
            Set<Long> seqs = new TreeSet<>();
            mine.forEach(rec -> seqs.add(Long.parseLong(
                    new String(rec.headers().lastHeader("seq").value(), StandardCharsets.US_ASCII))));
            assertThat(seqs).as(e.getKey()).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            // every copy beyond the first of a seq was dropped, none kept in the chain
            assertThat(r.duplicatesDropped()).as(e.getKey()).isEqualTo(mine.size() - last);
            assertThat(mine.stream().map(ConsumerRecord::partition).distinct()).as(e.getKey()).hasSize(1);
        }
    }

    @Test
    void a_line_tampered_before_shipping_is_reported_for_that_bot_only_on_three_brokers() throws Exception {
        Path good = tmp.resolve("good");
        Path bad = tmp.resolve("bad");
        try (ComplianceLogger g = Journals.logger(good, "good").build();
                ComplianceLogger x = Journals.logger(bad, "bad").build()) {
            Journals.write(g, 0, 40);
            Journals.write(x, 0, 40);
        }
        Path file = JournalFileReader.list(bad).get(0).path();
        String text = Files.readString(file);
        String forged = text.replace("\"action\":\"order 11\"", "\"action\":\"order 12\"");
        assertThat(forged).isNotEqualTo(text);
        Files.writeString(file, forged);
        String topic = TOPIC + "-tamper";
        JournalShipper s1 = track(JournalShipper.builder().journalDirectory(good)
                .stateStore(track(StateStore.directory(tmp.resolve("s1"), Clock.systemUTC())))
                .config(JournalShipperConfig.custom().bootstrapServers(kafka.bootstrap()).topic(topic)
                        .pollInterval(Duration.ofMillis(20)).build()).build());
        JournalShipper s2 = track(JournalShipper.builder().journalDirectory(bad)
                .stateStore(track(StateStore.directory(tmp.resolve("s2"), Clock.systemUTC())))
                .config(JournalShipperConfig.custom().bootstrapServers(kafka.bootstrap()).topic(topic)
                        .pollInterval(Duration.ofMillis(20)).build()).build());
        await().atMost(PHASE).until(() -> s1.acknowledgedSeq() == head(good) && s2.acknowledgedSeq() == head(bad));

        FleetReport report;
        try (KafkaJournalVerifier verifier = KafkaJournalVerifier.builder().bootstrapServers(kafka.bootstrap())
                .topic(topic).hmacKey(Journals.KEY).build()) {
            report = verifier.catchUp(Duration.ofSeconds(30));
        }
        InstanceReport clean = report.instance("bot/good").orElseThrow();
        assertThat(clean.clean()).as(clean.toString()).isTrue();
        assertThat(clean.events()).isEqualTo(head(good));
        InstanceReport r = report.instance("bot/bad").orElseThrow();
        assertThat(r.tampering()).isNotEmpty();
        assertThat(r.tampering()).allSatisfy(t -> assertThat(t.seq()).isEqualTo(r.tampering().get(0).seq()));
        assertThat(r.tampering().stream().map(InstanceReport.Tampering::problem))
                .anyMatch(p -> p.contains("fails authentication"))
                .anyMatch(p -> p.contains("does not match the hash"));
        assertThat(r.gaps()).isEmpty();
        assertThat(r.events()).isEqualTo(head(bad));
    }
}
