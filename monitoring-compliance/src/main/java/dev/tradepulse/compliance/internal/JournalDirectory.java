package dev.tradepulse.compliance.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Creates the journal directory private (0700), and leaves an existing one's mode alone: the
 * owner may have chosen a group for auditors. One that group or others can reach is reported.
 */
final class JournalDirectory {

    private static final Set<PosixFilePermission> SHARED = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

    private JournalDirectory() {
    }

    static void prepare(Path dir, boolean posix) throws IOException {
        if (Files.isDirectory(dir)) {
            if (posix) {
                warnIfShared(dir);
            }
            return;
        }
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            // the umask may have narrowed the mode given at creation, never widened it; make it exact
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void warnIfShared(Path dir) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (mode.stream().anyMatch(SHARED::contains)) {
            LoggerFactory.getLogger("dev.tradepulse.compliance").warn("Compliance journal directory {} has mode {}: "
                    + "group or others can reach it (its mode is left as it is; 0700 keeps the journal private)",
                    SafeText.oneLine(dir.toString()), PosixFilePermissions.toString(mode));
        }
    }
}
