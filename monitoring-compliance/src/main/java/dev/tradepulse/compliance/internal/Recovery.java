package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.Checkpoints;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;

/**
 * Opens a journal directory for appending, and decides where appending may resume. It reads the
 * whole last file and accepts a line only if it fits the chain, carries a valid tag (with a
 * line-keyed signer) or is covered by a checkpoint whose signature it can re-create, and is not a
 * stray line after a closing checkpoint. From the first line that fails, everything is moved to a
 * quarantine file and the writer records a RECOVERY event: recovery never appends after, and so
 * never signs over, what it could not authenticate.
 */
final class Recovery {

    private static final ObjectMapper JSON = JournalLimits.reader();

    private Recovery() {
    }

    /** Where appending resumes, and what was quarantined. */
    record State(int index, LocalDate day, Path file, FileChannel channel, long size, long seq, String prevHex,
            long lastMicros, boolean previousClosedCleanly, Path quarantine, long quarantinedBytes, String reason,
            boolean tampered) {
    }

    /** The chain's position after some line: what the next line must carry. */
    private record Position(long seq, String hash, long micros, boolean afterClose, boolean tagged) {
        static final Position GENESIS = new Position(0, JournalFiles.GENESIS, 0, true, false);
    }

    static State open(Path dir, ChannelOpener opener, LocalDate today, Checkpoints.Signer signer) throws IOException {
        JournalFiles.ensureDirectory(dir);
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        if (files.isEmpty()) {
            Path file = JournalFiles.fileFor(dir, 1, today);
            JournalFiles.createFile(file);
            return new State(1, today, file, opened(opener, file, 0), 0, 0, JournalFiles.GENESIS, 0, true, null, 0,
                    null, false);
        }
        JournalFiles.Entry last = files.get(files.size() - 1);
        Position start = files.size() > 1 ? lastLine(files.get(files.size() - 2)) : Position.GENESIS;
        byte[] bytes = JournalFiles.read(last);
        Scan scan = new Scan(bytes, start, signer, last.index());
        scan.run();

        Path quarantine = null;
        long quarantined = bytes.length - scan.cut;
        if (quarantined > 0) {
            if (last.gzipped()) {
                throw new IOException("compressed journal file " + last.path().getFileName()
                        + " fails recovery (" + scan.reason + "); restore it from a copy");
            }
            quarantine = dir.resolve(last.path().getFileName() + ".quarantine-" + System.currentTimeMillis());
            JournalFiles.createFile(quarantine);
            Files.write(quarantine, Arrays.copyOfRange(bytes, scan.cut, bytes.length), StandardOpenOption.WRITE);
            try (FileChannel q = FileChannel.open(quarantine, StandardOpenOption.WRITE)) {
                q.force(true);
            }
            try (FileChannel cut = FileChannel.open(last.path(), StandardOpenOption.WRITE)) {
                cut.truncate(scan.cut);
                cut.force(true);
            }
        }
        Position at = scan.position;
        boolean clean = at.afterClose() && at.seq() > 0 && quarantined == 0;
        if (last.gzipped()) {
            int index = last.index() + 1;
            Path file = JournalFiles.fileFor(dir, index, today);
            JournalFiles.createFile(file);
            return new State(index, today, file, opened(opener, file, 0), 0, at.seq(), at.hash(), at.micros(), clean,
                    quarantine, quarantined, scan.reason, scan.tampered);
        }
        return new State(last.index(), last.day(), last.path(), opened(opener, last.path(), scan.cut), scan.cut,
                at.seq(), at.hash(), at.micros(), clean, quarantine, quarantined, scan.reason, scan.tampered);
    }

    /** One pass over the last file. */
    private static final class Scan {
        private final byte[] bytes;
        private final Checkpoints.Signer signer;
        private final long epoch;
        private final Mac mac;
        private final MessageDigest sha = JournalFiles.sha256();
        Position position;
        int cut;
        String reason;
        boolean tampered;
        /** The first line not yet authenticated (no tag, no signed checkpoint after it), or -1. */
        private int pendingStart = -1;
        private Position pendingPosition;
        /** Whether a tagged line was seen: after one, an unsigned checkpoint is never legitimate. */
        private boolean sawTag;

        Scan(byte[] bytes, Position start, Checkpoints.Signer signer, long epoch) {
            this.bytes = bytes;
            this.position = start;
            this.sawTag = start.tagged();
            this.signer = signer;
            this.epoch = epoch;
            if (signer instanceof LineKeys keys) {
                byte[] key = keys.epochKey(epoch);
                this.mac = LineFormat.mac(key);
                Arrays.fill(key, (byte) 0);
            } else {
                this.mac = null;
            }
            this.cut = bytes.length;
        }

        void run() {
            int s = 0;
            while (s < bytes.length) {
                int e = s;
                while (e < bytes.length && bytes[e] != '\n') {
                    e++;
                }
                if (e == bytes.length) {
                    fail(s, "last line cut short", false);
                    break;
                }
                String problem = check(s, e);
                if (problem != null) {
                    break;
                }
                s = e + 1;
            }
            if (pendingStart >= 0 && pendingStart < cut) {
                cut = pendingStart;
                position = pendingPosition;
                reason = "lines from seq " + (position.seq() + 1)
                        + " carry no tag and no signed checkpoint covers them";
            }
        }

        private void fail(int at, String why, boolean parsed) {
            cut = at;
            reason = why;
            tampered = parsed;
        }

        /** Checks one line; on success moves the position past it. Returns the problem, or null. */
        private String check(int s, int e) {
            JsonNode node;
            try {
                node = JSON.readTree(bytes, s, e - s);
            } catch (IOException | RuntimeException ex) {
                node = null;
            }
            if (node == null || !node.isObject() || !node.path("seq").canConvertToLong()
                    || !node.path("prev").isTextual()) {
                fail(s, "a line that is not a journal record follows seq " + position.seq(), false);
                return reason;
            }
            long seq = node.path("seq").asLong();
            if (seq != position.seq() + 1 || !node.path("prev").asText().equals(position.hash())) {
                fail(s, "the line after seq " + position.seq() + " does not fit the chain", true);
                return reason;
            }
            String type = node.path("type").asText();
            // After a close, only the next open's own records may follow (a day change at open
            // writes a rotate checkpoint before them).
            boolean journalRecord = "journal".equals(node.path("actor").asText())
                    && (type.equals("JOURNAL_OPEN") || type.equals("RECOVERY") || type.equals("CHECKPOINT"));
            if (position.afterClose() && !journalRecord) {
                fail(s, "seq " + seq + " (" + type + ") follows a closing checkpoint", true);
                return reason;
            }
            int tag = LineFormat.tagStart(bytes, s, e);
            byte[] hash = LineFormat.contentHash(sha, bytes, s, e, tag);
            boolean authenticated = false;
            if (mac != null && tag >= 0) {
                if (!LineFormat.tagValid(mac, hash, bytes, tag)) {
                    fail(s, "seq " + seq + " fails authentication (its tag was not made with this key)", true);
                    return reason;
                }
                authenticated = true;
                sawTag = true;
            }
            long micros;
            try {
                micros = micros(node.path("ts").asText());
            } catch (RuntimeException ex) {
                fail(s, "seq " + seq + " has no valid timestamp", true);
                return reason;
            }
            String hex = new String(JournalFiles.hex(hash), java.nio.charset.StandardCharsets.US_ASCII);
            Position before = position;
            boolean close = false;
            if (type.equals("CHECKPOINT")) {
                JsonNode d = node.path("details");
                if (d.path("covers_seq").asLong(-1) != seq - 1 || !d.path("head").asText().equals(before.hash())) {
                    fail(s, "the checkpoint at seq " + seq + " does not cover the line before it", true);
                    return reason;
                }
                if (mac != null && !authenticated && "none".equals(d.path("alg").asText()) && !sawTag) {
                    // Written before a key was configured: nothing to authenticate with, and the
                    // verifier reports the unsigned checkpoint; recovery keeps the history.
                    pendingStart = -1;
                    authenticated = true;
                } else if (mac != null && !authenticated) {
                    if (!signatureRecreated(d, seq - 1, before.hash())) {
                        fail(s, "the checkpoint at seq " + seq + " is not signed by this key", true);
                        return reason;
                    }
                    pendingStart = -1; // a signed checkpoint vouches for every line before it
                    authenticated = true;
                }
                close = "close".equals(d.path("reason").asText());
            }
            if (mac != null && !authenticated && pendingStart < 0) {
                pendingStart = s;
                pendingPosition = before;
            }
            boolean afterClose = close || before.afterClose() && !type.equals("JOURNAL_OPEN");
            position = new Position(seq, hex, micros, afterClose, tag >= 0);
            return null;
        }

        /** Built-in signers are deterministic (HMAC, RFC 8032 Ed25519): re-signing must give the same bytes. */
        private boolean signatureRecreated(JsonNode d, long coversSeq, String head) {
            if (signer == null || !signer.algorithm().equals(d.path("alg").asText())) {
                return false;
            }
            byte[] input = d.has("epoch") ? Checkpoints.signatureInput(coversSeq, head, d.path("epoch").asLong())
                    : Checkpoints.signatureInput(coversSeq, head);
            try {
                byte[] given = java.util.Base64.getDecoder().decode(d.path("sig").asText());
                return MessageDigest.isEqual(signer.sign(input), given)
                        && (!d.has("epoch") || d.path("epoch").asLong() == epoch);
            } catch (IllegalArgumentException ex) {
                return false;
            }
        }
    }

    /** The position after the last line of a closed file (trusted: closed files end in a signed checkpoint). */
    private static Position lastLine(JournalFiles.Entry entry) throws IOException {
        byte[] b = JournalFiles.read(entry);
        int end = b.length;
        if (end == 0) {
            throw new IOException("journal file " + entry.path().getFileName() + " is empty");
        }
        if (b[end - 1] != '\n') {
            throw new IOException("journal file " + entry.path().getFileName() + " ends in a torn line");
        }
        int lineEnd = end - 1;
        int start = lastIndexOf(b, lineEnd) + 1;
        JsonNode node = JSON.readTree(b, start, lineEnd - start);
        int tag = LineFormat.tagStart(b, start, lineEnd);
        String hex = new String(JournalFiles.hex(LineFormat.contentHash(JournalFiles.sha256(), b, start, lineEnd, tag)),
                java.nio.charset.StandardCharsets.US_ASCII);
        boolean close = "CHECKPOINT".equals(node.path("type").asText())
                && "close".equals(node.path("details").path("reason").asText());
        return new Position(node.path("seq").asLong(), hex, micros(node.path("ts").asText()), close, tag >= 0);
    }

    private static FileChannel opened(ChannelOpener opener, Path file, long position) throws IOException {
        FileChannel channel = opener.open(file);
        channel.position(position);
        return channel;
    }

    static long micros(String ts) {
        if (ts.isEmpty()) {
            return 0;
        }
        Instant instant = Instant.parse(ts);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static int lastIndexOf(byte[] bytes, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
