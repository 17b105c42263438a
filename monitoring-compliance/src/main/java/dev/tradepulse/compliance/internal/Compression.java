package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.support.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gzips closed files in the background: write {@code .gz.tmp}, sync, rename to {@code .gz},
 * sync the directory, then delete the original. A crash at any point leaves a readable copy.
 */
final class Compression {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    /** Shared by the journals of the process; its one thread ends once idle for a second. */
    private static final ThreadPoolExecutor WORKER = worker();

    private Compression() {
    }

    private static ThreadPoolExecutor worker() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Threads.daemon("audit-gzip"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static void gzipLater(Path file) {
        WORKER.execute(() -> {
            try {
                gzip(file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not compress closed audit file {}: {}; it stays uncompressed", file.getFileName(),
                        e.toString().replaceAll("[\\r\\n]", " "));
            }
        });
    }

    /** Deletes {@code *.gz.tmp} files a crash left behind mid-compression; their sources are intact. */
    static void removeStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean removed = false;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".gz.tmp")) {
                    Files.deleteIfExists(p);
                    removed = true;
                }
            }
        }
        if (removed) {
            JournalFiles.syncDirectory(dir);
        }
    }

    static void gzip(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".gz.tmp");
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        Files.deleteIfExists(tmp);
        JournalFiles.createFile(tmp);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
            Files.copy(file, out);
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE);
        JournalFiles.syncDirectory(file.getParent());
        Files.delete(file);
        JournalFiles.syncDirectory(file.getParent());
    }
}
