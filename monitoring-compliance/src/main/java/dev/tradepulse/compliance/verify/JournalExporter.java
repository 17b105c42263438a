package dev.tradepulse.compliance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.JournalLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Exports journal events for auditors, filtered by type, actor and time, as JSON Lines (the
 * original lines, byte for byte) or CSV. Verify first: export does not check the chain.
 * Immutable and thread-safe; it only reads.
 */
public final class JournalExporter {

    /** Output formats. */
    public enum Format { JSONL, CSV }

    private static final ObjectMapper JSON = JournalLimits.reader();
    private static final String[] COLUMNS = {"seq", "ts", "type", "level", "actor", "action", "app", "instance",
        "correlation_id", "details"};

    private final Set<String> types;
    private final @Nullable String actor;
    private final @Nullable Instant from;
    private final @Nullable Instant to;

    /**
     * An exporter with filters; each may be empty or null for "all".
     *
     * @param types event types to keep, or empty for all
     * @param actor the actor to keep, or null
     * @param from the earliest time, inclusive, or null
     * @param to the latest time, exclusive, or null
     * @throws NullPointerException if {@code types} is null or holds null
     */
    public JournalExporter(Set<String> types, @Nullable String actor, @Nullable Instant from, @Nullable Instant to) {
        this.types = Set.copyOf(Objects.requireNonNull(types, "types must not be null"));
        this.actor = actor;
        this.from = from;
        this.to = to;
    }

    /**
     * Writes the matching events.
     *
     * @param dir the journal directory
     * @param format the format
     * @param out where to write
     * @return how many events were written
     * @throws IOException if reading or writing fails
     */
    public long export(Path dir, Format format, Writer out) throws IOException {
        long written = 0;
        if (format == Format.CSV) {
            out.write(String.join(",", COLUMNS) + "\r\n");
        }
        for (JournalFiles.Entry entry : JournalFiles.list(dir)) {
            byte[] bytes = JournalFiles.read(entry);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                JsonNode node = JSON.readTree(line);
                if (!matches(node)) {
                    continue;
                }
                if (format == Format.JSONL) {
                    out.write(line);
                    out.write('\n');
                } else {
                    writeCsv(node, out);
                }
                written++;
            }
        }
        out.flush();
        return written;
    }

    private boolean matches(JsonNode node) {
        if (!types.isEmpty() && !types.contains(node.path("type").asText())) {
            return false;
        }
        if (actor != null && !actor.equals(node.path("actor").asText())) {
            return false;
        }
        if (from != null || to != null) {
            Instant ts = Instant.parse(node.path("ts").asText());
            return (from == null || !ts.isBefore(from)) && (to == null || ts.isBefore(to));
        }
        return true;
    }

    private static void writeCsv(JsonNode node, Writer out) {
        try {
            for (int c = 0; c < COLUMNS.length; c++) {
                if (c > 0) {
                    out.write(',');
                }
                JsonNode value = node.path(COLUMNS[c]);
                String text = value.isMissingNode() || value.isNull() ? ""
                        : value.isValueNode() ? value.asText() : JSON.writeValueAsString(value);
                out.write(cell(text));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting, and a leading quote on anything a spreadsheet would run as a formula. */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
