package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: numbers each event, splices in {@code seq}, {@code prev} and {@code ts},
 * hashes the line for the next one, writes in batches, syncs as the durability mode requires,
 * checkpoints, rotates and applies retention. Any I/O failure closes the journal for good.
 * What differs between the durability modes (who appends, when to sync, how callers wait) is
 * the {@link WriteMode}'s; no method here branches on the mode.
 */
final class JournalWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int WRITE_CHUNK = 64 * 1024;
    /** The largest batch the writer thread takes at once, in the modes that batch. */
    static final int MAX_BATCH = 65_536;
    /** How often the writer makes sure its file is still in the directory. */
    static final long IDENTITY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Everything the writer needs, fixed at build time. */
    record Config(Path dir, Durability durability, Clock clock, @Nullable Signer signer, int checkpointEvents,
            Duration checkpointInterval, long rotateBytes, Retention retention, boolean gzip, ChannelOpener opener,
            EventEncoder encoder, String origin, WitnessPublisher witnesses) {
    }

    private final Config config;
    private final EventQueue queue;
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
    /** Held to swap the channel (rotation, close) and by a group-commit leader around its fsync. */
    private final ReentrantLock channelLock = new ReentrantLock();
    /**
     * Guards the chain (seq, prev, buffer, checkpoints, rotation). In GROUP_COMMIT mode callers
     * append under it themselves, and then lead or follow an fsync ({@link GroupCommit}); the writer
     * thread only checkpoints on time and closes.
     */
    private final ReentrantLock appendLock = new ReentrantLock();
    private final WriteMode mode;
    /** Set under {@link #appendLock} once the journal is closed; read by background syncs too. */
    private volatile boolean closed;
    private final LineBuilder lines = new LineBuilder();

    private FileChannel channel;
    private Path file;
    private int index;
    private LocalDate day;
    private long size;
    private long seq;
    private long lastMicros;
    private long sinceCheckpoint;
    private long writtenTicket;
    private long lastCheckpointNanos;
    /** Identity of {@link #file} when it was opened. */
    private FileIdentity fileKey;
    private long lastIdentityCheckNanos = System.nanoTime();
    private JournalLock lock;
    /** The event being appended by the writer thread, so that a failure can complete its future. */
    private EventQueue.@Nullable Pending inFlight;
    /** Writer thread: durable events of the current batch not yet completed. */
    private @Nullable List<CompletableFuture<Void>> batchWaiting;
    private final JournalStats stats;
    private final Completions completions = new Completions();

    JournalWriter(Config config, EventQueue queue, JournalStats stats) {
        this.config = config;
        this.queue = queue;
        this.stats = stats;
        this.mode = WriteMode.of(config.durability(), this, queue);
    }

    /** Whether callers wait for the disk in this journal's mode. */
    boolean callerWaitsForDisk() {
        return mode.callerWaitsForDisk();
    }

    /** Opens the journal, recovering a torn tail, and writes the opening records; on the caller's thread. */
    void open() throws IOException {
        lock = JournalLock.acquire(config.dir());
        try {
            openLocked();
        } catch (Throwable e) { // give back what was taken: the file, then the lock
            FileChannel opened = channel;
            if (opened != null) {
                try {
                    opened.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            lock.release();
            throw e;
        }
    }

    private void openLocked() throws IOException {
        Compression.removeStale(config.dir());
        Recovery.State state = Recovery.open(config.dir(), config.opener(),
                LocalDate.ofEpochDay(Math.floorDiv(nowMicros(), MICROS_PER_DAY)), config.signer());
        this.index = state.index();
        rekey();
        this.day = state.day();
        this.file = state.file();
        this.channel = state.channel();
        try {
            JournalLock.lockJournalFile(channel, state.file());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.size = state.size();
        this.seq = state.seq();
        lines.resume(state.prevHex());
        this.lastMicros = state.lastMicros();
        this.lastCheckpointNanos = System.nanoTime();
        this.fileKey = FileIdentity.of(file);
        long now = nowMicros();
        if (LocalDate.ofEpochDay(Math.floorDiv(now, MICROS_PER_DAY)).isAfter(day) && size > 0) {
            rotate(LocalDate.ofEpochDay(Math.floorDiv(now, MICROS_PER_DAY)));
        }
        if (state.quarantine() != null) {
            internal("RECOVERY", state.tampered() ? "CRITICAL" : "WARNING", state.tampered()
                    ? "quarantined unauthenticated lines" : "recovered a torn tail",
                    OpeningRecords.recovery(config.dir(), state, seq), now);
        }
        List<String> ahead = config.witnesses().ahead(seq);
        if (!ahead.isEmpty()) {
            internal("RECOVERY", "CRITICAL", "journal behind its witness",
                    OpeningRecords.behindWitness(config.dir(), seq, ahead), now);
        }
        internal("JOURNAL_OPEN", state.previousClosedCleanly() ? "INFO" : "WARNING", "open",
                OpeningRecords.opened(state, config.durability(), config.signer() != null, lines.tagged()), now);
        applyRetention(now);
        flushOut();
        channel.force(false);
        if (config.gzip()) {
            for (JournalFiles.Entry e : JournalFiles.list(config.dir())) {
                if (!e.gzipped() && e.index() < index) {
                    Compression.gzipLater(e.path()); // closed files a crash left uncompressed
                }
            }
        }
    }

    private void checkIdentity() throws IOException {
        lastIdentityCheckNanos = System.nanoTime();
        fileKey.check();
    }

    @Override
    public void run() {
        int max = mode.maxBatch();
        long intervalNanos = config.checkpointInterval().toNanos();
        long pollNanos = mode.pollNanos();
        mode.writerStarted();
        try {
            while (queue.failure() == null) {
                long untilCheckpoint = Math.max(1, lastCheckpointNanos + intervalNanos - System.nanoTime());
                EventQueue.Batch batch = queue.take(max, Math.min(untilCheckpoint, pollNanos));
                List<CompletableFuture<Void>> waiting = null;
                batchWaiting = null;
                long commitTarget = 0;
                appendLock.lock();
                try {
                    if (closed || queue.failure() != null) {
                        Throwable cause = queue.failure() != null ? queue.failure()
                                : new IllegalStateException("the compliance journal is closed");
                        batch.events().stream().filter(p -> p.done() != null)
                                .forEach(p -> p.done().completeExceptionally(cause));
                        return;
                    }
                    if (System.nanoTime() - lastIdentityCheckNanos >= IDENTITY_CHECK_NANOS) {
                        checkIdentity();
                    }
                    for (EventQueue.Pending p : batch.events()) {
                        inFlight = p;
                        append(p.body(), p.epochMicros(), false);
                        writtenTicket = mode.ticketAfter(p, writtenTicket);
                        if (p.done() != null) {
                            if (waiting == null) {
                                waiting = new ArrayList<>();
                                batchWaiting = waiting;
                            }
                            waiting.add(p.done());
                        }
                        if (sinceCheckpoint >= config.checkpointEvents()) {
                            checkpoint("interval");
                        }
                    }
                    inFlight = null;
                    commitTarget = writtenTicket;
                    boolean checkpointed = false;
                    if (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNanos >= intervalNanos) {
                        checkpoint("interval");
                        checkpointed = true;
                    }
                    if (batch.closing()) {
                        closeJournal();
                        if (waiting != null) { // the close synced them: durable
                            batchWaiting = null;
                            completions.complete(waiting);
                        }
                        return;
                    }
                    flushOut();
                    mode.batchWritten(batch.syncRequested(), checkpointed, waiting != null);
                } finally {
                    appendLock.unlock();
                }
                if (waiting != null) {
                    mode.commitBatch(commitTarget);
                    batchWaiting = null;
                    completions.complete(waiting);
                }
            }
        } catch (Throwable e) { // I/O, or a signer or channel opener (user code) that threw, Errors included
            failClosed(e);
            List<CompletableFuture<Void>> unsynced = batchWaiting;
            if (unsynced != null) { // appended, maybe written, never synced: not durable
                Throwable cause = queue.failure() != null ? queue.failure() : e;
                unsynced.forEach(f -> f.completeExceptionally(cause));
            }
        } finally {
            mode.stop();
            completions.shutdown();
        }
    }

    /**
     * When the logger could not be made after {@link #open()} and the writer thread never ran:
     * gives back the journal lock and closes the file, leaving the journal as a crash would.
     */
    void abandon(Throwable cause) {
        queue.fail(cause);
        completions.shutdown();
        lock.release();
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    /**
     * Takes a caller's event and returns its ticket: queued for the writer thread, or in
     * GROUP_COMMIT mode written by the caller itself (so that it can lead the fsync).
     */
    long submit(byte[] body, long epochMicros) throws InterruptedException {
        return mode.submit(body, epochMicros);
    }

    /** Queues an event whose future completes (on the completion thread) once an fsync covers it. */
    void submitDurably(byte[] body, long epochMicros, CompletableFuture<Void> done) throws InterruptedException {
        queue.add(body, epochMicros, done);
    }

    /** Returns once the event with this ticket is on disk; for the durable modes. */
    void awaitDurable(long ticket) {
        mode.awaitDurable(ticket);
    }

    /** Returns once everything submitted so far is on disk ({@code flush()}). */
    void syncAll() {
        mode.syncAll();
    }

    /**
     * GROUP_COMMIT, on the caller's thread: numbers, chains and writes one event, handing its
     * bytes to the kernel before returning its ticket.
     */
    long appendForCaller(byte[] body, long epochMicros) {
        appendLock.lock();
        try {
            Throwable failure = queue.failure();
            if (failure != null) {
                throw new EventQueue.JournalFailed(failure);
            }
            if (closed) {
                throw new IllegalStateException("the compliance journal is closed");
            }
            try {
                append(body, epochMicros, false);
                long ticket = ++writtenTicket;
                if (sinceCheckpoint >= config.checkpointEvents()) {
                    checkpoint("interval");
                }
                flushOut();
                return ticket;
            } catch (Throwable e) {
                failClosed(e);
                throw new EventQueue.JournalFailed(e);
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** The ticket of the last event written, read under the chain lock. */
    long writtenSoFar() {
        appendLock.lock();
        try {
            return writtenTicket;
        } finally {
            appendLock.unlock();
        }
    }

    /** On the writer thread, under the chain lock: the ticket of the last event written. */
    long writtenTicket() {
        return writtenTicket;
    }

    /**
     * Forces the file under the channel lock, unless {@code alreadyDurable} says a close already
     * has (and closed it).
     */
    void forceUnless(BooleanSupplier alreadyDurable) throws IOException {
        channelLock.lock();
        try {
            if (!alreadyDurable.getAsBoolean()) {
                checkIdentity();
                long started = System.nanoTime();
                channel.force(false);
                stats.fsynced(System.nanoTime() - started);
            }
        } finally {
            channelLock.unlock();
        }
    }

    /** Under the chain lock: forces the file and publishes everything written as durable. */
    void syncNow() throws IOException {
        checkIdentity();
        long started = System.nanoTime();
        channel.force(false);
        stats.fsynced(System.nanoTime() - started);
        queue.markDurable(writtenTicket);
    }

    private void closeJournal() throws IOException {
        closed = true;
        mode.stop();
        checkpoint("close");
        flushOut();
        channelLock.lock();
        try {
            channel.force(false);
            mode.closedDurably();
            channel.close();
        } finally {
            channelLock.unlock();
        }
        queue.markDurable(Long.MAX_VALUE);
        lock.release();
    }

    /** Fails the journal for good: callers see {@code cause}, the lock is released, the file closed. */
    void failClosed(Throwable cause) {
        if (queue.failure() != null) {
            return; // the other thread already failed it
        }
        LOG.error("Compliance journal FAILED and is now closed: {} ({}). No more events will be written; "
                + "events not yet synced may be lost. Investigate the disk before reopening.",
                cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()).replaceAll("[\\r\\n]", " "));
        queue.fail(cause);
        mode.failed(); // waiting callers see the failure
        EventQueue.Pending current = inFlight;
        if (current != null && current.done() != null) {
            current.done().completeExceptionally(cause);
        }
        lock.release(); // another writer may take over once someone has fixed the disk
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
        int at = lines.build(seq, micros, body);
        byte[] line = lines.line();
        line[at++] = '\n';
        write(line, at);
        if (out.position() >= WRITE_CHUNK) {
            flushOut(); // small writes: the kernel copies from a buffer still in cache
        }
        size += at;
        sinceCheckpoint++;
        stats.wrote(at);
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
        int bytes = out.remaining();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
        mode.flushed(bytes);
    }

    /**
     * A sync from a thread other than the writer (ASYNC's trickle): the current file, whatever
     * rotation has made it, marking {@code flushed} durable; failures fail the journal.
     */
    void syncFromBackground(long flushed) {
        channelLock.lock();
        try {
            if (!closed && queue.failure() == null) {
                checkIdentity();
                long started = System.nanoTime();
                channel.force(false);
                stats.fsynced(System.nanoTime() - started);
                queue.markDurable(flushed);
            }
        } catch (Throwable e) {
            failClosed(e);
        } finally {
            channelLock.unlock();
        }
    }

    private void internal(String type, String level, String action, Map<String, Object> details, long micros)
            throws IOException {
        byte[] body = config.encoder().encodeTrusted(type, level, "journal", action, details);
        append(body, micros, true);
    }

    /** Signs the hash of the line before it, so the chain up to here cannot be rewritten without the key. */
    private void checkpoint(String reason) throws IOException {
        String head = lines.prevHex();
        long covers = seq;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("covers_seq", covers);
        details.put("head", head);
        details.put("epoch", (long) index);
        Signer signer = config.signer();
        String alg = signer == null ? "none" : signer.algorithm();
        String sig = signer == null ? "" : Base64.getEncoder().encodeToString(
                signer.sign(Checkpoints.signatureInput(seq, head, index)));
        details.put("alg", alg);
        details.put("sig", sig);
        details.put("reason", reason);
        internal("CHECKPOINT", "INFO", "checkpoint", details, lastMicros);
        config.witnesses().offer(new WitnessedHead(config.origin(), covers, head,
                index, alg, sig, Instant.ofEpochSecond(Math.floorDiv(lastMicros, 1_000_000L),
                        Math.floorMod(lastMicros, 1_000_000L) * 1_000L)));
        sinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
        stats.checkpointed(lastMicros);
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
            rekey();
            day = newDay;
            file = JournalFiles.fileFor(config.dir(), index, day);
            JournalFiles.createFile(file);
            channel = config.opener().open(file);
            JournalLock.lockJournalFile(channel, file);
            channel.position(0);
            size = 0;
            fileKey = FileIdentity.of(file);
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

    Duration checkpointInterval() {
        return config.checkpointInterval();
    }

    /** After close: waits (up to 5 s) for the witnesses to take the closing head, then stops them. */
    void awaitWitnesses() {
        if (!config.witnesses().awaitPublished(TimeUnit.SECONDS.toNanos(5))) {
            LOG.warn("Compliance journal in {}: the witnesses did not take the closing checkpoint within 5 s",
                    config.dir());
        }
        config.witnesses().stop();
    }

    /** Keys line tags for the current file (its epoch); the previous epoch's key is dropped. */
    private void rekey() {
        if (config.signer() instanceof LineKeys keys) {
            lines.rekey(keys, index);
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
            Files.deleteIfExists(p);
        }
        JournalFiles.syncDirectory(config.dir());
    }
}
