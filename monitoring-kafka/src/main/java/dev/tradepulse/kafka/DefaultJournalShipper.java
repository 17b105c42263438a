package dev.tradepulse.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shipper behind {@link JournalShipper#builder()}. Thread-safe (see {@link JournalShipper}). */
final class DefaultJournalShipper implements JournalShipper {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.kafka");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 4 << 20;
    /** Larger than the largest line the journal writes (16 MiB encoded event plus its envelope). */
    private static final int MAX_LINE_CHUNK = 20 << 20;
    private static final int STATE_VERSION = 1;
    static final int DEFAULT_MAX_REQUEST_BYTES = 20 << 20;
    /**
     * The producer's {@code batch.size}: a shipper sends one bot's lines to one partition, so with
     * Kafka's 16 KiB default a batch of 10,000 lines went out as ~150 requests, five in flight at a
     * time, each waiting for {@code acks=all}; 1 MiB sends it in a few (docs/benchmarks.md, issue 18).
     */
    static final int DEFAULT_BATCH_BYTES = 1 << 20;

    private final JournalShipperConfig config;
    private final Path dir;
    private final StateStore store;
    private final ShippedFiles shipped;
    private final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final LogThrottle logThrottle = new LogThrottle(Duration.ofSeconds(30));
    private final AtomicLong shippedLines = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile long ackedSeq;
    private volatile @Nullable Instant batchSince;
    private volatile @Nullable Instant failingSince;
    private volatile String lastError = "";
    /** Shipper thread only: the saved position (the file and byte offset after the last acknowledged line). */
    private int index;
    private long offset;
    /** Shipper thread only: the highest seq sent, and the file and byte offset of the next line to send. */
    private long sentSeq;
    private int sendIndex;
    private long sendOffset;
    /** The batches sent ahead and not yet all acknowledged. */
    private final AckWindow window;
    private byte @Nullable [] key;
    /** Shipper thread only: after a failure, send one batch at a time until Kafka acknowledges one. */
    private boolean probing;

    private DefaultJournalShipper(JournalShipperConfig config, Path dir, StateStore store, ShippedFiles shipped,
            Clock clock) {
        this.config = config;
        this.dir = dir;
        this.store = store;
        this.shipped = shipped;
        this.clock = clock;
        this.window = new AckWindow(config.maxBatchesInFlight(), config.maxBytesInFlight());
        loadPosition();
        rewindToSaved();
        this.producer = new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            this.thread = Threads.daemonThread("kafka-shipper", this::run);
            thread.start();
        } catch (RuntimeException | Error e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    static Map<String, Object> producerConfig(JournalShipperConfig config) {
        Map<String, Object> p = new HashMap<>();
        long delivery = config.deliveryTimeout().toMillis();
        p.put("request.timeout.ms", (int) Math.min(30_000, delivery / 2));
        p.put("linger.ms", 5);
        p.put("batch.size", DEFAULT_BATCH_BYTES);
        p.put("max.block.ms", delivery);
        p.put("max.request.size", DEFAULT_MAX_REQUEST_BYTES);
        p.put("compression.type", "lz4");
        p.put("client.id", "tradepulse-journal-shipper");
        p.putAll(config.producerProperties());
        p.put("bootstrap.servers", config.bootstrapServers());
        p.put("enable.idempotence", true);
        p.put("acks", "all");
        p.put("delivery.timeout.ms", (int) delivery);
        p.put("max.in.flight.requests.per.connection", 5);
        return p;
    }

    private void loadPosition() {
        StateRecord record = store.read(config.stateKey());
        if (record.status() == StateRecord.Status.OK && record.version() == STATE_VERSION) {
            String[] parts = new String(record.payload(), StandardCharsets.US_ASCII).trim().split(" ");
            try {
                ackedSeq = Long.parseLong(parts[0]);
                index = Integer.parseInt(parts[1]);
                offset = Long.parseLong(parts[2]);
                shipped.markShippedBelow(index);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Kafka shipper position in {} is malformed; shipping {} again from its first file "
                        + "(the verifier drops the duplicates)", config.stateKey(), dir);
            }
        } else if (record.status() != StateRecord.Status.ABSENT) {
            LOG.warn("Kafka shipper position {} is {} ({}); shipping {} again from its first file (the verifier "
                    + "drops the duplicates)", config.stateKey(), record.status(), LogText.clean(record.problem()), dir);
        }
        ackedSeq = 0;
        index = 0;
        offset = 0;
    }

    private void savePosition(AckWindow.Position p) throws IOException {
        store.write(config.stateKey(), STATE_VERSION,
                (p.seq() + " " + p.index() + " " + p.offset()).getBytes(StandardCharsets.US_ASCII));
        ackedSeq = p.seq();
        index = p.index();
        offset = p.offset();
        shipped.markShippedBelow(p.index());
    }

    /** Sends again from the saved position: what was in flight is forgotten (the verifier drops repeats). */
    private void rewindToSaved() {
        window.clear();
        sentSeq = ackedSeq;
        sendIndex = index;
        sendOffset = offset;
        batchSince = null;
    }

    /**
     * Saves the end of the batches Kafka acknowledged in order, then throws the first failure Kafka reported
     * for a batch in flight (the caller rewinds to the saved position). It does not wait for the batches
     * after the failed one: while the brokers are away the producer may hold them past its delivery
     * timeout, and the failure must show at once.
     */
    private boolean saveAcknowledged() throws Exception {
        AckWindow.Taken taken = window.takeAcknowledged();
        if (taken != null) {
            savePosition(taken.end());
            shippedLines.addAndGet(taken.records());
            failingSince = null;
            probing = false;
        }
        batchSince = window.oldestSentAt();
        Exception failure = window.failure();
        if (failure != null) {
            throw failure;
        }
        return taken != null;
    }

    private void run() {
        while (running) {
            boolean progressed;
            try {
                progressed = shipOnce();
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
                if (!running) {
                    break;
                }
                failures.incrementAndGet();
                rewindToSaved();
                probing = true; // one batch at a time until Kafka takes one again
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                lastError = LogText.describe(t);
                if (logThrottle.tryAcquire(System.nanoTime())) {
                    LOG.warn("Kafka shipper for {} could not ship (will retry): {}", dir, lastError);
                }
                progressed = false;
            }
            if (!progressed) {
                pause();
            }
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (running) {
                wake.await(config.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Saves what Kafka acknowledged, then sends the next batch unless the window is full; false if there was
     * nothing to send and nothing to wait for.
     */
    private boolean shipOnce() throws Exception {
        boolean saved = saveAcknowledged();
        if (window.full() || (probing && !window.isEmpty())) {
            window.await(config.pollInterval().toNanos());
            return true;
        }
        if (readAndSend()) {
            return true;
        }
        if (window.isEmpty()) {
            return saved;
        }
        window.await(config.pollInterval().toNanos()); // caught up: wait for the acknowledgements
        return true;
    }

    /** Reads and sends the next batch; false if the journal holds nothing more to send. */
    private boolean readAndSend() throws Exception {
        int index = sendIndex;
        long offset = sendOffset;
        List<JournalFileReader.Entry> entries = JournalFileReader.list(dir);
        JournalFileReader.Entry entry = null;
        boolean last = true;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() >= index) {
                entry = entries.get(i);
                last = i == entries.size() - 1;
                break;
            }
        }
        if (entry == null) {
            return false;
        }
        if (entry.index() != index) {
            if (index > 0) {
                LOG.warn("Kafka shipper: journal file {} of {} is gone before it was shipped; going on with {}",
                        index, dir, entry.plainName());
            }
            index = entry.index();
            offset = 0;
            sendIndex = index;
            sendOffset = 0;
        }
        byte[] bytes = JournalFileReader.read(entry, offset, CHUNK);
        if (bytes == null) {
            return true; // it was just gzipped: list again
        }
        if (bytes == JournalFileReader.SHRUNK) {
            LOG.warn("Kafka shipper: {} is shorter than the position shipped; reading it again from its start",
                    entry.plainName());
            sendOffset = 0;
            return true;
        }
        int lastNewline = lastIndexOf(bytes, bytes.length);
        if (lastNewline < 0 && bytes.length == CHUNK) {
            bytes = JournalFileReader.read(entry, offset, MAX_LINE_CHUNK);
            if (bytes == null || bytes == JournalFileReader.SHRUNK) {
                return true;
            }
            lastNewline = lastIndexOf(bytes, bytes.length);
        }
        if (lastNewline < 0) {
            if (bytes.length == 0 && !last) {
                // the closed file is shipped whole once everything sent before is acknowledged
                window.open(new AckWindow.Position(sentSeq, index + 1, 0), 0, 0, clock.instant());
                sendIndex = index + 1;
                sendOffset = 0;
                return true;
            }
            return false;
        }
        sendBatch(entry, bytes, lastNewline, index, offset);
        return true;
    }

    private void sendBatch(JournalFileReader.Entry entry, byte[] bytes, int lastNewline, int index, long offset) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        byte[] fileHeader = entry.plainName().getBytes(StandardCharsets.US_ASCII);
        long seq = sentSeq;
        int start = 0;
        int lines = 0;
        while (start <= lastNewline && lines < config.batchLines()) {
            int end = start;
            while (bytes[end] != '\n') {
                end++;
            }
            long lineSeq = JournalFileReader.seq(bytes, start, end);
            if (lineSeq < 0 || lineSeq > seq) {
                byte[] value = Arrays.copyOfRange(bytes, start, end);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topic(), null, keyFor(value), value);
                record.headers().add(new RecordHeader("seq",
                        Long.toString(lineSeq).getBytes(StandardCharsets.US_ASCII)));
                record.headers().add(new RecordHeader("file", fileHeader));
                records.add(record);
                lines++;
                seq = Math.max(seq, lineSeq);
            }
            start = end + 1;
        }
        // opened before the first send: a callback may run on the producer's thread before send returns
        AckWindow.Batch batch = window.open(new AckWindow.Position(seq, index, offset + start), lines, start,
                clock.instant());
        sentSeq = seq;
        sendIndex = index;
        sendOffset = offset + start;
        if (batchSince == null) {
            batchSince = clock.instant();
        }
        for (ProducerRecord<byte[], byte[]> record : records) {
            producer.send(record, (metadata, error) -> batch.acknowledge(error));
        }
    }

    private byte[] keyFor(byte[] line) {
        byte[] k = key;
        if (k == null) {
            String origin = "unknown/unknown";
            try {
                JsonNode node = JSON.readTree(line);
                origin = node.path("app").asText("unknown") + "/" + node.path("instance").asText("unknown");
            } catch (IOException | RuntimeException e) {
                // a damaged first line: the next one names the origin
                return origin.getBytes(StandardCharsets.UTF_8);
            }
            k = origin.getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }

    private static int lastIndexOf(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public JournalShipperConfig config() {
        return config;
    }

    @Override
    public long acknowledgedSeq() {
        return ackedSeq;
    }

    @Override
    public long lag() {
        try {
            return Math.max(0, JournalFileReader.headSeq(dir) - ackedSeq);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public long shippedLines() {
        return shippedLines.get();
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public HealthCheck healthCheck() {
        return this::health;
    }

    private HealthResult health() {
        if (closed) {
            return HealthResult.unhealthy("the journal shipper is closed");
        }
        Instant now = clock.instant();
        Instant failing = failingSince;
        Instant waiting = batchSince;
        HealthResult.Builder result;
        if (failing != null) {
            Duration d = Duration.between(failing, now);
            result = HealthResult.builder(d.compareTo(config.unhealthyAfter()) >= 0 ? HealthStatus.UNHEALTHY
                    : HealthStatus.DEGRADED).message("Kafka has not taken the audit journal's lines for "
                            + d.toSeconds() + " s: " + lastError);
        } else if (waiting != null && Duration.between(waiting, now).compareTo(config.degradedAfter()) >= 0) {
            result = HealthResult.builder(HealthStatus.DEGRADED).message("waiting "
                    + Duration.between(waiting, now).toSeconds() + " s for Kafka to acknowledge audit lines");
        } else {
            result = HealthResult.builder(HealthStatus.HEALTHY).message("shipping the audit journal to "
                    + config.topic());
        }
        return result.detail("acknowledged_seq", ackedSeq).detail("lag", lag()).build();
    }

    @Override
    public ShippedFiles shippedFiles() {
        return shipped;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        Gauge.builder("tradepulse.kafka.shipper.lag", this, DefaultJournalShipper::lag)
                .description("audit lines the journal holds that Kafka has not acknowledged").register(registry);
        Gauge.builder("tradepulse.kafka.shipper.acknowledged.seq", this, s -> s.ackedSeq)
                .description("seq of the last audit line Kafka acknowledged").register(registry);
        FunctionCounter.builder("tradepulse.kafka.shipper.lines", shippedLines, AtomicLong::get)
                .description("audit lines acknowledged by Kafka").register(registry);
        FunctionCounter.builder("tradepulse.kafka.shipper.failures", failures, AtomicLong::get)
                .description("batches Kafka did not take (each is sent again)").register(registry);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        window.wakeUp();
        try {
            thread.join(Math.max(1, config.closeTimeout().toMillis() / 2));
            if (thread.isAlive()) {
                thread.interrupt(); // waiting for Kafka: the batch is sent again by the next shipper
            }
            producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Kafka shipper: closing the producer failed: {}", LogText.describe(e));
        }
        if (thread.isAlive()) {
            LOG.warn("Kafka shipper thread for {} did not stop within {}", dir, config.closeTimeout());
        }
    }

    @Override
    public String toString() {
        return "JournalShipper[" + dir + " -> " + config.topic() + ", acknowledged seq " + ackedSeq + "]";
    }

    /** The builder behind {@link JournalShipper#builder()}. Not thread-safe. */
    static final class ShipperBuilder implements JournalShipper.Builder {
        private JournalShipperConfig config = JournalShipperConfig.ofDefaults();
        private @Nullable Path directory;
        private @Nullable StateStore store;
        private @Nullable ShippedFiles shipped;
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder config(JournalShipperConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        @Override
        public Builder journalDirectory(Path directory) {
            this.directory = Checks.notNull(directory, "directory");
            return this;
        }

        @Override
        public Builder stateStore(StateStore store) {
            this.store = Checks.notNull(store, "store");
            return this;
        }

        @Override
        public Builder shippedFiles(ShippedFiles files) {
            this.shipped = Checks.notNull(files, "files");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        @Override
        public JournalShipper build() {
            Path dir = Checks.notNull(directory, "directory");
            StateStore s = Checks.notNull(store, "store");
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("directory " + dir + " is not a directory");
            }
            return new DefaultJournalShipper(config, dir, s, shipped == null ? ShippedFiles.create() : shipped, clock);
        }
    }
}
