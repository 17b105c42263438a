package dev.tradepulse.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SpringConfigSourceTest {

    static Config config(String... pairs) {
        return config(Map.of(), pairs);
    }

    static Config config(Map<String, String> variables, String... pairs) {
        StandardEnvironment env = new StandardEnvironment();
        Map<String, Object> map = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        env.getPropertySources().addFirst(new MapPropertySource("test", map));
        return SpringConfigSource.load(env, variables);
    }

    @Test
    void underSpringTheServerAndTheShutdownHookAreOffUnlessSet() {
        Config c = config();

        assertThat(c.bool("server.enabled")).isFalse();
        assertThat(c.bool("shutdown.hook")).isFalse();
    }

    @Test
    void anExplicitSettingWinsOverTheSpringDefaults() {
        Config c = config("tradepulse.server.enabled=true", "tradepulse.server.port=0");

        assertThat(c.bool("server.enabled")).isTrue();
        assertThat(c.integer("server.port")).isZero();
    }

    @Test
    void anEnvironmentVariableWinsOverTheSpringDefaults() {
        Config c = config(Map.of("TRADEPULSE_SERVER_ENABLED", "true", "TRADEPULSE_SERVER_PORT", "0"));

        assertThat(c.bool("server.enabled")).isTrue();
        assertThat(c.bool("shutdown.hook")).isFalse();
    }

    @Test
    void theRuntimesKeysAndPerStrategyKeysAreRead() {
        Config c = config("tradepulse.app=bot", "tradepulse.strategies.alpha.daily-loss-halt=-0.20",
                "tradepulse.enabled=true", "tradepulse.health.cache=0s");

        assertThat(c.string("app")).contains("bot");
        assertThat(c.decimal("strategies.alpha.daily-loss-halt")).isEqualTo(-0.20);
    }
}
