package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.Checkpoints;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

/**
 * Opens a journal directory for appending, and decides where appending may resume. It reads the
 * whole last file (and the end of the one before it) and accepts a line only if it fits the
 * chain, is not a stray line after a closing checkpoint, and, with a line-keyed signer, carries a
 * valid tag or is covered by a later checkpoint whose signature it re-creates. From the first line
 * that fails, everything is moved to a quarantine file and the writer records a RECOVERY event:
 * recovery never appends after, and so never signs over, what it could not authenticate. Only a
 * torn final fragment, or zeros a crash left, count as a crash; anything else is tampering.
 */
final class Recovery {

    private static final ObjectMapper JSON = JournalLimits.reader();

    private Recovery() {
    }

    /** Where appending resumes, and what was quarantined. */
    record State(int index, LocalDate day, Path file, FileChannel channel, long size, long seq, String prevHex,
            long lastMicros, boolean previousClosedCleanly, String quarantine, long quarantinedBytes, String reason,
            boolean tampered) {
    }

    /** The chain's position after some line: what the next line must carry. */
    private record Position(long seq, String hash, long micros, boolean afterClose) {
        static final Position GENESIS = new Position(0, JournalFiles.GENESIS, 0, true);
    }

    /** What was moved aside, across the files recovery looked at. */
    private static final class Quarantined {
        final List<String> files = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        long bytes;
        boolean tampered;
    }

    static State open(Path dir, ChannelOpener opener, LocalDate today, Signer signer) throws IOException {
        JournalFiles.ensureDirectory(dir);
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        if (files.isEmpty()) {
            Path file = JournalFiles.fileFor(dir, 1, today);
            JournalFiles.createFile(file);
            return new State(1, today, file, opened(opener, file, 0), 0, 0, JournalFiles.GENESIS, 0, true, null, 0,
                    null, false);
        }
        Quarantined q = new Quarantined();
        JournalFiles.Entry last = files.get(files.size() - 1);
        Position start = Position.GENESIS;
        if (files.size() > 1) {
            start = endOfClosedFile(dir, files.get(files.size() - 2), signer, q);
        }
        byte[] bytes = JournalFiles.read(last);
        Scan scan = new Scan(bytes, start, signer, last.index());
        scan.run();
        if (scan.cut < bytes.length) {
            quarantine(dir, last, bytes, scan, q);
        }
        Position at = scan.position;
        boolean clean = at.afterClose() && at.seq() > 0 && q.bytes == 0;
        String names = q.files.isEmpty() ? null : String.join(", ", q.files);
        String reason = q.reasons.isEmpty() ? null : String.join("; ", q.reasons);
        if (last.gzipped()) {
            int index = last.index() + 1;
            Path file = JournalFiles.fileFor(dir, index, today);
            JournalFiles.createFile(file);
            return new State(index, today, file, opened(opener, file, 0), 0, at.seq(), at.hash(), at.micros(), clean,
                    names, q.bytes, reason, q.tampered);
        }
        return new State(last.index(), last.day(), last.path(), opened(opener, last.path(), scan.cut), scan.cut,
                at.seq(), at.hash(), at.micros(), clean, names, q.bytes, reason, q.tampered);
    }

    /**
     * Where the closed file before the last one ends. It must end in an authenticated rotate
     * checkpoint; if it does not (a line was forged onto it), the whole file is scanned and what
     * follows its last good line is quarantined, rather than everything in the last file.
     */
    private static Position endOfClosedFile(Path dir, JournalFiles.Entry entry, Signer signer,
            Quarantined q) throws IOException {
        // Only the last line is needed when it is an authenticated checkpoint: no whole-file read.
        Position quick = trustedEnd(JournalFiles.readTail(entry), signer, entry.index());
        if (quick != null) {
            return quick;
        }
        byte[] b = JournalFiles.read(entry);
        Scan scan = new Scan(b, firstPosition(b), signer, entry.index());
        scan.run();
        if (scan.cut < b.length) {
            scan.tampered = true; // a closed file is never torn: its end was synced before the next file began
            quarantine(dir, entry, b, scan, q);
        }
        return scan.position;
    }

    /** The position after a closed file's last line, if that line is an authenticated checkpoint; else null. */
    private static Position trustedEnd(byte[] b, Signer signer, long epoch) {
        int end = b.length;
        if (end == 0 || b[end - 1] != '\n') {
            return null;
        }
        int lineEnd = end - 1;
        int start = lastIndexOf(b, lineEnd) + 1;
        try {
            JsonNode node = JSON.readTree(b, start, lineEnd - start);
            if (node == null || !"CHECKPOINT".equals(node.path("type").asText())) {
                return null;
            }
            int tag = LineFormat.tagStart(b, start, lineEnd);
            byte[] hash = LineFormat.contentHash(JournalFiles.sha256(), b, start, lineEnd, tag);
            if (signer instanceof LineKeys keys) {
                byte[] key = keys.epochKey(epoch);
                Mac mac = LineFormat.mac(key);
                Arrays.fill(key, (byte) 0);
                if (tag < 0 || !LineFormat.tagValid(mac, hash, b, tag)) {
                    return null;
                }
            }
            return new Position(node.path("seq").asLong(), hex(hash), micros(node.path("ts").asText()),
                    "close".equals(node.path("details").path("reason").asText()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What a file's first line points back to: a start taken on trust, checked by the verifier. */
    private static Position firstPosition(byte[] b) throws IOException {
        int end = 0;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        JsonNode node = JSON.readTree(b, 0, end);
        if (node == null || !node.path("seq").canConvertToLong()) {
            throw new IOException("a closed journal file does not start with a journal record; restore it");
        }
        return new Position(node.path("seq").asLong() - 1, node.path("prev").asText(), 0, false);
    }

    private static void quarantine(Path dir, JournalFiles.Entry entry, byte[] bytes, Scan scan, Quarantined q)
            throws IOException {
        if (entry.gzipped()) {
            throw new IOException("compressed journal file " + entry.path().getFileName() + " fails recovery ("
                    + scan.reason + "); restore it from a copy");
        }
        Path file = dir.resolve(entry.path().getFileName() + ".quarantine-" + System.currentTimeMillis());
        JournalFiles.createFile(file);
        Files.write(file, Arrays.copyOfRange(bytes, scan.cut, bytes.length), StandardOpenOption.WRITE);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try (FileChannel cut = FileChannel.open(entry.path(), StandardOpenOption.WRITE)) {
            cut.truncate(scan.cut);
            cut.force(true);
        }
        q.files.add(file.getFileName().toString());
        q.reasons.add(scan.reason);
        q.bytes += bytes.length - scan.cut;
        q.tampered |= scan.tampered;
    }

    /** One pass over a file. */
    private static final class Scan {
        private final byte[] bytes;
        private final Signer signer;
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

        Scan(byte[] bytes, Position start, Signer signer, long epoch) {
            this.bytes = bytes;
            this.position = start;
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
                int e = lineEnd(s);
                if (e == bytes.length) {
                    fail(s, "last line cut short", true); // the newline is the last byte written
                    break;
                }
                if (check(s, e) != null) {
                    break;
                }
                s = e + 1;
            }
            if (pendingStart >= 0 && pendingStart < cut) {
                cut = pendingStart;
                position = pendingPosition;
                // A complete untagged line where the writer tags every line is never what a crash leaves.
                tampered = true;
                reason = "lines from seq " + (position.seq() + 1) + " carry no tag and no signed checkpoint covers them";
            }
            if (cut < bytes.length && !tampered) {
                tampered = authenticLineAfter(cut);
            }
        }

        private int lineEnd(int s) {
            int e = s;
            while (e < bytes.length && bytes[e] != '\n') {
                e++;
            }
            return e;
        }

        /** Whether a crash could have left this: an unwritten (zero-filled) region. */
        private boolean zerosOnly(int s, int e) {
            for (int i = s; i < e; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a journal record follows the cut: data written after the bad part was synced
         * with it, so the bad part is not what a crash left but an edit.
         */
        private boolean authenticLineAfter(int from) {
            int s = from;
            boolean first = true;
            while (s < bytes.length) {
                int e = lineEnd(s);
                if (e == bytes.length) {
                    return false;
                }
                if (!first && parsesAsRecord(s, e) != null) {
                    return true;
                }
                first = false;
                s = e + 1;
            }
            return false;
        }

        private JsonNode parsesAsRecord(int s, int e) {
            try {
                JsonNode node = JSON.readTree(bytes, s, e - s);
                return node != null && node.isObject() && node.path("seq").canConvertToLong()
                        && node.path("prev").isTextual() ? node : null;
            } catch (IOException | RuntimeException ex) {
                return null;
            }
        }

        private void fail(int at, String why, boolean crash) {
            cut = at;
            reason = why;
            tampered = !crash;
        }

        /** Checks one complete line; on success moves the position past it. Returns the problem, or null. */
        private String check(int s, int e) {
            JsonNode node = parsesAsRecord(s, e);
            if (node == null) {
                boolean zeros = zerosOnly(s, e);
                fail(s, (zeros ? "zeros (an unwritten region)" : "a line that is not a journal record")
                        + " after seq " + position.seq(), zeros);
                return reason;
            }
            long seq = node.path("seq").asLong();
            if (seq != position.seq() + 1 || !node.path("prev").asText().equals(position.hash())) {
                fail(s, "the line after seq " + position.seq() + " does not fit the chain", false);
                return reason;
            }
            String type = node.path("type").asText();
            // After a close, only the next open's own records may follow (a day change at open
            // writes a rotate checkpoint before them).
            boolean journalRecord = "journal".equals(node.path("actor").asText())
                    && (type.equals("JOURNAL_OPEN") || type.equals("RECOVERY") || type.equals("CHECKPOINT"));
            if (position.afterClose() && !journalRecord) {
                fail(s, "seq " + seq + " (" + type + ") follows a closing checkpoint", false);
                return reason;
            }
            int tag = LineFormat.tagStart(bytes, s, e);
            byte[] hash = LineFormat.contentHash(sha, bytes, s, e, tag);
            boolean authenticated = false;
            if (mac != null && tag >= 0) {
                if (!LineFormat.tagValid(mac, hash, bytes, tag)) {
                    fail(s, "seq " + seq + " fails authentication (its tag was not made with this key)", false);
                    return reason;
                }
                authenticated = true;
            }
            long micros;
            try {
                micros = micros(node.path("ts").asText());
            } catch (RuntimeException ex) {
                fail(s, "seq " + seq + " has no valid timestamp", false);
                return reason;
            }
            Position before = position;
            boolean close = false;
            if (type.equals("CHECKPOINT")) {
                JsonNode d = node.path("details");
                if (d.path("covers_seq").asLong(-1) != seq - 1 || !d.path("head").asText().equals(before.hash())) {
                    fail(s, "the checkpoint at seq " + seq + " does not cover the line before it", false);
                    return reason;
                }
                if (mac != null && !authenticated) {
                    if (!signatureRecreated(d, seq - 1, before.hash())) {
                        fail(s, "the checkpoint at seq " + seq + " is not signed by this key", false);
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
            position = new Position(seq, hex(hash), micros, afterClose);
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
                byte[] given = Base64.getDecoder().decode(d.path("sig").asText());
                return MessageDigest.isEqual(signer.sign(input), given)
                        && (!d.has("epoch") || d.path("epoch").asLong() == epoch);
            } catch (IllegalArgumentException ex) {
                return false;
            }
        }
    }

    private static String hex(byte[] hash) {
        return new String(JournalFiles.hex(hash), StandardCharsets.US_ASCII);
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
