package dev.tradepulse.runtime.backup;

import dev.tradepulse.api.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File copying for backups: the journal up to its last whole line, the state records, trees. */
final class Copying {

    private Copying() {
    }

    /**
     * Copies a live journal: rotated files whole, and each uncompressed file up to its last newline,
     * so a line the writer is appending right now is left for the next backup, not copied torn.
     */
    static void journal(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".lock")) {
                    continue;
                }
                if (name.endsWith(".jsonl")) {
                    copyWholeLines(p, to.resolve(name));
                } else {
                    Files.copy(p, to.resolve(name));
                }
            }
        }
    }

    private static void copyWholeLines(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = in.size();
            long end = size;
            ByteBuffer b = ByteBuffer.allocate(1);
            while (end > 0) {
                b.clear();
                in.read(b, end - 1);
                if (b.get(0) == '\n') {
                    break;
                }
                end--;
            }
            try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < end) {
                    done += in.transferTo(done, end - done, out);
                }
                out.force(true);
            }
        }
    }

    static void state(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".state")).sorted().toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
    }

    static List<String> stateKeys(Path dir) {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".state")).sorted()
                    .forEach(n -> keys.add(n.substring(0, n.length() - ".state".length())));
        } catch (IOException e) {
            return keys;
        }
        return keys;
    }

    static void tree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(StateStore.LOCK_FILE)) {
                    try (InputStream in = Files.newInputStream(p);
                            OutputStream out = Files.newOutputStream(t, StandardOpenOption.CREATE_NEW)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
