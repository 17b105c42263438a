package dev.tradepulse.spring.boot.autoconfigure.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.audit.AuditEvent;

/**
 * Receives the journal's lines from {@code JournalExporter} (JSON Lines, one {@code \n} after
 * each) and keeps the newest {@code max} that the repository wrote and the query matches, as
 * Actuator events. Memory is bounded by {@code max} events and the longest line. One query;
 * not thread-safe.
 */
final class NewestEvents extends Writer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, @Nullable Object>> DATA_TYPE = new TypeReference<>() {
    };

    private final int max;
    private final Set<String> principals;
    private final @Nullable Instant after;
    private final @Nullable String type;
    private final ArrayDeque<AuditEvent> newest;
    private final StringBuilder line = new StringBuilder(512);

    /**
     * @param max the most events kept, the newest
     * @param principals the actors that match (the principal as given and as the journal stores
     *     it), or empty for every actor
     * @param after events strictly after this time, or null
     * @param type Actuator's event type, or null for every type
     */
    NewestEvents(int max, Set<String> principals, @Nullable Instant after, @Nullable String type) {
        this.max = max;
        this.principals = principals;
        this.after = after;
        this.type = type;
        this.newest = new ArrayDeque<>(Math.min(max, 1024));
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            if (chars[i] == '\n') {
                accept(line.toString());
                line.setLength(0);
            } else {
                line.append(chars[i]);
            }
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        int from = off;
        for (int i = off; i < end; i++) {
            if (s.charAt(i) == '\n') {
                line.append(s, from, i);
                accept(line.toString());
                line.setLength(0);
                from = i + 1;
            }
        }
        line.append(s, from, end);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** @return the events kept, oldest first and newest last, as Actuator's own repository answers */
    List<AuditEvent> events() {
        return new ArrayList<>(newest);
    }

    private void accept(String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        JsonNode details = node.path("details");
        JsonNode springType = details.path(JournalAuditEventRepository.SPRING_TYPE);
        if (!springType.isTextual()) {
            return; // not written by the repository
        }
        if (type != null && !type.equals(springType.asText())) {
            return;
        }
        String actor = node.path("actor").asText();
        if (!principals.isEmpty() && !principals.contains(actor)) {
            return;
        }
        Instant at;
        try {
            at = Instant.parse(node.path("ts").asText());
        } catch (DateTimeParseException e) {
            return; // the exporter has parsed it already when a time was asked for; never for a journal line
        }
        if (after != null && !at.isAfter(after)) {
            return;
        }
        newest.addLast(new AuditEvent(at, actor, springType.asText(), data(details.path(JournalAuditEventRepository.DATA))));
        if (newest.size() > max) {
            newest.removeFirst();
        }
    }

    private static Map<String, @Nullable Object> data(JsonNode data) {
        if (!data.isObject()) {
            return new LinkedHashMap<>(); // cut from an oversized event: the journal lists it in "truncated"
        }
        return JSON.convertValue(data, DATA_TYPE);
    }
}
