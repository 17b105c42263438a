package dev.tradepulse.benchmarks;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.kafka.JournalShipper;
import dev.tradepulse.kafka.JournalShipperConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Issue 18's shipping figures against an in-process KRaft cluster (one controller, three brokers,
 * the topic replicated 3 times with {@code min.insync.replicas=2}, as docs/fleet.md sets it up),
 * all in this JVM. Modes, one per run:
 * <ul>
 *   <li>{@code throughput EVENTS SECONDS}: (1) backlog: the journal's own ASYNC write rate for
 *       {@code EVENTS} events, then how fast a shipper (default settings) ships that backlog;
 *       (2) live: the shipper runs while the journal is written as fast as it takes events for
 *       {@code SECONDS}: the write rate, and the shipping rate until Kafka acknowledged the last line;</li>
 *   <li>{@code lag RATE SECONDS}: events at a steady {@code RATE}/s; for each, the time from
 *       {@code userAction} returning to a consumer reading its line from the topic (after 100,000
 *       warm-up events, shipped before the steady run; its first second not counted).</li>
 * </ul>
 */
public final class KafkaShippingHarness {

    private static final byte[] KEY = "benchmark-key-benchmark-key-benchmark-key".getBytes();
    private static final Actor STRATEGY = Actor.of("strategy-7");
    private static final Pattern NAME = Pattern.compile("audit-\\d{6}-\\d{8}\\.jsonl(\\.gz)?");

    private KafkaShippingHarness() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        long a = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("kafka-bench");
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("message.max.bytes", Integer.toString(20 << 20))
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            switch (mode) {
                case "throughput" -> throughput(kit, dir, (int) a, seconds);
                case "lag" -> lag(kit, dir, (int) a, seconds);
                default -> throw new IllegalArgumentException("mode: throughput EVENTS SECONDS | lag RATE SECONDS");
            }
        } finally {
            kit.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void createTopic(KafkaClusterTestKit kit, String topic) throws Exception {
        try (Admin admin = kit.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3).configs(Map.of("min.insync.replicas", "2",
                    "retention.ms", "-1", "unclean.leader.election.enable", "false",
                    "max.message.bytes", Integer.toString(20 << 20))))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static ComplianceLogger journal(Path dir, String instance) {
        return ComplianceLogger.builder().directory(dir).app("bench").instance(instance).shutdownHook(false)
                .durability(Durability.ASYNC).signer(Checkpoints.hmacSigner(KEY)).build();
    }

    private static JournalShipper shipper(KafkaClusterTestKit kit, Path journal, Path state, String topic,
            Duration pollInterval) throws IOException {
        StateStore store = StateStore.directory(Files.createDirectories(state), Clock.systemUTC());
        JournalShipperConfig.Builder config = JournalShipperConfig.custom().bootstrapServers(kit.bootstrapServers())
                .topic(topic).pollInterval(pollInterval);
        // -Dshipper.inFlight=1: each batch waits for the one before (the behaviour before issue 18's pipeline)
        String inFlight = System.getProperty("shipper.inFlight");
        if (inFlight != null) {
            config.inFlight(Integer.parseInt(inFlight), JournalShipperConfig.DEFAULT_MAX_BYTES_IN_FLIGHT);
        }
        // -Dproducer.batch.size=16384 and the like: producer settings to compare against the defaults
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("producer."))
                .forEach(n -> config.producerProperty(n.substring("producer.".length()), System.getProperty(n)));
        JournalShipperConfig built = config.build();
        System.out.println("shipper: " + built);
        return JournalShipper.builder().journalDirectory(journal).stateStore(store).config(built).build();
    }

    private static void order(ComplianceLogger audit, long i) {
        audit.orderEvent(ComplianceLogger.OrderStage.PLACED, STRATEGY, "o-" + i, "BTCUSDT", "BUY", 0.5, 64210.5,
                "binance");
    }

    /** Waits (polling, 1 ms) until the shipper acknowledged {@code seq}; returns nanoTime then. */
    private static long awaitAcked(JournalShipper shipper, long seq, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (shipper.acknowledgedSeq() < seq) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("shipped only " + shipper.acknowledgedSeq() + " of " + seq);
            }
            LockSupport.parkNanos(1_000_000);
        }
        return System.nanoTime();
    }

    private static void throughput(KafkaClusterTestKit kit, Path dir, int events, int seconds) throws Exception {
        createTopic(kit, "backlog");
        createTopic(kit, "live");
        // (1) backlog
        Path backlog = Files.createDirectories(dir.resolve("backlog"));
        long start = System.nanoTime();
        long head;
        try (ComplianceLogger audit = journal(backlog, "backlog")) {
            for (int i = 0; i < events; i++) {
                order(audit, i);
            }
            audit.flush();
        }
        head = headSeq(backlog);
        double writeRate = events / ((System.nanoTime() - start) / 1e9);
        long shipStart = System.nanoTime();
        try (JournalShipper shipper = shipper(kit, backlog, dir.resolve("backlog-state"), "backlog",
                JournalShipperConfig.DEFAULT_POLL_INTERVAL)) {
            long end = awaitAcked(shipper, head, Duration.ofMinutes(10));
            double shipRate = head / ((end - shipStart) / 1e9);
            System.out.printf(Locale.ROOT, "backlog: journal ASYNC write %,.0f events/s (%,d events until flushed); "
                    + "shipped %,d lines to 3 brokers at %,.0f lines/s; ship/write %.2f%n", writeRate, events, head,
                    shipRate, shipRate / writeRate);
        }
        // (2) live: shipping while the journal is written flat out
        Path live = Files.createDirectories(dir.resolve("live"));
        try (ComplianceLogger audit = journal(live, "live");
                JournalShipper shipper = shipper(kit, live, dir.resolve("live-state"), "live",
                        JournalShipperConfig.DEFAULT_POLL_INTERVAL)) {
            long liveStart = System.nanoTime();
            long stop = liveStart + TimeUnit.SECONDS.toNanos(seconds);
            long n = 0;
            while (System.nanoTime() < stop) {
                for (int k = 0; k < 1000; k++) {
                    order(audit, n++);
                }
            }
            audit.flush();
            long written = System.nanoTime();
            long liveHead = headSeq(live);
            long ackedAtEnd = shipper.acknowledgedSeq();
            long end = awaitAcked(shipper, liveHead, Duration.ofMinutes(10));
            double liveWrite = n / ((written - liveStart) / 1e9);
            double liveShip = liveHead / ((end - liveStart) / 1e9);
            System.out.printf(Locale.ROOT, "live, %d s: journal ASYNC write %,.0f events/s (%,d events); shipper "
                    + "acknowledged %,d of %,d lines when writing stopped, the rest %.2f s later; shipped %,.0f lines/s "
                    + "over the whole run; ship/write %.2f%n", seconds, liveWrite, n, ackedAtEnd, liveHead,
                    (end - written) / 1e9, liveShip, liveShip / liveWrite);
        }
    }

    private static void lag(KafkaClusterTestKit kit, Path dir, int rate, int seconds) throws Exception {
        createTopic(kit, "lag");
        int total = rate * seconds;
        int warmUp = rate; // the first second of the steady run is not counted either
        AtomicLongArray returned = new AtomicLongArray(total);
        long[] lags = new long[total];
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Path journalDir = Files.createDirectories(dir.resolve("lag"));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kit.bootstrapServers(), "fetch.max.wait.ms", 100), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                ComplianceLogger audit = journal(journalDir, "lag");
                JournalShipper shipper = shipper(kit, journalDir, dir.resolve("lag-state"), "lag",
                        JournalShipperConfig.DEFAULT_POLL_INTERVAL)) {
            List<TopicPartition> parts = consumer.partitionsFor("lag").stream()
                    .map((PartitionInfo p) -> new TopicPartition("lag", p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        int idx = index(r.value());
                        if (idx >= 0) {
                            lags[idx] = now - returned.get(idx);
                            received.incrementAndGet();
                        }
                    }
                }
            }, "lag-reader");
            // warm-up, not measured: JIT, connections, the producer's metadata; shipped before the steady run
            for (int w = 0; w < 100_000; w++) {
                audit.userAction("warm-up", STRATEGY, Map.of("w", w));
            }
            audit.flush();
            awaitAcked(shipper, headSeq(journalDir), Duration.ofMinutes(5));
            reader.start();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait;
                // park, never spin: on 2 shared cores a spinning writer would take the shipper's CPU.
                // A late wake-up sends the overdue events at once; each is timed from its own return.
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                audit.userAction("order", STRATEGY, Map.of("i", i));
                returned.set(i, System.nanoTime());
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            long ackedAtEnd = shipper.acknowledgedSeq();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.get() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            stop.set(true);
            reader.join();
            if (received.get() < total) {
                throw new IllegalStateException("read back only " + received.get() + " of " + total);
            }
            long[] measured = Arrays.copyOfRange(lags, warmUp, total);
            Arrays.sort(measured);
            System.out.printf(Locale.ROOT, "lag at %,d events/s (achieved %,.0f/s), %d s after 100,000 warm-up events, %,d events measured "
                    + "after the first second: record returned -> consumer read it from the topic: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "p99.9 %.1f ms, max %.1f ms (shipper pollInterval %d ms; seq %d acknowledged when writing stopped)%n", rate, achieved, seconds,
                    measured.length, ms(measured, 0.50), ms(measured, 0.90), ms(measured, 0.99), ms(measured, 0.999),
                    measured[measured.length - 1] / 1e6, JournalShipperConfig.DEFAULT_POLL_INTERVAL.toMillis(), ackedAtEnd);
        }
    }

    /** The seq of the last complete line of the journal's newest file (the published format: each line starts {"seq":N,). */
    static long headSeq(Path dir) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparing(p -> p.getFileName().toString().substring(6, 12))).orElseThrow();
        }
        byte[] bytes;
        if (newest.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(newest))) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = Files.readAllBytes(newest);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        int start = text.lastIndexOf('\n', end - 1) + 1;
        String line = text.substring(start, end);
        return Long.parseLong(line.substring("{\"seq\":".length(), line.indexOf(',')));
    }

    private static final byte[] DETAIL = "\"details\":{\"i\":".getBytes(StandardCharsets.US_ASCII);

    /** The harness's event number from a line's {@code "details":{"i":N}}, or -1 (a checkpoint). */
    private static int index(byte[] line) {
        outer:
        for (int at = line.length - DETAIL.length; at >= 0; at--) {
            for (int k = 0; k < DETAIL.length; k++) {
                if (line[at + k] != DETAIL[k]) {
                    continue outer;
                }
            }
            int v = 0;
            for (int j = at + DETAIL.length; j < line.length && line[j] >= '0' && line[j] <= '9'; j++) {
                v = v * 10 + (line[j] - '0');
            }
            return v;
        }
        return -1;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }
}
