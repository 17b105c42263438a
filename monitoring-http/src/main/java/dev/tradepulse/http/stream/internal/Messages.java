package dev.tradepulse.http.stream.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.http.stream.MessageType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The protocol's JSON: the envelope {@code {"v","type","seq","ts","payload"}} and the payloads.
 * Every value a section or event holds is written by Jackson as a JSON string, never interpreted.
 */
final class Messages {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {
    }

    /** The envelope around a payload already written as JSON; {@code type} and {@code ts} need no escaping. */
    static String envelope(MessageType type, long seq, Instant ts, String payload) {
        return "{\"v\":" + MessageType.PROTOCOL_VERSION + ",\"type\":\"" + type.wireName() + "\",\"seq\":" + seq
                + ",\"ts\":\"" + timestamp(ts) + "\",\"payload\":" + payload + "}";
    }

    static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** An event as the viewer may see it: details only with the token. */
    static ObjectNode event(StatusEvent e, boolean details) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", e.kind().name());
        n.put("section", e.section());
        if (e.subject() != null) {
            n.put("subject", e.subject());
        }
        n.put("tone", e.tone().jsonName());
        n.put("state", e.state());
        n.set("labels", map(e.labels()));
        if (details) {
            n.set("details", map(e.details()));
        }
        n.put("at", timestamp(e.at()));
        return n;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode n = MAPPER.createObjectNode();
        values.forEach(n::put);
        return n;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode error(String code, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        return n;
    }

    /** Writes a node; a node Jackson cannot write (it always can: the tree holds strings and numbers) is null. */
    static @Nullable String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
