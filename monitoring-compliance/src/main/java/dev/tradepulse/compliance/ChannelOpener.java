package dev.tradepulse.compliance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens the journal's files for appending. The default opens a real {@link FileChannel}; tests
 * pass one that fails, to check that the journal fails closed.
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
