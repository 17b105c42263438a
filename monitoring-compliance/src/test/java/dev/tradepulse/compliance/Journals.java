package dev.tradepulse.compliance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: a clock tests move by hand, a fixed key, and reading journal files back. */
final class Journals {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);

    private Journals() {
    }

    /** A clock that stands still until moved. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
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
