package dev.tradepulse.runtime.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The list of a backup's files with their SHA-256 and size, and where each part came from.
 * One line each: {@code file <sha256> <size> <relative path>} and {@code source <part>\t<path>}.
 */
final class Manifest {

    static final String FILE = "MANIFEST";
    private static final String FORMAT = "tradepulse-backup-v1";

    record Entry(String sha256, long size, String path) {
    }

    private final Instant created;
    private final Map<String, Path> sources = new LinkedHashMap<>();
    private final List<Entry> files = new ArrayList<>();

    Manifest(Instant created) {
        this.created = created;
    }

    void source(String part, Path path) {
        sources.put(part, path.toAbsolutePath().normalize());
    }

    Map<String, Path> sources() {
        return sources;
    }

    List<Entry> files() {
        return files;
    }

    long bytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    void addFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                files.add(new Entry(sha256(p), Files.size(p), rel));
            }
        }
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder(FORMAT).append('\n').append("created ").append(created).append('\n');
        for (Map.Entry<String, Path> s : sources.entrySet()) {
            b.append("source ").append(s.getKey()).append('\t').append(s.getValue()).append('\n');
        }
        for (Entry e : files) {
            b.append("file ").append(e.sha256()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    static Manifest read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            throw new IOException("not a " + FORMAT + " manifest");
        }
        Manifest m = new Manifest(Instant.parse(lines.get(1).substring("created ".length())));
        for (String l : lines.subList(2, lines.size())) {
            if (l.startsWith("source ")) {
                int tab = l.indexOf('\t');
                m.sources.put(l.substring(7, tab), Path.of(l.substring(tab + 1)));
            } else if (l.startsWith("file ")) {
                String[] f = l.split(" ", 4);
                m.files.add(new Entry(f[1], Long.parseLong(f[2]), f[3]));
            }
        }
        return m;
    }

    void check(Path dir, List<String> problems) {
        for (Entry e : files) {
            Path p = dir.resolve(e.path()).normalize();
            if (!p.startsWith(dir.normalize())) {
                problems.add("the manifest names a file outside the backup: " + e.path());
                continue;
            }
            try {
                if (Files.size(p) != e.size() || !sha256(p).equals(e.sha256())) {
                    problems.add(e.path() + " differs from the manifest (size or SHA-256)");
                }
            } catch (NoSuchFileException x) {
                problems.add(e.path() + " is missing");
            } catch (IOException x) {
                problems.add(e.path() + " cannot be read: " + x.getClass().getSimpleName());
            }
        }
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[64 * 1024];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
