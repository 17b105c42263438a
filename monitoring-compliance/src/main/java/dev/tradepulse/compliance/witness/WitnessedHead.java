package dev.tradepulse.compliance.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a witness keeps of one checkpoint: the journal had reached line {@code coversSeq}, whose
 * content hash is {@code head}, and the checkpoint's signature over that. The signature lets a
 * verifier with the key trust a head read back over an untrusted channel.
 *
 * @param origin the journal's name ({@code app/instance})
 * @param coversSeq the sequence number of the line the checkpoint covers
 * @param head the lowercase hex SHA-256 of that line's content
 * @param epoch the index of the file the checkpoint is in
 * @param alg the signature algorithm, or {@code none}
 * @param sig the Base64 signature of {@code Checkpoints.signatureInput(coversSeq, head, epoch)}
 * @param at when the checkpoint was written
 */
public record WitnessedHead(String origin, long coversSeq, String head, long epoch, String alg, String sig,
        Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Checks the fields. */
    public WitnessedHead {
        Objects.requireNonNull(origin, "origin must not be null");
        Objects.requireNonNull(head, "head must not be null");
        Objects.requireNonNull(alg, "alg must not be null");
        Objects.requireNonNull(sig, "sig must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (coversSeq < 0 || epoch < 1) {
            throw new IllegalArgumentException("coversSeq must be >= 0 and epoch >= 1, got " + coversSeq + ", " + epoch);
        }
        if (!HEX64.matcher(head).matches()) {
            throw new IllegalArgumentException("head must be 64 lowercase hex characters");
        }
    }

    /**
     * One JSON object on one line, as the file and HTTP witnesses store it.
     *
     * @return the JSON text, without a newline
     */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", "tradepulse-witness-v1");
        node.put("origin", origin);
        node.put("covers_seq", coversSeq);
        node.put("head", head);
        node.put("epoch", epoch);
        node.put("alg", alg);
        node.put("sig", sig);
        node.put("ts", at.toString());
        return node.toString();
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param json the text
     * @return the head
     * @throws IllegalArgumentException if it is not a witnessed head
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
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a witnessed head: " + e.getClass().getSimpleName(), e);
        }
    }
}
