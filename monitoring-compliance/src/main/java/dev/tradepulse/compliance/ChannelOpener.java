package dev.tradepulse.compliance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens the journal's files for appending. The default opens a real {@link FileChannel}; tests
 * pass one that fails, to check that the journal fails closed.
 *
 * <p>Called at build time from the building thread, and at each rotation from the thread that
 * rotates (the writer, or a {@code GROUP_COMMIT} caller) under the journal's chain lock: never
 * twice at once for one journal, so an opener used by one journal need not be thread-safe. What
 * it throws, Errors included, fails the journal closed.
 */
@FunctionalInterface
public interface ChannelOpener {

    /**
     * Opens {@code file}, which exists, for writing at its end.
     *
     * @param file the journal file
     * @return a channel positioned anywhere; the journal positions it itself
     * @throws IOException if it cannot be opened
     */
    FileChannel open(Path file) throws IOException;
}
