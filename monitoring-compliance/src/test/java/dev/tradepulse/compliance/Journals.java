package dev.tradepulse.compliance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: a fixed key, and reading journal files back. */
final class Journals {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);

    private Journals() {
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("audit-\\d{6}-\\d{8}\\.jsonl(\\.gz)?"))
                    .sorted().toList();
        }
    }

    static List<String> lines(Path dir) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path p : files(dir)) {
            all.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        return all;
    }
}
