package dev.tradepulse.http.stream.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /status} snapshot, read back into a tree so that sections and cards can be compared
 * with what was last sent and put into messages exactly as {@code /status} shows them.
 *
 * @param json the snapshot's bytes as text, for {@code SNAPSHOT}
 * @param status the overall status
 * @param sections the sections by id, in order
 * @param strategies the strategies section's cards by title
 */
record Model(String json, String status, Map<String, JsonNode> sections, Map<String, JsonNode> strategies) {

    static Model read(byte[] snapshot, String strategiesSection) throws IOException {
        JsonNode root = Messages.MAPPER.readTree(snapshot);
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        for (JsonNode s : root.path("sections")) {
            sections.put(s.path("id").asText(), s);
        }
        Map<String, JsonNode> cards = new LinkedHashMap<>();
        JsonNode strategies = sections.get(strategiesSection);
        if (strategies != null) {
            for (JsonNode card : strategies.path("cards")) {
                cards.put(card.path("title").asText(), card);
            }
        }
        return new Model(new String(snapshot, StandardCharsets.UTF_8), root.path("status").asText(),
                sections, cards);
    }

    @Nullable JsonNode section(String id) {
        return sections.get(id);
    }

    @Nullable JsonNode card(@Nullable String strategy) {
        return strategy == null ? null : strategies.get(strategy);
    }
}
