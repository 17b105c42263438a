package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one set of size limits for journal lines. The writer enforces them when it encodes an event
 * (cutting or stringifying, and listing the change in {@code truncated}); recovery, the verifier and
 * the exporter read with constraints at least this wide, so whatever the writer accepted is read
 * back. A line beyond them was not written by us and reads as modified. Constants only; thread-safe.
 */
public final class JournalLimits {

    /** Longest detail name, in chars; longer names are cut. */
    public static final int MAX_NAME_LENGTH = 256;
    /** Hard ceiling for {@code maxFieldLength}, in chars. */
    public static final int MAX_VALUE_LENGTH = 1 << 20;
    /** Most digits in a number; larger numbers are written as strings. */
    public static final int MAX_NUMBER_DIGITS = 100;
    /** Deepest nesting inside {@code details}; deeper values become {@code "[too deep]"}. */
    public static final int MAX_DEPTH = 16;
    /** Largest encoded event, in bytes; a larger one keeps its envelope and loses its details. */
    public static final int MAX_EVENT_BYTES = 16 << 20;

    /** What a reader allows: everything above, with room for the envelope and escaping. */
    private static final StreamReadConstraints READ = StreamReadConstraints.builder()
            .maxStringLength(MAX_VALUE_LENGTH + 1024)
            .maxNameLength(Math.max(MAX_NAME_LENGTH * 4, 1024))
            .maxNumberLength(MAX_NUMBER_DIGITS + 32)
            .maxNestingDepth(MAX_DEPTH + 8)
            .maxDocumentLength((long) MAX_EVENT_BYTES * 2)
            .build();

    private JournalLimits() {
    }

    /**
     * A mapper for reading journal lines, with the journal's limits.
     *
     * @return a new mapper
     */
    public static ObjectMapper reader() {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(READ).build());
    }
}
