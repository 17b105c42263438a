package dev.tradepulse.spring.boot.autoconfigure;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.runtime.config.ConfigSchema;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the runtime's configuration from Spring's {@code Environment}: every {@code tradepulse.*}
 * property of an enumerable property source (application properties and YAML, test properties,
 * command-line arguments, system properties) goes through the runtime's own {@link ConfigLoader}
 * with {@link RuntimeSchema#schema()}, so the keys, defaults, checks, secret references and
 * profiles are the runtime's. {@code TRADEPULSE_*} environment variables are read by the loader
 * itself, as outside Spring (Spring's relaxed names for them are skipped, so that a variable is not
 * read twice under two spellings).
 *
 * <p>Under Spring two defaults differ: {@code server.enabled} is false (Actuator serves health and
 * metrics), unless {@code tradepulse.status.on=own-port} asks for TradePulse's own server, and
 * {@code shutdown.hook} is false (the context closes TradePulse). Setting either explicitly wins
 * (but {@code own-port} with {@code tradepulse.server.enabled=false} is refused).
 *
 * <p>Stateless; thread-safe.
 */
public final class SpringConfigSource {

    /** The prefix of TradePulse's properties in Spring's environment. */
    public static final String PREFIX = "tradepulse.";

    /** The starter's own keys, not the runtime's: they never reach the {@link ConfigLoader}. */
    static final Set<String> STARTER_KEYS = Set.of("tradepulse.enabled", "tradepulse.health.cache",
            "tradepulse.audit-events.enabled", "tradepulse.audit-events.max-results", "tradepulse.annotations.enabled");

    /** The prefixes of the starter's own groups of keys (health indicators, the status page). */
    static final List<String> STARTER_PREFIXES = List.of("tradepulse.health.indicators.", "tradepulse.status.");

    /** The runtime's keys that default to false under Spring. */
    private static final List<String> SPRING_DEFAULTS = List.of("server.enabled", "shutdown.hook");

    /** Spring's view of all other sources under relaxed names; reading it would read them twice. */
    private static final String ATTACHED = "configurationProperties";

    private SpringConfigSource() {
    }

    /**
     * @param environment the application's environment
     * @return the runtime's effective configuration
     * @throws NullPointerException if {@code environment} is null
     * @throws dev.tradepulse.runtime.config.ConfigException listing every unknown key and bad value,
     *     each with the property source it came from
     * @throws IllegalArgumentException if {@code tradepulse.status.on=own-port} is set with
     *     {@code tradepulse.server.enabled=false}
     */
    public static Config load(ConfigurableEnvironment environment) {
        return load(environment, System.getenv());
    }

    static Config load(ConfigurableEnvironment environment, Map<String, String> variables) {
        Checks.notNull(environment, "environment");
        Properties properties = new Properties();
        for (String name : names(environment)) {
            String value = environment.getProperty(name);
            if (value != null) {
                properties.setProperty(name, value);
            }
        }
        boolean ownPort = ownPort(environment.getProperty("tradepulse.status.on"));
        if (ownPort && "false".equalsIgnoreCase(properties.getProperty(PREFIX + "server.enabled", "").strip())) {
            throw new IllegalArgumentException("tradepulse.status.on=own-port serves the status page on TradePulse's own"
                    + " server, which tradepulse.server.enabled=false turns off; remove one of them");
        }
        for (String key : SPRING_DEFAULTS) {
            // the loader ranks these properties above the variables, so a default goes in only when neither sets it
            if (!properties.containsKey(PREFIX + key) && !variables.containsKey(ConfigSchema.environmentName(key))) {
                properties.setProperty(PREFIX + key, ownPort && key.equals("server.enabled") ? "true" : "false");
            }
        }
        return ConfigLoader.of(RuntimeSchema.schema()).environment(variables).systemProperties(properties).load();
    }

    /** Whether {@code tradepulse.status.on} asks for TradePulse's own server: {@code own-port}, in any of Spring's spellings. */
    private static boolean ownPort(@Nullable String on) {
        return on != null && on.replaceAll("[^A-Za-z]", "").equalsIgnoreCase("ownport");
    }

    private static Set<String> names(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                    || ATTACHED.equals(source.getName())
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (name.startsWith(PREFIX) && !STARTER_KEYS.contains(name)
                        && STARTER_PREFIXES.stream().noneMatch(name::startsWith)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
