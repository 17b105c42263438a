package dev.tradepulse.compliance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Names, lists, creates and reads journal files. Shared by the writer and the verifier. Stateless and thread-safe. */
public final class JournalFiles {

    /** {@code audit-000001-20261122.jsonl}, optionally {@code .gz}: index first, so names sort in order. */
    public static final Pattern NAME = Pattern.compile("audit-(\\d{6})-(\\d{8})\\.jsonl(\\.gz)?");

    /** The hash the first line of a journal points back to. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JournalFiles() {
    }

    /** One journal file: its index in the sequence, its day, and whether it is gzipped. */
    public record Entry(Path path, int index, LocalDate day, boolean gzipped) {
    }

    /**
     * The journal files in a directory, in sequence order. Where both a plain and a gzipped copy
     * of one index exist (compression was interrupted), the plain one is listed.
     *
     * @param dir the directory
     * @return the files
     * @throws IOException if the directory cannot be read
     */
    public static List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    LocalDate day;
                    try {
                        day = LocalDate.parse(m.group(2), DAY);
                    } catch (DateTimeParseException e) {
                        bad.add(p.getFileName().toString());
                        return;
                    }
                    entries.add(new Entry(p, Integer.parseInt(m.group(1)), day, m.group(3) != null));
                }
            });
        }
        if (!bad.isEmpty()) {
            throw new IOException("journal file name with an impossible day: " + bad.get(0));
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

    static Path fileFor(Path dir, int index, LocalDate day) {
        return dir.resolve(String.format("audit-%06d-%s.jsonl", index, DAY.format(day)));
    }

    /** Creates the directory (0700) if needed; an existing one keeps its mode (see {@link JournalDirectory}). */
    static void ensureDirectory(Path dir) throws IOException {
        JournalDirectory.prepare(dir, POSIX);
    }

    /** Creates an empty file with mode 0600, then syncs the directory so the name survives a crash. */
    static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        syncDirectory(file.getParent());
    }

    /** Makes renames, creations and deletions in a directory durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (POSIX) {
                throw e;
            }
            // Some platforms cannot open a directory; nothing more can be done there.
        }
    }

    /**
     * The bytes of a journal file, decompressed if gzipped.
     *
     * @param entry the file
     * @return its content
     * @throws IOException if it cannot be read
     */
    public static byte[] read(Entry entry) throws IOException {
        if (!entry.gzipped()) {
            long size = Files.size(entry.path());
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(entry, size);
            }
            return Files.readAllBytes(entry.path());
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(entry.path()))) {
            // Bounded: a gzip bomb must not take the reader's heap.
            byte[] out = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (out.length > MAX_FILE_BYTES) {
                throw tooLarge(entry, out.length);
            }
            return out;
        }
    }

    /**
     * The end of a journal file holding at least its whole last line: the last 1 MiB of a plain
     * file when that holds a line break before its last line, else the whole file.
     *
     * @param entry the file
     * @return bytes ending where the file ends
     * @throws IOException if it cannot be read
     */
    public static byte[] readTail(Entry entry) throws IOException {
        int window = 1 << 20;
        if (entry.gzipped() || Files.size(entry.path()) <= window) {
            return read(entry);
        }
        byte[] tail = new byte[window];
        try (FileChannel channel = FileChannel.open(entry.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(tail);
            long at = channel.size() - window;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("journal file " + entry.path().getFileName() + " shrank while read");
                }
            }
        }
        for (int i = window - 2; i >= 0; i--) {
            if (tail[i] == '\n') {
                return Arrays.copyOfRange(tail, i + 1, window); // from the start of the last line
            }
        }
        return read(entry); // a last line longer than the window
    }

    /** The largest journal file a reader takes: {@code rotateAtBytes} is at most this. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static IOException tooLarge(Entry entry, long size) {
        return new IOException("journal file " + entry.path().getFileName() + " is too large to read (" + size
                + " bytes; the writer never writes more than " + MAX_FILE_BYTES + ")");
    }

    /**
     * A new SHA-256 digest.
     *
     * @return the digest
     */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /**
     * The lowercase hex SHA-256 of {@code length} bytes from {@code offset}.
     *
     * @param digest a digest to reuse
     * @param bytes the bytes
     * @param offset where to start
     * @param length how many
     * @return 64 lowercase hex characters
     */
    public static String hashHex(MessageDigest digest, byte[] bytes, int offset, int length) {
        digest.reset();
        digest.update(bytes, offset, length);
        return new String(hex(digest.digest()), StandardCharsets.US_ASCII);
    }

    /** Writes the lowercase hex of {@code raw} into {@code out}, which is twice as long. */
    static void hexInto(byte[] raw, byte[] out) {
        for (int i = 0; i < raw.length; i++) {
            out[2 * i] = HEX[(raw[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[raw[i] & 0xF];
        }
    }

    /**
     * Lowercase hex.
     *
     * @param raw bytes
     * @return their hex, as ASCII bytes
     */
    public static byte[] hex(byte[] raw) {
        byte[] out = new byte[raw.length * 2];
        for (int i = 0; i < raw.length; i++) {
            out[2 * i] = HEX[(raw[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[raw[i] & 0xF];
        }
        return out;
    }
}
