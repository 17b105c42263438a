package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.RetentionGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which closed files may go: the oldest ones, in order, each older than the longest
 * retention of any event type it holds. The open file, and any file after one that must stay,
 * are kept, so the journal always remains one unbroken chain from its first file on. A file the
 * {@link RetentionGuard} refuses (not shipped yet) is kept with every file after it.
 */
final class Retention {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z0-9_]+)\"");
    private static final ObjectMapper JSON = JournalLimits.reader();

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");

    private final Duration defaultAge;
    private final RetentionGuard guard;
    private final Map<String, Duration> byType;
    private final Duration shortest;
    /** Closed files never change, so what each must be kept for is worked out once. */
    private final Map<Path, Duration> keepByFile = new ConcurrentHashMap<>();

    Retention(Duration defaultAge, Map<String, Duration> byType) {
        this(defaultAge, byType, RetentionGuard.ALLOW_ALL);
    }

    Retention(Duration defaultAge, Map<String, Duration> byType, RetentionGuard guard) {
        this.defaultAge = defaultAge;
        this.guard = guard;
        this.byType = Map.copyOf(byType);
        Duration min = defaultAge;
        for (Duration d : byType.values()) {
            if (d.compareTo(min) < 0) {
                min = d;
            }
        }
        this.shortest = min;
    }

    /** Files to delete, with the sequence number and hash of the last line they hold. */
    record Plan(List<Path> files, long lastSeq, String lastHash) {
    }

    /** The longest retention among the event types in a file; types without their own use the default. */
    private Duration keepFor(byte[] bytes) {
        Duration keep = null;
        Matcher m = TYPE.matcher(new String(bytes, StandardCharsets.UTF_8));
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            if (seen.add(m.group(1))) {
                Duration d = byType.getOrDefault(m.group(1), defaultAge);
                keep = keep == null || d.compareTo(keep) > 0 ? d : keep;
            }
        }
        return keep == null ? defaultAge : keep;
    }

    Plan plan(Path dir, Path openFile, LocalDate today) throws IOException {
        List<Path> delete = new ArrayList<>();
        long lastSeq = 0;
        String lastHash = null;
        for (JournalFiles.Entry entry : JournalFiles.list(dir)) {
            if (entry.path().equals(openFile)) {
                break;
            }
            if (!entry.day().plusDays(shortest.toDays()).isBefore(today)) {
                break; // too young for any retention: no need to read it
            }
            byte[] bytes = JournalFiles.read(entry);
            Duration keep = keepByFile.computeIfAbsent(entry.path(), p -> keepFor(bytes));
            if (!entry.day().plusDays(keep.toDays()).isBefore(today)) {
                break;
            }
            if (!mayDelete(entry.path())) {
                break; // not shipped yet: it and every later file stay
            }
            int end = bytes.length - 1;
            int start = end;
            while (start > 0 && bytes[start - 1] != '\n') {
                start--;
            }
            JsonNode node = JSON.readTree(bytes, start, end - start);
            lastSeq = node.path("seq").asLong();
            lastHash = new String(JournalFiles.hex(LineFormat.contentHash(JournalFiles.sha256(), bytes, start, end,
                    LineFormat.tagStart(bytes, start, end))), StandardCharsets.US_ASCII);
            delete.add(entry.path());
        }
        return new Plan(delete, lastSeq, lastHash);
    }

    private boolean mayDelete(Path file) {
        try {
            return guard.mayDelete(file);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            LOG.warn("Retention guard failed for {}; the file is kept: {}", file.getFileName(),
                    LogText.describe(t));
            return false;
        }
    }
}
