package dev.tradepulse.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps TradePulse's liveness and readiness groups onto Actuator's probe groups, as defaults the
 * application's own properties override: {@code management.endpoint.health.probes.enabled=true},
 * and {@code /actuator/health/liveness} and {@code /actuator/health/readiness} include
 * {@code tradepulseLiveness} and {@code tradepulseReadiness} besides Spring's availability states.
 * Does nothing when {@code tradepulse.enabled} or {@code management.health.tradepulse.enabled} is
 * false, so that the groups never name a contributor that is not there.
 *
 * <p>Stateless; thread-safe.
 */
public class TradePulseEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The name of the property source of these defaults, last in the environment. */
    public static final String SOURCE_NAME = "tradepulseDefaults";

    /** Creates the post-processor; Spring calls it. */
    public TradePulseEnvironmentPostProcessor() {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("tradepulse.enabled", Boolean.class, true)
                || !environment.getProperty("management.health.tradepulse.enabled", Boolean.class, true)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState,tradepulseLiveness");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,tradepulseReadiness");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
