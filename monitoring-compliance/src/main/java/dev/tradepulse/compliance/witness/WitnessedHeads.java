package dev.tradepulse.compliance.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.api.audit.WitnessedHead;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The JSON form of a {@link WitnessedHead}, as the file and HTTP witnesses store it. Stateless and thread-safe. */
public final class WitnessedHeads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WitnessedHeads() {
    }

    /**
     * One JSON object on one line, as the file and HTTP witnesses store it.
     *
     * @param head the head
     * @return the JSON text, without a newline
     * @throws NullPointerException if {@code head} is null
     */
    public static String toJson(WitnessedHead head) {
        Objects.requireNonNull(head, "head must not be null");
        ObjectNode node = JSON.createObjectNode();
        node.put("format", "tradepulse-witness-v1");
        node.put("origin", head.origin());
        node.put("covers_seq", head.coversSeq());
        node.put("head", head.head());
        node.put("epoch", head.epoch());
        node.put("alg", head.alg());
        node.put("sig", head.sig());
        node.put("ts", head.at().toString());
        return node.toString();
    }

    /**
     * Reads what {@link #toJson(WitnessedHead)} wrote.
     *
     * @param json the text
     * @return the head
     * @throws IllegalArgumentException if it is not a witnessed head
     * @throws NullPointerException if {@code json} is null
     */
    public static WitnessedHead parse(String json) {
        Objects.requireNonNull(json, "json must not be null");
        if (json.length() > 16_384) {
            throw new IllegalArgumentException("not a witnessed head: " + json.length() + " chars is too long");
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !"tradepulse-witness-v1".equals(n.path("format").asText())) {
                throw new IllegalArgumentException("not a witnessed head (format is not tradepulse-witness-v1)");
            }
            return new WitnessedHead(n.path("origin").asText(), n.path("covers_seq").asLong(-1),
                    n.path("head").asText(), n.path("epoch").asLong(0), n.path("alg").asText(),
                    n.path("sig").asText(), Instant.parse(n.path("ts").asText()));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a witnessed head: " + e.getClass().getSimpleName(), e);
        }
    }
}
