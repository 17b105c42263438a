package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.ChannelOpener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Opens a journal directory for appending. A crash can leave a last line cut short, or (with
 * reordered writes) a last line whose hash does not fit: such a tail is moved to a quarantine
 * file, the journal is cut back to its last good line, and the writer records a RECOVERY event.
 * Nothing is ever appended after garbage.
 */
final class Recovery {

    private static final ObjectMapper JSON = JournalLimits.reader();

    private Recovery() {
    }

    /** Where appending resumes. */
    record State(int index, LocalDate day, Path file, FileChannel channel, long size, long seq, String prevHex,
            long lastMicros, boolean previousClosedCleanly, Path quarantine, long quarantinedBytes, String reason) {
    }

    static State open(Path dir, ChannelOpener opener, LocalDate today) throws IOException {
        JournalFiles.ensureDirectory(dir);
        List<JournalFiles.Entry> files = JournalFiles.list(dir);
        if (files.isEmpty()) {
            Path file = JournalFiles.fileFor(dir, 1, today);
            JournalFiles.createFile(file);
            return new State(1, today, file, opened(opener, file, 0), 0, 0, JournalFiles.GENESIS, 0, true, null, 0,
                    null);
        }
        JournalFiles.Entry last = files.get(files.size() - 1);
        byte[] bytes = JournalFiles.read(last);
        int end = bytes.length;
        String reason = null;
        if (end > 0 && bytes[end - 1] != '\n') {
            end = lastIndexOf(bytes, end) + 1;
            reason = "last line cut short";
        }
        MessageDigest sha = JournalFiles.sha256();
        Tail tail = tail(bytes, end);
        if (tail != null && !tail.valid(sha, bytes)) {
            reason = reason == null ? "last line does not fit the chain" : reason + "; line before it does not fit";
            end = tail.start;
            tail = tail(bytes, end);
        }
        Path quarantine = null;
        long quarantined = bytes.length - end;
        if (quarantined > 0) {
            if (last.gzipped()) {
                throw new IOException("compressed journal file " + last.path() + " ends in a torn line; restore it");
            }
            quarantine = dir.resolve(last.path().getFileName() + ".quarantine-" + System.currentTimeMillis());
            JournalFiles.createFile(quarantine);
            Files.write(quarantine, java.util.Arrays.copyOfRange(bytes, end, bytes.length), StandardOpenOption.WRITE);
            try (FileChannel q = FileChannel.open(quarantine, StandardOpenOption.WRITE)) {
                q.force(true);
            }
            try (FileChannel cut = FileChannel.open(last.path(), StandardOpenOption.WRITE)) {
                cut.truncate(end);
                cut.force(true);
            }
        }
        long seq;
        String prevHex;
        long lastMicros;
        boolean clean;
        if (tail != null) {
            JsonNode node = JSON.readTree(bytes, tail.start, tail.end - tail.start);
            seq = node.path("seq").asLong();
            prevHex = JournalFiles.hashHex(sha, bytes, tail.start, tail.end - tail.start);
            lastMicros = micros(node.path("ts").asText());
            clean = "CHECKPOINT".equals(node.path("type").asText())
                    && "close".equals(node.path("details").path("reason").asText());
        } else if (files.size() > 1) {
            // The last file holds nothing good: resume from the end of the one before it.
            JournalFiles.Entry before = files.get(files.size() - 2);
            byte[] prevBytes = JournalFiles.read(before);
            Tail t = tail(prevBytes, prevBytes.length);
            JsonNode node = JSON.readTree(prevBytes, t.start, t.end - t.start);
            seq = node.path("seq").asLong();
            prevHex = JournalFiles.hashHex(sha, prevBytes, t.start, t.end - t.start);
            lastMicros = micros(node.path("ts").asText());
            clean = false;
        } else {
            seq = 0;
            prevHex = JournalFiles.GENESIS;
            lastMicros = 0;
            clean = quarantined == 0;
        }
        if (last.gzipped()) {
            int index = last.index() + 1;
            Path file = JournalFiles.fileFor(dir, index, today);
            JournalFiles.createFile(file);
            return new State(index, today, file, opened(opener, file, 0), 0, seq, prevHex, lastMicros, clean, quarantine,
                    quarantined, reason);
        }
        return new State(last.index(), last.day(), last.path(), opened(opener, last.path(), end), end, seq, prevHex,
                lastMicros, clean, quarantine, quarantined, reason);
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

    /** The last complete line before {@code end} (which follows a newline), or null if none. */
    private static Tail tail(byte[] bytes, int end) {
        if (end <= 0) {
            return null;
        }
        int lineEnd = end - 1; // the newline
        int start = lastIndexOf(bytes, lineEnd) + 1;
        int prevStart = start == 0 ? -1 : lastIndexOf(bytes, start - 1) + 1;
        return new Tail(start, lineEnd, prevStart);
    }

    /** A line [start, end) and the start of the line before it in the same file, or -1. */
    private record Tail(int start, int end, int prevStart) {

        boolean valid(MessageDigest sha, byte[] bytes) {
            try {
                JsonNode node = JSON.readTree(bytes, start, end - start);
                if (!node.isObject() || !node.path("prev").isTextual()) {
                    return false;
                }
                if (prevStart < 0) {
                    return true; // first line of its file: checked against the previous file by the verifier
                }
                String expected = JournalFiles.hashHex(sha, bytes, prevStart, start - 1 - prevStart);
                return expected.equals(node.path("prev").asText());
            } catch (IOException e) {
                return false;
            }
        }
    }

}
