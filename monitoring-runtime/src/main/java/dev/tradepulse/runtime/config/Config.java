package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An effective configuration: every key with a value, typed and checked, with where it came from.
 * Immutable and thread-safe. Secrets print as {@code ******} everywhere, {@link #describe()} included.
 */
public final class Config {

    /** One effective value. */
    record Entry(ConfigKey key, String name, Object value, String shown, Origin origin) {
    }

    private final ConfigSchema schema;
    private final String profile;
    private final Map<String, Entry> values;

    Config(ConfigSchema schema, String profile, Map<String, Entry> values) {
        this.schema = schema;
        this.profile = profile;
        this.values = Collections.unmodifiableMap(values);
    }

    /** @return the active profile's name */
    public String profile() {
        return profile;
    }

    /**
     * @param key a key
     * @return whether it has a value (set, or a default)
     * @throws IllegalArgumentException if the schema does not know {@code key}
     */
    public boolean has(String key) {
        known(key);
        return values.containsKey(key);
    }

    /**
     * @param key a key with a value
     * @return where its value came from
     * @throws IllegalArgumentException if the schema does not know {@code key}
     * @throws IllegalStateException if it has no value
     */
    public Origin origin(String key) {
        return get(key, null).origin();
    }

    /**
     * @param key a {@link ValueType#STRING} key
     * @return its text, if it has a value
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     */
    public Optional<String> string(String key) {
        return optional(key, ValueType.STRING).map(String.class::cast);
    }

    /**
     * @param key a {@link ValueType#SECRET} key
     * @return the secret, if set
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     */
    public Optional<Secret> secret(String key) {
        return optional(key, ValueType.SECRET).map(Secret.class::cast);
    }

    /**
     * @param key an {@link ValueType#INTEGER} key with a value
     * @return its value
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     * @throws IllegalStateException if it has no value
     */
    public long integer(String key) {
        return (Long) get(key, ValueType.INTEGER).value();
    }

    /**
     * @param key a {@link ValueType#DECIMAL} key with a value
     * @return its value
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     * @throws IllegalStateException if it has no value
     */
    public double decimal(String key) {
        return (Double) get(key, ValueType.DECIMAL).value();
    }

    /**
     * @param key a {@link ValueType#BOOLEAN} key
     * @return its value
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     * @throws IllegalStateException if it has no value
     */
    public boolean bool(String key) {
        return (Boolean) get(key, ValueType.BOOLEAN).value();
    }

    /**
     * @param key a {@link ValueType#DURATION} key
     * @return its value
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     * @throws IllegalStateException if it has no value
     */
    public Duration duration(String key) {
        return (Duration) get(key, ValueType.DURATION).value();
    }

    /**
     * @param key a {@link ValueType#PATH} key
     * @return its value, if it has one
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     */
    public Optional<Path> path(String key) {
        return optional(key, ValueType.PATH).map(Path.class::cast);
    }

    /**
     * @param key a {@link ValueType#LIST} key
     * @return its items; empty if unset
     * @throws IllegalArgumentException if the schema does not know {@code key} or it is another type
     */
    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        return optional(key, ValueType.LIST).map(v -> (List<String>) v).orElse(List.of());
    }

    /**
     * @param <E> the enum
     * @param key an {@link ValueType#ENUM} key with a value
     * @param type the enum whose constants are the key's values, upper-cased with {@code -} as {@code _}
     * @return the constant
     * @throws IllegalArgumentException if the schema does not know {@code key}, it is another type,
     *     or {@code type} has no such constant
     * @throws IllegalStateException if it has no value
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String word = (String) get(key, ValueType.ENUM).value();
        return Enum.valueOf(Checks.notNull(type, "type"), word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * The names users chose in a pattern's {@code *} place: for {@code strategies.*}, every strategy
     * that has at least one key set.
     *
     * @param prefix a key prefix ending in {@code .*}, such as {@code strategies.*}
     * @return the names, sorted
     * @throws IllegalArgumentException if {@code prefix} does not end in {@code .*}
     */
    public Set<String> names(String prefix) {
        Checks.notNull(prefix, "prefix");
        if (!prefix.endsWith(".*")) {
            throw new IllegalArgumentException("prefix must end in .*, but was " + prefix);
        }
        String head = prefix.substring(0, prefix.length() - 1);
        Set<String> out = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(head)) {
                String rest = k.substring(head.length());
                int dot = rest.indexOf('.');
                out.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return out;
    }

    /**
     * The effective configuration, one key a line, with where each value came from; secrets as
     * {@code ******}. This is what {@code config check} prints.
     *
     * @return the lines
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("profile = " + profile + "  (" + origin(ConfigSchema.PROFILE_KEY) + ")");
        for (Entry e : values.values()) {
            if (!e.name().equals(ConfigSchema.PROFILE_KEY)) {
                lines.add(e.name() + " = " + e.shown() + "  (" + e.origin() + ")");
            }
        }
        return lines;
    }

    private ConfigKey known(String key) {
        return schema.find(Checks.notNull(key, "key"))
                .orElseThrow(() -> new IllegalArgumentException("not a known setting: " + key));
    }

    private Optional<Object> optional(String key, ValueType type) {
        ConfigKey k = known(key);
        if (k.type() != type) {
            throw new IllegalArgumentException(key + " is " + k.type() + ", not " + type);
        }
        Entry e = values.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    private Entry get(String key, @Nullable ValueType type) {
        ConfigKey k = known(key);
        if (type != null && k.type() != type) {
            throw new IllegalArgumentException(key + " is " + k.type() + ", not " + type);
        }
        Entry e = values.get(key);
        if (e == null) {
            throw new IllegalStateException(key + " has no value and no default");
        }
        return e;
    }

    @Override
    public String toString() {
        return "Config[profile " + profile + ", " + values.size() + " values]";
    }
}
