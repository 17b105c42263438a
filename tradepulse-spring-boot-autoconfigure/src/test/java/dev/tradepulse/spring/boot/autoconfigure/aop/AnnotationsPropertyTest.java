package dev.tradepulse.spring.boot.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.spring.boot.autoconfigure.SpringConfigSource;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code tradepulse.annotations.enabled}: the starter's own key, with metadata, never handed to the runtime's loader. */
class AnnotationsPropertyTest {

    @TempDir
    Path dir;

    @Test
    void theMetadataListsTheKeyWithItsDefault() throws Exception {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json"), "generated metadata")) {
            JsonNode found = null;
            for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
                if (p.get("name").asText().equals("tradepulse.annotations.enabled")) {
                    found = p;
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.get("defaultValue").asBoolean()).isTrue();
            assertThat(found.get("description").asText()).contains("@Timed");
        }
    }

    @Test
    void theRuntimesLoaderDoesNotSeeTheKey() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "tradepulse.annotations.enabled", "false", "tradepulse.data-dir", dir.toString())));

        Config config = SpringConfigSource.load(environment);

        assertThat(config.path("data-dir")).contains(dir);
    }
}
