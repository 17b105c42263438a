package dev.tradepulse.compliance.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One writer per journal directory: an exclusive {@link FileLock} on {@code audit.lock}, which
 * holds the owner's PID for the error message. The OS drops the lock when the process dies, so a
 * crash never leaves the directory locked.
 */
final class JournalLock {

    static final String FILE = "audit.lock";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static JournalLock acquire(Path dir) throws IOException {
        JournalFiles.ensureDirectory(dir);
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            try {
                if (POSIX) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                // another opener created it first; the lock decides
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new JournalLockedException("the journal in " + dir + " is already open in this JVM; "
                    + "close that ComplianceLogger first (one writer per directory)");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new JournalLockedException("the journal in " + dir + " is locked by another writer"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; one writer per directory");
        }
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
        return new JournalLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d{1,12}") ? s : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Also locks the journal file being appended to, released when its channel closes: deleting
     * {@code audit.lock} (a stale-looking file to a clean-up script) must not let a second
     * writer append to the same file.
     */
    static void lockJournalFile(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new JournalLockedException("the journal file " + file + " is already being written in this JVM; "
                    + "one writer per directory");
        }
        if (lock == null) {
            throw new JournalLockedException("the journal file " + file + " is locked by another writer; "
                    + "one writer per directory");
        }
    }

    /** Releases the lock; safe to call more than once. */
    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // closing the channel releases the lock anyway
        }
    }

    /** Thrown when another writer holds the directory. */
    static final class JournalLockedException extends IOException {
        private static final long serialVersionUID = 1L;

        JournalLockedException(String message) {
            super(message);
        }
    }
}
