package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: numbers each event, splices in {@code seq}, {@code prev} and {@code ts},
 * hashes the line for the next one, writes in batches, syncs as the durability mode requires,
 * checkpoints, rotates and applies retention. Any I/O failure closes the journal for good.
 */
final class JournalWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int WRITE_CHUNK = 64 * 1024;

    /** Everything the writer needs, fixed at build time. */
    record Config(Path dir, Durability durability, Clock clock, Checkpoints.Signer signer, int checkpointEvents,
            Duration checkpointInterval, long rotateBytes, Retention retention, boolean gzip, ChannelOpener opener,
            EventEncoder encoder) {
    }

    private final Config config;
    private final EventQueue queue;
    private final MessageDigest sha = JournalFiles.sha256();
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
    private final Timestamps timestamps = new Timestamps();
    /** Held to swap the channel (rotation, close) and by the syncer around each fsync. */
    private final java.util.concurrent.locks.ReentrantLock channelLock = new java.util.concurrent.locks.ReentrantLock();
    private Syncer syncer;
    private byte[] line = new byte[4096];
    private final byte[] digest = new byte[32];

    private FileChannel channel;
    private Path file;
    private int index;
    private LocalDate day;
    private long size;
    private long seq;
    private byte[] prev;
    private long lastMicros;
    private long sinceCheckpoint;
    private long writtenTicket;
    private long lastCheckpointNanos;

    JournalWriter(Config config, EventQueue queue) {
        this.config = config;
        this.queue = queue;
    }

    /** Opens the journal, recovering a torn tail, and writes the opening records; on the caller's thread. */
    void open() throws IOException {
        Recovery.State state = Recovery.open(config.dir(), config.opener(),
                LocalDate.ofEpochDay(Math.floorDiv(nowMicros(), MICROS_PER_DAY)));
        this.index = state.index();
        this.day = state.day();
        this.file = state.file();
        this.channel = state.channel();
        this.size = state.size();
        this.seq = state.seq();
        this.prev = state.prevHex().getBytes(StandardCharsets.US_ASCII);
        this.lastMicros = state.lastMicros();
        this.lastCheckpointNanos = System.nanoTime();
        long now = nowMicros();
        if (LocalDate.ofEpochDay(Math.floorDiv(now, MICROS_PER_DAY)).isAfter(day) && size > 0) {
            rotate(LocalDate.ofEpochDay(Math.floorDiv(now, MICROS_PER_DAY)));
        }
        if (state.quarantine() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("quarantine_file", state.quarantine().getFileName().toString());
            details.put("quarantined_bytes", state.quarantinedBytes());
            details.put("reason", state.reason());
            details.put("after_seq", seq);
            internal("RECOVERY", "WARNING", "recovered a torn tail", details, now);
        }
        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("format", "tradepulse-audit-v1");
        opened.put("previous_closed_cleanly", state.previousClosedCleanly());
        opened.put("durability", config.durability().name());
        opened.put("signed", config.signer() != null);
        internal("JOURNAL_OPEN", state.previousClosedCleanly() ? "INFO" : "WARNING", "open", opened, now);
        applyRetention(now);
        flushOut();
        channel.force(false);
    }

    @Override
    public void run() {
        int max = config.durability() == Durability.SYNC_EACH ? 1 : 65_536;
        long intervalNanos = config.checkpointInterval().toNanos();
        // ASYNC producers do not wake the writer for each event, so it polls this often.
        long pollNanos = config.durability() == Durability.ASYNC ? TimeUnit.MICROSECONDS.toNanos(200)
                : TimeUnit.SECONDS.toNanos(1);
        if (config.durability() == Durability.GROUP_COMMIT) {
            syncer = new Syncer();
            Thread t = new Thread(syncer, "tradepulse-audit-sync");
            t.setDaemon(true);
            t.start();
        }
        try {
            while (queue.failure() == null) {
                long untilCheckpoint = Math.max(1, lastCheckpointNanos + intervalNanos - System.nanoTime());
                EventQueue.Batch batch = queue.take(max, Math.min(untilCheckpoint, pollNanos));
                for (EventQueue.Pending p : batch.events()) {
                    append(p.body(), p.epochMicros(), false);
                    writtenTicket = p.ticket();
                    if (sinceCheckpoint >= config.checkpointEvents()) {
                        checkpoint("interval");
                    }
                }
                boolean checkpointed = false;
                if (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNanos >= intervalNanos) {
                    checkpoint("interval");
                    checkpointed = true;
                }
                if (batch.closing()) {
                    closeJournal();
                    return;
                }
                flushOut();
                switch (config.durability()) {
                    case GROUP_COMMIT -> {
                        // Ask for an fsync only once the queue is drained: whatever arrives while one
                        // fsync runs is written meanwhile and shares the next one. Asking after every
                        // batch gave ~1.3 events per fsync; this is what makes the commit a group.
                        if (queue.isEmpty()) {
                            syncer.request(writtenTicket);
                        }
                    }
                    case SYNC_EACH -> syncNow();
                    case ASYNC -> {
                        if (batch.syncRequested() || checkpointed) {
                            syncNow();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            failClosed(e);
        }
    }

    private void syncNow() throws IOException {
        channel.force(false);
        queue.markDurable(writtenTicket);
    }

    private void closeJournal() throws IOException, InterruptedException {
        if (syncer != null) {
            syncer.stop();
        }
        checkpoint("close");
        flushOut();
        channel.force(false);
        channel.close();
        queue.markDurable(Long.MAX_VALUE);
    }

    /**
     * Group commit's second thread: fsyncs whatever has been written, then releases every caller
     * it covers, while the writer goes on writing. Each caller waits for about one fsync.
     */
    private final class Syncer implements Runnable {
        private long requested;
        private long synced;
        private boolean stopping;
        private boolean stopped;

        synchronized void request(long ticket) {
            if (ticket > requested) {
                requested = ticket;
                notifyAll();
            }
        }

        /** Finishes the fsync in progress and any still requested, then stops. */
        synchronized void stop() throws InterruptedException {
            stopping = true;
            notifyAll();
            while (!stopped) {
                wait();
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long target;
                    synchronized (this) {
                        while (requested <= synced && !stopping) {
                            wait();
                        }
                        if (requested <= synced) {
                            return;
                        }
                        target = requested;
                    }
                    channelLock.lock();
                    try {
                        channel.force(false);
                    } finally {
                        channelLock.unlock();
                    }
                    synced = target;
                    queue.markDurable(target);
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failClosed(e);
            } finally {
                synchronized (this) {
                    stopped = true;
                    notifyAll();
                }
            }
        }
    }

    private void failClosed(Throwable cause) {
        if (queue.failure() != null) {
            return; // the other thread already failed it
        }
        LOG.error("Compliance journal FAILED and is now closed: {} ({}). No more events will be written; "
                + "events not yet synced may be lost. Investigate the disk before reopening.",
                cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()).replaceAll("[\\r\\n]", " "));
        queue.fail(cause);
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    private long nowMicros() {
        Instant now = config.clock().instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Appends one line: {@code {"seq":N,"prev":"…","ts":"…",} + body after its opening brace. */
    private void append(byte[] body, long epochMicros, boolean internalRecord) throws IOException {
        long micros = Math.max(epochMicros, lastMicros);
        LocalDate eventDay = LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
        if (eventDay.isAfter(day)) {
            rotate(eventDay);
        } else if (!internalRecord && size > 0 && size + body.length + 160 > config.rotateBytes()) {
            rotate(day);
        }
        lastMicros = micros;
        seq++;
        int length = 8 + 20 + 10 + 64 + 8 + Timestamps.LENGTH + 2 + (body.length - 1);
        if (line.length < length + 1) {
            line = new byte[Math.max(length + 1, line.length * 2)];
        }
        int at = put(line, 0, "{\"seq\":");
        at = putDigits(line, at, seq);
        at = put(line, at, ",\"prev\":\"");
        System.arraycopy(prev, 0, line, at, 64);
        at += 64;
        at = put(line, at, "\",\"ts\":\"");
        at = timestamps.format(micros, line, at);
        at = put(line, at, "\",");
        System.arraycopy(body, 1, line, at, body.length - 1);
        at += body.length - 1;
        sha.update(line, 0, at);
        try {
            sha.digest(digest, 0, digest.length); // also resets the digest for the next line
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e); // 32 bytes always fit
        }
        JournalFiles.hexInto(digest, prev);
        line[at++] = '\n';
        write(line, at);
        if (out.position() >= WRITE_CHUNK) {
            flushOut(); // small writes: the kernel copies from a buffer still in cache
        }
        size += at;
        sinceCheckpoint++;
    }

    private static int putDigits(byte[] target, int at, long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            target[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    private static int put(byte[] target, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            target[at + i] = (byte) ascii.charAt(i);
        }
        return at + ascii.length();
    }

    private void write(byte[] bytes, int length) throws IOException {
        int offset = 0;
        while (offset < length) {
            if (!out.hasRemaining()) {
                flushOut();
            }
            int n = Math.min(out.remaining(), length - offset);
            out.put(bytes, offset, n);
            offset += n;
        }
    }

    private void flushOut() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }

    private void internal(String type, String level, String action, Map<String, Object> details, long micros)
            throws IOException {
        byte[] body = config.encoder().encodeTrusted(type, level, "journal", action, details);
        append(body, micros, true);
    }

    /** Signs the hash of the line before it, so the chain up to here cannot be rewritten without the key. */
    private void checkpoint(String reason) throws IOException {
        String head = new String(prev, StandardCharsets.US_ASCII);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("covers_seq", seq);
        details.put("head", head);
        Checkpoints.Signer signer = config.signer();
        details.put("alg", signer == null ? "none" : signer.algorithm());
        details.put("sig", signer == null ? "" : Base64.getEncoder().encodeToString(
                signer.sign(Checkpoints.signatureInput(seq, head))));
        details.put("reason", reason);
        internal("CHECKPOINT", "INFO", "checkpoint", details, lastMicros);
        sinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
    }

    private void rotate(LocalDate newDay) throws IOException {
        checkpoint("rotate");
        Path closed = file;
        LocalDate closedDay = day;
        channelLock.lock();
        try {
            flushOut();
            channel.force(false);
            queue.markDurable(writtenTicket);
            channel.close();
            index++;
            day = newDay;
            file = JournalFiles.fileFor(config.dir(), index, day);
            JournalFiles.createFile(file);
            channel = config.opener().open(file);
            channel.position(0);
            size = 0;
        } finally {
            channelLock.unlock();
        }
        if (config.gzip()) {
            Compression.gzipLater(closed);
        }
        if (!newDay.equals(closedDay)) {
            applyRetention(lastMicros); // files expire by day: once a day is enough
        }
    }

    /** Deletes the oldest closed files past retention, after recording where the chain now starts. */
    private void applyRetention(long nowMicros) throws IOException {
        Retention.Plan plan = config.retention().plan(config.dir(), file,
                LocalDate.ofEpochDay(Math.floorDiv(nowMicros, MICROS_PER_DAY)));
        if (plan.files().isEmpty()) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deleted_files", plan.files().stream().map(p -> p.getFileName().toString()).toList());
        details.put("deleted_through_seq", plan.lastSeq());
        details.put("head", plan.lastHash());
        internal("RETENTION", "INFO", "delete expired files", details, Math.max(nowMicros, lastMicros));
        flushOut();
        channel.force(false);
        for (Path p : plan.files()) {
            java.nio.file.Files.deleteIfExists(p);
        }
        JournalFiles.syncDirectory(config.dir());
    }
}
