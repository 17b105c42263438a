package dev.tradepulse.api.state;

import dev.tradepulse.api.state.StateRecord.Status;
import dev.tradepulse.api.support.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One file per key: a one-line ASCII header, then the payload. The header names the format, the
 * key, the version, the payload's length, when it was saved, and the SHA-256 of all of those and
 * the payload, so a truncated file, an edited byte or a record copied under another key's name all
 * read as {@link Status#DAMAGED}.
 */
final class FileStateStore implements StateStore {

    static final String FORMAT = "tradepulse-state-v1";
    static final String SUFFIX = ".state";
    static final int MAX_PAYLOAD = 1 << 20;
    private static final int MAX_HEADER = 512;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConcurrentHashMap<String, Object> keyLocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private FileStateStore(Path dir, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static FileStateStore open(Path dir, Clock clock) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            if (POSIX) {
                Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(d);
            }
        }
        FileChannel channel = FileChannel.open(d.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("state directory " + d + " is already open in this process; one store per directory");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException("state directory " + d + " is held by another process (" + holder
                    + "); one store per directory");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            removeTemporaries(d);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new FileStateStore(d, clock, channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(64);
            int n = channel.read(b, 0);
            String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return s.matches("pid \\d+") ? s : "unknown pid";
        } catch (IOException e) {
            return "unknown pid";
        }
    }

    private static void removeTemporaries(Path d) throws IOException {
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(d, "*" + SUFFIX + ".tmp-*")) {
            for (Path p : tmp) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String checkKey(String key) {
        Checks.notNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must be 1 to 64 characters of a-z 0-9 . _ - starting with a letter"
                    + " or digit, but was \"" + clean(key) + "\"");
        }
        return key;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the state store of " + dir + " is closed");
        }
    }

    @Override
    public StateRecord read(String key) {
        checkKey(key);
        checkOpen();
        Path file = dir.resolve(key + SUFFIX);
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) { // a FIFO would block the start, a device never ends
                return StateRecord.failed(key, Status.UNREADABLE, file + " is not a regular file");
            }
            if (attributes.size() > MAX_HEADER + (long) MAX_PAYLOAD) {
                return StateRecord.failed(key, Status.DAMAGED, "the file is larger than any record");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StateRecord.absent(key);
        } catch (AccessDeniedException e) {
            return StateRecord.failed(key, Status.UNREADABLE, "access denied to " + file);
        } catch (IOException e) {
            return StateRecord.failed(key, Status.UNREADABLE, "could not read " + file + ": " + e.getClass().getSimpleName());
        }
        return decode(key, bytes);
    }

    static StateRecord decode(String key, byte[] bytes) {
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, MAX_HEADER); i++) {
            if (bytes[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return StateRecord.failed(key, Status.DAMAGED, "no record header (empty, truncated or not a state file)");
        }
        String[] h = new String(bytes, 0, nl, StandardCharsets.US_ASCII).split(" ", -1);
        if (h.length != 6 || !h[0].startsWith("tradepulse-state-")) {
            return StateRecord.failed(key, Status.DAMAGED, "not a state file header");
        }
        if (!FORMAT.equals(h[0])) {
            return StateRecord.failed(key, Status.DAMAGED, "unknown state file format " + clean(h[0]));
        }
        if (!key.equals(h[1])) {
            return StateRecord.failed(key, Status.DAMAGED, "the file holds the record of another key (" + clean(h[1]) + ")");
        }
        int version;
        int length;
        Instant saved;
        try {
            version = Integer.parseInt(h[2]);
            length = Integer.parseInt(h[3]);
            saved = Instant.parse(h[4]);
        } catch (NumberFormatException | DateTimeParseException e) {
            return StateRecord.failed(key, Status.DAMAGED, "a malformed header field");
        }
        if (version < 1 || length < 0 || length > MAX_PAYLOAD) {
            return StateRecord.failed(key, Status.DAMAGED, "a header field out of range");
        }
        if (bytes.length - nl - 1 != length) {
            return StateRecord.failed(key, Status.DAMAGED, "the payload is " + (bytes.length - nl - 1)
                    + " bytes, the header says " + length + " (truncated or appended to)");
        }
        byte[] payload = new byte[length];
        System.arraycopy(bytes, nl + 1, payload, 0, length);
        if (!digest(key, version, length, h[4], payload).equals(h[5])) {
            return StateRecord.failed(key, Status.DAMAGED, "the checksum does not match (altered)");
        }
        return new StateRecord(key, Status.OK, version, saved, "", payload);
    }

    static byte[] encode(String key, int version, Instant saved, byte[] payload) {
        String ts = saved.toString();
        byte[] header = (FORMAT + " " + key + " " + version + " " + payload.length + " " + ts + " "
                + digest(key, version, payload.length, ts, payload) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + payload.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        return out;
    }

    private static String digest(String key, int version, int length, String saved, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "|" + key + "|" + version + "|" + length + "|" + saved + "|").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String clean(String s) {
        String t = s.replaceAll("[^ -~]", "?");
        return t.length() > 64 ? t.substring(0, 64) + "..." : t;
    }

    @Override
    public void write(String key, int version, byte[] payload) throws IOException {
        checkKey(key);
        Checks.notNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, but was " + version);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload must be at most " + MAX_PAYLOAD + " bytes, but was " + payload.length);
        }
        checkOpen();
        byte[] bytes = encode(key, version, clock.instant(), payload);
        synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
            Path target = dir.resolve(key + SUFFIX);
            Path tmp = dir.resolve(key + SUFFIX + ".tmp-" + UUID.randomUUID());
            try {
                try (FileChannel ch = POSIX
                        ? FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                        : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            forceDirectory();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        checkKey(key);
        checkOpen();
        synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
            if (Files.deleteIfExists(dir.resolve(key + SUFFIX))) {
                forceDirectory();
            }
        }
    }

    // The rename is durable only once the directory entry is; Linux allows forcing a directory.
    private void forceDirectory() throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // the channel's close below releases it too
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "StateStore[" + dir + (closed ? ", closed" : "") + "]";
    }
}
