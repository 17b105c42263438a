package dev.tradepulse.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.config.ConfigKey;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

    private static Map<String, JsonNode> properties() throws Exception {
        try (InputStream in = Objects.requireNonNull(ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json"), "generated metadata")) {
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
                byName.put(p.get("name").asText(), p);
            }
            return byName;
        }
    }

    @Test
    void theGeneratedMetadataListsEveryRuntimeKeyWithItsDescription() throws Exception {
        Map<String, JsonNode> props = properties();
        for (ConfigKey k : RuntimeSchema.schema().keys()) {
            if (k.isPattern()) {
                assertThat(props.get("tradepulse.strategies").get("description").asText())
                        .as("per-strategy key %s", k.name()).contains(k.name().substring("strategies.*.".length()));
                continue;
            }
            assertThat(props).as("metadata for %s", k.name()).containsKey("tradepulse." + k.name());
            assertThat(props.get("tradepulse." + k.name()).get("description").asText()).startsWith(k.description());
        }
    }

    @Test
    void theGeneratedMetadataListsTheStartersOwnKeys() throws Exception {
        Map<String, JsonNode> props = properties();

        assertThat(props).containsKeys("tradepulse.enabled", "tradepulse.health.cache");
        assertThat(props.get("tradepulse.enabled").get("defaultValue").asBoolean()).isTrue();
    }

    @Test
    void theMetadataShowsTheDefaultsThatDifferUnderSpring() throws Exception {
        Map<String, JsonNode> props = properties();

        assertThat(props.get("tradepulse.server.enabled").get("defaultValue").asBoolean()).isFalse();
        assertThat(props.get("tradepulse.shutdown.hook").get("defaultValue").asBoolean()).isFalse();
    }

    @Test
    void docsSpringBootListsEveryRuntimeKeyAsAProperty() throws Exception {
        // The module runs from its own directory; the docs are one up.
        String docs = Files.readString(Path.of("..", "docs", "spring-boot.md"));
        for (ConfigKey k : RuntimeSchema.schema().keys()) {
            String property = "tradepulse." + k.name().replace("strategies.*.", "strategies.NAME.");
            assertThat(docs).as("docs/spring-boot.md lists %s", property).contains("| `" + property + "` |");
        }
    }
}
