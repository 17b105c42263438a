package dev.tradepulse.spring.boot.autoconfigure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class AuditEventsMetadataTest {

    @Test
    void theGeneratedMetadataListsTheAuditEventsPropertiesWithTheirDefaults() throws Exception {
        Map<String, JsonNode> props = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json"), "generated metadata")) {
            for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
                props.put(p.get("name").asText(), p);
            }
        }

        assertThat(props.get("tradepulse.audit-events.enabled").get("defaultValue").asBoolean()).isTrue();
        assertThat(props.get("tradepulse.audit-events.max-results").get("defaultValue").asInt())
                .isEqualTo(JournalAuditEventRepository.DEFAULT_MAX_RESULTS);
        assertThat(props.get("tradepulse.audit-events.max-results").get("description").asText())
                .contains("/actuator/auditevents");
    }
}
