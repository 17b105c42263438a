package dev.tradepulse.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Lists and reads a journal directory's files by the published format (docs/compliance-format.md),
 * never through the writer. Stateless and thread-safe.
 */
final class JournalFileReader {

    static final Pattern NAME = Pattern.compile("audit-(\\d{6})-(\\d{8})\\.jsonl(\\.gz)?");
    private static final byte[] SEQ_PREFIX = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private JournalFileReader() {
    }

    /** One file: its index, the plain name (also for a gzipped copy), and whether it is gzipped. */
    record Entry(Path path, int index, String plainName, boolean gzipped) {
    }

    /** The journal's files in index order; where a plain and a gzipped copy of one index exist, the plain one. */
    static List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Path fileName = p.getFileName();
                Matcher m = NAME.matcher(fileName == null ? "" : fileName.toString());
                if (m.matches()) {
                    String name = fileName.toString();
                    boolean gz = m.group(3) != null;
                    entries.add(new Entry(p, Integer.parseInt(m.group(1)),
                            gz ? name.substring(0, name.length() - 3) : name, gz));
                }
            });
        }
        entries.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index())
                : Boolean.compare(a.gzipped(), b.gzipped()));
        List<Entry> unique = new ArrayList<>();
        for (Entry e : entries) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).index() != e.index()) {
                unique.add(e);
            }
        }
        return unique;
    }

    /**
     * Up to {@code max} bytes of a file's (decompressed) content from {@code offset}; fewer at its
     * end. A plain file that vanished (it was just gzipped) reads as null: list again.
     */
    static byte @Nullable [] read(Entry entry, long offset, int max) throws IOException {
        if (!entry.gzipped()) {
            try (FileChannel channel = FileChannel.open(entry.path(), StandardOpenOption.READ)) {
                long size = channel.size();
                if (size <= offset) {
                    return size < offset ? shrunk() : new byte[0];
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max, size - offset));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        break;
                    }
                }
                return buffer.position() == buffer.capacity() ? buffer.array()
                        : Arrays.copyOf(buffer.array(), buffer.position());
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(entry.path()), 1 << 16)) {
            long skipped = in.skip(offset);
            while (skipped < offset) {
                long n = in.skip(offset - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        return shrunk();
                    }
                    n = 1;
                }
                skipped += n;
            }
            return in.readNBytes(max);
        }
    }

    /** A marker: the file is shorter than the offset (recovery truncated it). */
    static final byte[] SHRUNK = new byte[0];

    private static byte[] shrunk() {
        return SHRUNK;
    }

    /** The {@code seq} of a line, read from its fixed first field; -1 if the line does not start as the format says. */
    static long seq(byte[] b, int start, int end) {
        if (end - start <= SEQ_PREFIX.length) {
            return -1;
        }
        for (int i = 0; i < SEQ_PREFIX.length; i++) {
            if (b[start + i] != SEQ_PREFIX[i]) {
                return -1;
            }
        }
        long value = 0;
        int digits = 0;
        for (int i = start + SEQ_PREFIX.length; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            if (++digits > 18) {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return digits == 0 ? -1 : value;
    }

    /** The seq of the newest complete line in the directory, or -1. Reads the end of the newest file only. */
    static long headSeq(Path dir) throws IOException {
        List<Entry> entries = list(dir);
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            byte[] tail = e.gzipped() ? read(e, 0, Integer.MAX_VALUE - 16) : tail(e.path());
            if (tail == null) {
                return headSeq(dir);
            }
            int end = tail.length - 1;
            while (end >= 0 && tail[end] != '\n') {
                end--;
            }
            if (end < 0) {
                continue;
            }
            int start = end;
            while (start > 0 && tail[start - 1] != '\n') {
                start--;
            }
            long seq = seq(tail, start, end);
            if (seq >= 0) {
                return seq;
            }
        }
        return -1;
    }

    private static byte @Nullable [] tail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int window = (int) Math.min(size, 1 << 16);
            ByteBuffer buffer = ByteBuffer.allocate(window);
            while (buffer.hasRemaining() && channel.read(buffer, size - window + buffer.position()) >= 0) {
                // read the window
            }
            return buffer.array();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
