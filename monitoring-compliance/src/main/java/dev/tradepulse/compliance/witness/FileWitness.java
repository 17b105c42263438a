package dev.tradepulse.compliance.witness;

import java.io.IOException;
import java.io.RandomAccessFile;
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
        byte[] line = (head.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    @Override
    public Optional<WitnessedHead> latest() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        // Read only the end: the file grows forever, a head is well under 4 KiB.
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int n = (int) Math.min(length, 16_384);
            byte[] tail = new byte[n];
            in.seek(length - n);
            in.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                boolean complete = i < lines.length - 1 || text.endsWith("\n");
                if (complete && !lines[i].isBlank()) {
                    try {
                        return Optional.of(WitnessedHead.parse(lines[i]));
                    } catch (IllegalArgumentException e) {
                        // a torn or foreign line: look further back
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Witness.file(" + file + ")";
    }
}
