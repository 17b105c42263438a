package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a configuration: the schema's defaults, then the profile's, then the file, then
 * environment variables, then system properties, each overriding the one before. Every problem
 * found is reported at once in a {@link ConfigException}. Not thread-safe; build, load, discard.
 *
 * <pre>{@code
 * Config config = ConfigLoader.of(schema).file(Path.of("tradepulse.yml"))
 *         .environment(System.getenv()).systemProperties(System.getProperties()).load();
 * }</pre>
 */
public final class ConfigLoader {

    private static final int MAX_FILE = 1 << 20;
    private static final int MAX_SECRET_FILE = 64 * 1024;

    private final ConfigSchema schema;
    private @Nullable Path file;
    private Map<String, String> environment = Map.of();
    private Properties properties = new Properties();

    private ConfigLoader(ConfigSchema schema) {
        this.schema = schema;
    }

    /**
     * @param schema the known keys and profiles
     * @return a loader with no file, no environment and no system properties
     * @throws NullPointerException if {@code schema} is null
     */
    public static ConfigLoader of(ConfigSchema schema) {
        return new ConfigLoader(Checks.notNull(schema, "schema"));
    }

    /**
     * @param file a {@code .yml}, {@code .yaml} or {@code .properties} file; it must exist
     * @return this loader
     * @throws NullPointerException if {@code file} is null
     */
    public ConfigLoader file(Path file) {
        this.file = Checks.notNull(file, "file");
        return this;
    }

    /**
     * @param environment the environment, usually {@code System.getenv()}; variables starting with
     *     {@value ConfigSchema#ENV_PREFIX} set keys, and {@code ${env:NAME}} secrets are read from it
     * @return this loader
     * @throws NullPointerException if {@code environment} is null
     */
    public ConfigLoader environment(Map<String, String> environment) {
        this.environment = Map.copyOf(Checks.notNull(environment, "environment"));
        return this;
    }

    /**
     * @param properties usually {@code System.getProperties()}; those starting with
     *     {@value ConfigSchema#PROPERTY_PREFIX} set keys
     * @return this loader
     * @throws NullPointerException if {@code properties} is null
     */
    public ConfigLoader systemProperties(Properties properties) {
        Properties copy = new Properties();
        for (String n : Checks.notNull(properties, "properties").stringPropertyNames()) {
            copy.setProperty(n, properties.getProperty(n));
        }
        this.properties = copy;
        return this;
    }

    /**
     * Reads and checks everything.
     *
     * @return the effective configuration
     * @throws ConfigException listing every unknown key, bad value, missing secret and missing
     *     required key, each with where it was written
     */
    public Config load() {
        List<ConfigProblem> problems = new ArrayList<>();
        List<RawEntry> fromFile = readFile(problems);
        List<String> names = new ArrayList<>();
        for (RawEntry e : fromFile) {
            for (String segment : e.key().split("\\.")) {
                names.add(segment);
            }
        }
        List<RawEntry> fromEnv = new ArrayList<>();
        for (Map.Entry<String, String> v : new TreeMap<>(environment).entrySet()) {
            String var = v.getKey();
            if (!var.startsWith(ConfigSchema.ENV_PREFIX)) {
                continue;
            }
            Origin origin = new Origin(Origin.Kind.ENVIRONMENT, var);
            schema.keyOfVariable(var, names).ifPresentOrElse(
                    key -> fromEnv.add(new RawEntry(key, v.getValue(), origin)),
                    () -> problems.add(new ConfigProblem(var, origin, "is not a known setting" + suggestion(
                            var.substring(ConfigSchema.ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), true))));
        }
        List<RawEntry> fromProps = new ArrayList<>();
        for (String n : new TreeMap<>(toMap(properties)).keySet()) {
            if (n.startsWith(ConfigSchema.PROPERTY_PREFIX)) {
                fromProps.add(new RawEntry(n.substring(ConfigSchema.PROPERTY_PREFIX.length()), properties.getProperty(n),
                        new Origin(Origin.Kind.SYSTEM_PROPERTY, n)));
            }
        }
        Map<String, RawEntry> chosen = new LinkedHashMap<>();
        for (List<RawEntry> layer : List.of(fromFile, fromEnv, fromProps)) {
            for (RawEntry e : layer) {
                if (schema.find(e.key()).isEmpty()) {
                    if (e.origin().kind() != Origin.Kind.ENVIRONMENT) {
                        problems.add(new ConfigProblem(e.key(), e.origin(), "is not a known setting" + suggestion(e.key(), false)));
                    }
                    continue;
                }
                chosen.put(e.key(), e);
            }
        }
        String profileName = schema.defaultProfile();
        RawEntry p = chosen.get(ConfigSchema.PROFILE_KEY);
        if (p != null) {
            String lower = p.text().strip().toLowerCase(Locale.ROOT);
            if (schema.profiles().containsKey(lower)) {
                profileName = lower;
            }
        }
        Profile profile = Objects.requireNonNull(schema.profiles().get(profileName), "profile");
        Map<String, Config.Entry> values = new TreeMap<>();
        for (ConfigKey k : schema.keys()) {
            if (!k.isPattern() && k.defaultValue() != null) {
                values.put(k.name(), entry(k, k.name(), k.defaultValue(), new Origin(Origin.Kind.DEFAULT, ""), problems));
            }
        }
        for (Map.Entry<String, String> d : profile.defaults().entrySet()) {
            ConfigKey k = schema.find(d.getKey()).orElseThrow();
            values.put(d.getKey(), entry(k, d.getKey(), d.getValue(), new Origin(Origin.Kind.PROFILE, profileName), problems));
        }
        for (RawEntry e : chosen.values()) {
            ConfigKey k = schema.find(e.key()).orElseThrow();
            String text = e.text();
            if (k.type() == ValueType.SECRET) {
                text = resolveSecret(e, profile, problems);
                if (text == null) {
                    continue;
                }
            }
            Config.Entry entry = entry(k, e.key(), text, e.origin(), problems);
            if (entry != null) {
                values.put(e.key(), entry);
            }
        }
        for (String r : profile.required()) {
            if (!values.containsKey(r)) {
                problems.add(new ConfigProblem(r, new Origin(Origin.Kind.PROFILE, profileName),
                        "is required under the " + profileName + " profile; set it in the file or as "
                                + ConfigSchema.environmentName(r)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(schema, profileName, values);
    }

    private String suggestion(String key, boolean env) {
        return schema.nearest(key).map(n -> "; did you mean " + (env ? ConfigSchema.environmentName(n) : n) + "?")
                .orElse("");
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String n : p.stringPropertyNames()) {
            m.put(n, p.getProperty(n));
        }
        return m;
    }

    private static Config.@Nullable Entry entry(ConfigKey k, String key, String text, Origin origin,
            List<ConfigProblem> problems) {
        Values.Parsed parsed = Values.parse(k, text);
        if (parsed.error() != null || parsed.value() == null) {
            problems.add(new ConfigProblem(key, origin, parsed.error() == null ? "has no value" : parsed.error()));
            return null;
        }
        return new Config.Entry(k, key, parsed.value(), k.type() == ValueType.SECRET ? "******" : text, origin);
    }

    private List<RawEntry> readFile(List<ConfigProblem> problems) {
        if (file == null) {
            return List.of();
        }
        String name = file.toString();
        Origin whole = new Origin(Origin.Kind.FILE, name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) { // a FIFO would block the start, /dev/zero never ends
                problems.add(new ConfigProblem("(file)", whole, "is not a regular file"));
                return List.of();
            }
            if (attributes.size() > MAX_FILE) {
                problems.add(new ConfigProblem("(file)", whole, "is larger than 1 MiB"));
                return List.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".properties")) {
                return PropertiesSource.read(text, name, problems);
            }
            if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
                return YamlSource.read(new StringReader(text), name, problems);
            }
            problems.add(new ConfigProblem("(file)", whole, "must end in .yml, .yaml or .properties"));
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem("(file)", whole, "does not exist"));
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem("(file)", whole, "could not be read: " + e.getClass().getSimpleName()));
        }
        return List.of();
    }

    // Only whole-value references, and only for secrets: nothing else a user writes is interpreted.
    private @Nullable String resolveSecret(RawEntry e, Profile profile, List<ConfigProblem> problems) {
        String t = e.text().strip();
        if (t.startsWith("${env:") && t.endsWith("}")) {
            String var = t.substring(6, t.length() - 1);
            String v = environment.get(var);
            if (v == null || v.isBlank()) {
                problems.add(new ConfigProblem(e.key(), e.origin(), "missing secret: environment variable " + var + " is not set"));
                return null;
            }
            return v;
        }
        if (t.startsWith("${file:") && t.endsWith("}")) {
            Path f = Path.of(t.substring(7, t.length() - 1));
            try {
                BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    problems.add(new ConfigProblem(e.key(), e.origin(), "secret file " + f + " is not a regular file"));
                    return null;
                }
                if (attributes.size() > MAX_SECRET_FILE) {
                    problems.add(new ConfigProblem(e.key(), e.origin(), "secret file " + f + " is larger than 64 KiB"));
                    return null;
                }
                String v = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) {
                    problems.add(new ConfigProblem(e.key(), e.origin(), "missing secret: file " + f + " is empty"));
                    return null;
                }
                return v;
            } catch (NoSuchFileException ex) {
                problems.add(new ConfigProblem(e.key(), e.origin(), "missing secret: file " + f + " does not exist"));
            } catch (IOException | RuntimeException ex) {
                problems.add(new ConfigProblem(e.key(), e.origin(), "missing secret: file " + f + " could not be read ("
                        + ex.getClass().getSimpleName() + ")"));
            }
            return null;
        }
        if (t.startsWith("${")) {
            problems.add(new ConfigProblem(e.key(), e.origin(), "a secret reference must be ${env:NAME} or ${file:/path}"));
            return null;
        }
        if (!profile.literalSecretsAllowed() && e.origin().kind() == Origin.Kind.FILE) {
            problems.add(new ConfigProblem(e.key(), e.origin(), "is a secret written into the file; under the "
                    + profile.name() + " profile write ${env:NAME} or ${file:/path} instead"));
            return null;
        }
        return e.text();
    }
}
