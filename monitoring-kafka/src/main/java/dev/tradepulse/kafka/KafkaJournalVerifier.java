package dev.tradepulse.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.api.audit.SignatureVerifier;
import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.Checkpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-verifies every bot's audit chain from the topic a {@link JournalShipper} fills. Per instance
 * (record key {@code app/instance}) it checks that {@code seq} runs on by exactly 1, that each
 * line's {@code prev} is the chain hash of the line before, with an HMAC key each v2 line tag
 * (under the key of the epoch named by the {@code file} header), checkpoint heads and signatures,
 * and recovery records that report tampering; it drops lines received again with a {@code seq}
 * already verified (a shipper's re-send after a crash) and counts them. A line that arrives ahead
 * of its turn (a producer retrying after an outage may land a batch after later ones) waits for
 * the lines before it; a {@code seq} still missing at the end of a {@link #catchUp} is a gap.
 *
 * <p>Incremental: {@link #catchUp(Duration)} consumes from where the last call stopped (or from
 * the stored offsets and chain state, given a {@link Builder#stateStore StateStore}, or from
 * {@link Builder#startOffsets}) up to the end offsets seen when it began, and returns the
 * {@link FleetReport} of everything verified so far. With a state store, the offsets and each
 * chain's head are saved after every call, so a central verifier keeps up across restarts.
 *
 * <p>Not thread-safe (it owns a Kafka consumer): use it from one thread. {@link #close()} is
 * idempotent and never throws.
 */
public final class KafkaJournalVerifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.kafka");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LISTED = 100;
    private static final int STATE_VERSION = 1;
    /** How many lines of one instance may arrive ahead of a missing one before it counts as a gap. */
    private static final int REORDER_WINDOW = 100_000;

    private final String topic;
    private final @Nullable StateStore store;
    private final String stateKey;
    private final Map<String, byte[]> hmacKeys;
    private final byte @Nullable [] defaultHmacKey;
    private final @Nullable SignatureVerifier checkpointVerifier;
    private final Duration staleAfter;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> offsets = new TreeMap<>();
    private final Map<String, Chain> chains = new TreeMap<>();
    private boolean closed;

    private KafkaJournalVerifier(VerifierBuilder b) {
        this.topic = b.topic;
        this.store = b.store;
        this.stateKey = b.stateKey;
        this.hmacKeys = Map.copyOf(b.hmacKeys);
        this.defaultHmacKey = b.defaultHmacKey;
        this.checkpointVerifier = b.checkpointVerifier;
        this.staleAfter = b.staleAfter;
        this.clock = b.clock;
        if (store != null) {
            load(store);
        }
        offsets.putAll(b.startOffsets);
        Map<String, Object> c = new HashMap<>(b.consumerProperties);
        c.put("bootstrap.servers", b.bootstrapServers);
        c.put("enable.auto.commit", false);
        c.putIfAbsent("client.id", "tradepulse-kafka-verifier");
        c.putIfAbsent("max.poll.records", 5000);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** @return a builder */
    public static Builder builder() {
        return new VerifierBuilder();
    }

    /**
     * Consumes everything published up to now (the end offsets when this call begins) and
     * verifies it, then saves offsets and chain heads to the state store if there is one.
     *
     * @param timeout the longest this call consumes; what is left is taken by the next call
     * @return the report of everything verified so far, with {@link FleetReport#caughtUp()} false
     *     if the timeout cut it short
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if closed
     * @throws org.apache.kafka.common.errors.TimeoutException if the topic's partitions cannot be listed in time
     */
    public FleetReport catchUp(Duration timeout) {
        Checks.positive(timeout, "timeout");
        if (closed) {
            throw new IllegalStateException("the verifier is closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        for (TopicPartition tp : partitions) {
            long from = offsets.getOrDefault(tp.partition(), begin.getOrDefault(tp, 0L));
            consumer.seek(tp, Math.max(from, begin.getOrDefault(tp, 0L)));
        }
        boolean caughtUp = false;
        while (System.nanoTime() < deadline) {
            caughtUp = true;
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp, timeout) < end.getOrDefault(tp, 0L)) {
                    caughtUp = false;
                }
            }
            if (caughtUp) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(
                    Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000))))) {
                if (r.offset() < end.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                    verify(r);
                    offsets.put(r.partition(), r.offset() + 1);
                }
            }
        }
        for (Chain c : chains.values()) {
            while (!c.pending.isEmpty()) {
                drain(c, true); // what is still missing at the end of the run is a gap
            }
        }
        for (TopicPartition tp : partitions) {
            long pos = Math.min(consumer.position(tp, timeout), end.getOrDefault(tp, 0L));
            offsets.merge(tp.partition(), pos, Math::max);
        }
        if (store != null) {
            save(store);
        }
        return report(caughtUp);
    }

    /** @return the next offset to read per partition */
    public Map<Integer, Long> offsets() {
        return Map.copyOf(offsets);
    }

    private FleetReport report(boolean caughtUp) {
        Instant now = clock.instant();
        List<InstanceReport> reports = new ArrayList<>();
        for (Chain c : chains.values()) {
            boolean stale = c.checkpoint == null || Duration.between(c.checkpoint, now).compareTo(staleAfter) > 0;
            reports.add(new InstanceReport(c.origin, c.events, c.seq, c.gaps, c.tampering, c.duplicates,
                    Optional.ofNullable(c.checkpoint), stale));
        }
        return new FleetReport(reports, offsets, caughtUp);
    }

    /**
     * Takes a record in partition order. A line that arrives ahead of its turn (a producer's retry
     * after an outage may land a batch behind later ones) waits, up to {@link #REORDER_WINDOW}
     * lines, for the lines before it; only then, or at the end of a run, is the hole a gap.
     */
    private void verify(ConsumerRecord<byte[], byte[]> r) {
        byte[] keyBytes = r.key();
        String origin = keyBytes == null ? "(no key)" : new String(keyBytes, StandardCharsets.UTF_8);
        Chain c = chains.computeIfAbsent(origin, Chain::new);
        byte[] line = r.value() == null ? new byte[0] : r.value();
        long seq = JournalFileReader.seq(line, 0, line.length);
        if (seq > c.seq + 1) {
            c.pending.putIfAbsent(seq, r);
            if (c.pending.size() > REORDER_WINDOW) {
                drain(c, true);
            }
            return;
        }
        check(c, r, line);
        drain(c, false);
    }

    /** Takes waiting lines that are now in turn; with {@code force}, the first waiting one even after a hole. */
    private void drain(Chain c, boolean force) {
        while (!c.pending.isEmpty()) {
            Map.Entry<Long, ConsumerRecord<byte[], byte[]>> first = c.pending.firstEntry();
            if (first.getKey() <= c.seq + 1 || force) {
                c.pending.pollFirstEntry();
                ConsumerRecord<byte[], byte[]> r = first.getValue();
                check(c, r, r.value() == null ? new byte[0] : r.value());
                force = false;
            } else {
                return;
            }
        }
    }

    private void check(Chain c, ConsumerRecord<byte[], byte[]> r, byte[] line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException | RuntimeException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("seq").canConvertToLong() || !node.path("prev").isTextual()) {
            c.tamper(headerLong(r, "seq"), "partition " + r.partition() + " offset " + r.offset()
                    + " is not a journal record");
            return;
        }
        long seq = node.path("seq").asLong();
        long headerSeq = headerLong(r, "seq");
        if (headerSeq != seq) {
            c.tamper(seq, "the record's seq header (" + headerSeq + ") differs from the line's seq");
        }
        if (seq <= c.seq) {
            c.duplicates++;
            return;
        }
        int tag = LineTags.tagStart(line);
        byte[] hash = LineTags.contentHash(line, tag);
        String prev = node.path("prev").asText();
        if (seq > c.seq + 1) {
            c.gap(c.seq + 1, seq - 1);
        } else if (!prev.equals(c.seq == 0 ? LineTags.GENESIS : c.hash)) {
            c.tamper(c.seq == 0 ? seq : c.seq, c.seq == 0 ? "the first line does not start the chain"
                    : "its content does not match the hash recorded by the next line (seq " + seq + ")");
        }
        long epoch = epoch(r);
        byte[] root = hmacKeys.getOrDefault(c.origin, defaultHmacKey);
        if (root != null) {
            if (tag >= 0) {
                if (epoch < 0 || !LineTags.tagValid(c.epochKey(root, epoch), hash, line, tag)) {
                    c.tamper(seq, "fails authentication: its tag was not made with this key for file epoch " + epoch);
                }
                c.tagged = true;
            } else if (c.tagged) {
                c.tamper(seq, "carries no authentication tag, though the lines before it do");
            }
        }
        String type = node.path("type").asText();
        JsonNode details = node.path("details");
        if (type.equals("CHECKPOINT")) {
            checkCheckpoint(c, seq, prev, epoch, details, root);
            try {
                c.checkpoint = Instant.parse(node.path("ts").asText());
            } catch (DateTimeParseException e) {
                c.tamper(seq, "the checkpoint's ts is not a time");
            }
        } else if (type.equals("RECOVERY") && details.path("tampered").asBoolean(false)) {
            c.tamper(seq, "recovery recorded tampering: " + LogText.clean(details.path("reason").asText(), 300));
        }
        c.events++;
        c.seq = seq;
        c.hash = LineTags.hex(hash);
    }

    private void checkCheckpoint(Chain c, long seq, String prev, long epoch, JsonNode details, byte @Nullable [] root) {
        if (details.path("covers_seq").asLong() != seq - 1 || !details.path("head").asText().equals(prev)) {
            c.tamper(seq, "the checkpoint does not cover the line before it");
            return;
        }
        SignatureVerifier verifier = checkpointVerifier != null ? checkpointVerifier
                : root != null ? Checkpoints.hmacVerifier(root) : null;
        if (verifier == null) {
            return;
        }
        boolean valid;
        try {
            byte[] input = details.has("epoch") ? Checkpoints.signatureInput(seq - 1, prev, details.path("epoch").asLong())
                    : Checkpoints.signatureInput(seq - 1, prev);
            valid = details.path("alg").asText().equals(verifier.algorithm())
                    && (!details.has("epoch") || details.path("epoch").asLong() == epoch)
                    && verifier.verify(input, Base64.getDecoder().decode(details.path("sig").asText()));
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            c.tamper(seq, "the checkpoint covering seq " + (seq - 1) + " is not signed by the given key");
        }
    }

    /** The file's epoch: its number, from the {@code file} header. */
    private static long epoch(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader("file");
        if (h == null || h.value() == null) {
            return -1;
        }
        String name = new String(h.value(), StandardCharsets.US_ASCII);
        return JournalFileReader.NAME.matcher(name).matches() ? Long.parseLong(name.substring(6, 12)) : -1;
    }

    private static long headerLong(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        try {
            return h == null || h.value() == null ? -1 : Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void load(StateStore s) {
        StateRecord record = s.read(stateKey);
        if (record.status() == StateRecord.Status.ABSENT) {
            return;
        }
        if (record.status() != StateRecord.Status.OK || record.version() != STATE_VERSION) {
            throw new IllegalStateException("verifier state " + stateKey + " is " + record.status() + " ("
                    + record.problem() + "); remove it to verify the topic again from its start");
        }
        try {
            JsonNode root = JSON.readTree(record.payload());
            root.path("offsets").properties().forEach(e -> offsets.put(Integer.parseInt(e.getKey()),
                    e.getValue().asLong()));
            root.path("instances").properties().forEach(e -> chains.put(e.getKey(), Chain.from(e.getKey(),
                    e.getValue())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("verifier state " + stateKey + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void save(StateStore s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode o = root.putObject("offsets");
        offsets.forEach((p, off) -> o.put(Integer.toString(p), off));
        ObjectNode instances = root.putObject("instances");
        chains.forEach((origin, c) -> c.writeTo(instances.putObject(origin)));
        try {
            s.write(stateKey, STATE_VERSION, JSON.writeValueAsBytes(root));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Kafka verifier could not save its state {}: {}; the next run verifies this part again",
                    stateKey, LogText.describe(e));
        }
    }

    /** Closes the consumer (within 5 s). Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warn("Kafka verifier: closing the consumer failed: {}", LogText.describe(e));
        }
    }

    /** One instance's chain so far. */
    private static final class Chain {
        final String origin;
        long seq;
        String hash = LineTags.GENESIS;
        long events;
        long duplicates;
        boolean tagged;
        @Nullable Instant checkpoint;
        final List<InstanceReport.Gap> gaps = new ArrayList<>();
        final TreeMap<Long, ConsumerRecord<byte[], byte[]>> pending = new TreeMap<>();
        final List<InstanceReport.Tampering> tampering = new ArrayList<>();
        private long keyEpoch = -1;
        private byte @Nullable [] key;

        Chain(String origin) {
            this.origin = origin;
        }

        void gap(long from, long to) {
            if (gaps.size() < MAX_LISTED) {
                gaps.add(new InstanceReport.Gap(from, to));
            }
        }

        void tamper(long at, String problem) {
            if (tampering.size() < MAX_LISTED) {
                tampering.add(new InstanceReport.Tampering(at, problem));
            }
        }

        byte[] epochKey(byte[] root, long epoch) {
            byte[] k = key;
            if (k == null || keyEpoch != epoch) {
                k = keyEpoch >= 0 && epoch > keyEpoch && k != null
                        ? LineTags.epochKey(k, epoch - keyEpoch) : LineTags.epochKey(root, epoch);
                if (key != null) {
                    Arrays.fill(key, (byte) 0);
                }
                key = k;
                keyEpoch = epoch;
            }
            return k;
        }

        void writeTo(ObjectNode n) {
            n.put("seq", seq).put("hash", hash).put("events", events).put("duplicates", duplicates)
                    .put("tagged", tagged);
            if (checkpoint != null) {
                n.put("checkpoint", checkpoint.toString());
            }
            ArrayNode g = n.putArray("gaps");
            gaps.forEach(x -> g.addArray().add(x.fromSeq()).add(x.toSeq()));
            ArrayNode t = n.putArray("tampering");
            tampering.forEach(x -> t.addArray().add(x.seq()).add(x.problem()));
        }

        static Chain from(String origin, JsonNode n) {
            Chain c = new Chain(origin);
            c.seq = n.path("seq").asLong();
            c.hash = n.path("hash").asText(LineTags.GENESIS);
            c.events = n.path("events").asLong();
            c.duplicates = n.path("duplicates").asLong();
            c.tagged = n.path("tagged").asBoolean();
            if (n.hasNonNull("checkpoint")) {
                c.checkpoint = Instant.parse(n.path("checkpoint").asText());
            }
            n.path("gaps").forEach(x -> c.gaps.add(new InstanceReport.Gap(x.path(0).asLong(), x.path(1).asLong())));
            n.path("tampering").forEach(x -> c.tampering.add(new InstanceReport.Tampering(x.path(0).asLong(),
                    x.path(1).asText())));
            return c;
        }
    }

    /** Collects a verifier's settings; {@link #build()} returns it live (its consumer created). Not thread-safe. */
    public interface Builder {

        /**
         * The brokers (required).
         *
         * @param servers {@code host:port,...}
         * @return this builder
         * @throws NullPointerException if {@code servers} is null
         * @throws IllegalArgumentException if blank
         */
        Builder bootstrapServers(String servers);

        /**
         * The topic; {@link JournalShipperConfig#DEFAULT_TOPIC} by default.
         *
         * @param topic the topic
         * @return this builder
         * @throws NullPointerException if {@code topic} is null
         * @throws IllegalArgumentException if blank
         */
        Builder topic(String topic);

        /**
         * One extra consumer property (security settings).
         *
         * @param name the Kafka property name
         * @param value its value
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder consumerProperty(String name, Object value);

        /**
         * The HMAC root key of every instance without a key of its own: line tags and checkpoint
         * signatures are checked with it.
         *
         * @param key at least 32 bytes (copied)
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalArgumentException if shorter than 32 bytes
         */
        Builder hmacKey(byte[] key);

        /**
         * The HMAC root key of one instance.
         *
         * @param origin {@code app/instance}
         * @param key at least 32 bytes (copied)
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the key is shorter than 32 bytes
         */
        Builder hmacKey(String origin, byte[] key);

        /**
         * Checks checkpoint signatures with this verifier (an Ed25519 public key:
         * {@code Checkpoints.ed25519Verifier}); line tags need the HMAC key.
         *
         * @param verifier the verifier
         * @return this builder
         * @throws NullPointerException if {@code verifier} is null
         */
        Builder checkpointVerifier(SignatureVerifier verifier);

        /**
         * An instance whose newest checkpoint is older than this is reported stale; 1 hour by default.
         *
         * @param age positive
         * @return this builder
         * @throws NullPointerException if {@code age} is null
         * @throws IllegalArgumentException if not positive
         */
        Builder staleAfter(Duration age);

        /**
         * The clock staleness is measured with; UTC system clock by default.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * Keeps offsets and chain heads in this store (the caller's; not closed by the verifier),
         * so that each run goes on from the last.
         *
         * @param store the store
         * @param key the record's key (see {@link StateStore#read})
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        Builder stateStore(StateStore store, String key);

        /**
         * Where to start per partition, overriding the stored offsets; the beginning by default.
         *
         * @param offsets partition to the first offset to read
         * @return this builder
         * @throws NullPointerException if {@code offsets} is null
         */
        Builder startOffsets(Map<Integer, Long> offsets);

        /**
         * Loads the stored state and creates the consumer.
         *
         * @return the live verifier
         * @throws NullPointerException if the bootstrap servers are not set
         * @throws IllegalStateException if the stored state is damaged
         */
        KafkaJournalVerifier build();
    }

    private static final class VerifierBuilder implements Builder {
        private @Nullable String bootstrapServers;
        private String topic = JournalShipperConfig.DEFAULT_TOPIC;
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private final Map<String, byte[]> hmacKeys = new HashMap<>();
        private byte @Nullable [] defaultHmacKey;
        private @Nullable SignatureVerifier checkpointVerifier;
        private Duration staleAfter = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private @Nullable StateStore store;
        private String stateKey = "kafka-verifier";
        private final Map<Integer, Long> startOffsets = new HashMap<>();

        @Override
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Checks.notBlank(servers, "servers");
            return this;
        }

        @Override
        public Builder topic(String topic) {
            this.topic = Checks.notBlank(topic, "topic");
            return this;
        }

        @Override
        public Builder consumerProperty(String name, Object value) {
            consumerProperties.put(Checks.notBlank(name, "name"), Checks.notNull(value, "value"));
            return this;
        }

        @Override
        public Builder hmacKey(byte[] key) {
            this.defaultHmacKey = checkKey(key);
            return this;
        }

        @Override
        public Builder hmacKey(String origin, byte[] key) {
            hmacKeys.put(Checks.notBlank(origin, "origin"), checkKey(key));
            return this;
        }

        private static byte[] checkKey(byte[] key) {
            Checks.notNull(key, "key");
            if (key.length < 32) {
                throw new IllegalArgumentException("key must be at least 32 bytes, was " + key.length);
            }
            return key.clone();
        }

        @Override
        public Builder checkpointVerifier(SignatureVerifier verifier) {
            this.checkpointVerifier = Checks.notNull(verifier, "verifier");
            return this;
        }

        @Override
        public Builder staleAfter(Duration age) {
            this.staleAfter = Checks.positive(age, "age");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        @Override
        public Builder stateStore(StateStore store, String key) {
            this.store = Checks.notNull(store, "store");
            this.stateKey = Checks.notBlank(key, "key");
            return this;
        }

        @Override
        public Builder startOffsets(Map<Integer, Long> offsets) {
            startOffsets.putAll(Checks.notNull(offsets, "offsets"));
            return this;
        }

        @Override
        public KafkaJournalVerifier build() {
            Checks.notNull(bootstrapServers, "servers");
            return new KafkaJournalVerifier(this);
        }
    }
}
