package dev.tradepulse.compliance.witness;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Appends heads to a file, one JSON line each, fsynced; reads back the last complete one. */
final class FileWitness implements Witness {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private final Path file;

    FileWitness(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void publish(WitnessedHead head) throws IOException {
        if (!Files.exists(file)) {
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        }
        // Like a transparency-log witness, never roll back: a lower head means the journal was cut.
        Optional<WitnessedHead> latest = latest();
        if (latest.isPresent() && latest.get().coversSeq() > head.coversSeq()) {
            throw new IOException("witness file refuses a head at seq " + head.coversSeq() + ": it already holds seq "
                    + latest.get().coversSeq() + " (was the journal cut back?)");
        }
        byte[] line = (WitnessedHeads.toJson(head) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /**
     * The highest head in the file, not the last line: someone who can append to the file could
     * append an older genuine head to roll it back, and a head lower than an earlier one is
     * itself evidence of that.
     */
    @Override
    public Optional<WitnessedHead> latest() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        WitnessedHead best = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.length() > 16_384) {
                    continue;
                }
                try {
                    WitnessedHead h = WitnessedHeads.parse(line);
                    if (best == null || h.coversSeq() > best.coversSeq()) {
                        best = h;
                    }
                } catch (IllegalArgumentException e) {
                    // a torn or foreign line
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "Witnesses.file(" + file + ")";
    }
}
