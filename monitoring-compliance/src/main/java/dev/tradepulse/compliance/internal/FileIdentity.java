package dev.tradepulse.compliance.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which file a path named when the writer opened it (device and inode on Unix). After an
 * {@code rm -rf} or a replaced file the writer's channel still works, into an unlinked inode:
 * acknowledging there would lose every later event, so the writer checks before it syncs.
 */
final class FileIdentity {

    private final Path path;
    private final Object key;

    private FileIdentity(Path path, Object key) {
        this.path = path;
        this.key = key;
    }

    static FileIdentity of(Path path) throws IOException {
        return new FileIdentity(path, key(path));
    }

    private static Object key(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key != null ? key : path.toAbsolutePath().toString();
    }

    /** Fails unless the path still names the file that was opened. */
    void check() throws IOException {
        Object now;
        try {
            now = key(path);
        } catch (NoSuchFileException e) {
            throw new IOException("the journal file " + path.getFileName() + " (or its directory) was deleted");
        }
        if (!now.equals(key)) {
            throw new IOException("the journal file " + path.getFileName() + " was replaced by another file");
        }
    }
}
