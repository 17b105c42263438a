package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One known configuration key. A segment {@code *} matches a name the user chooses, such as a
 * strategy: {@code strategies.*.daily-loss-limit}. Immutable and thread-safe.
 *
 * @param name the dotted key, lower case, segments of {@code a-z 0-9 -} or {@code *}
 * @param type its type
 * @param defaultValue its default as it would be written, or null if it has none
 * @param description one sentence for the reference
 * @param allowed the values an {@link ValueType#ENUM} accepts; empty otherwise
 * @param min the least number allowed ({@link ValueType#INTEGER}, {@link ValueType#DECIMAL}); may be -infinity
 * @param max the greatest number allowed; may be +infinity
 */
public record ConfigKey(String name, ValueType type, @Nullable String defaultValue, String description,
        List<String> allowed, double min, double max) {

    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*|\\*)(\\.([a-z0-9][a-z0-9-]*|\\*))*");

    /**
     * Checks.
     *
     * @throws NullPointerException if a reference other than {@code defaultValue} is null
     * @throws IllegalArgumentException if the name is malformed, an enum has no values or a range is empty
     */
    public ConfigKey {
        Checks.notNull(name, "name");
        Checks.notNull(type, "type");
        Checks.notNull(description, "description");
        allowed = List.copyOf(Checks.notNull(allowed, "allowed"));
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be dotted lower-case segments, but was \"" + name + "\"");
        }
        if (type == ValueType.ENUM && allowed.isEmpty()) {
            throw new IllegalArgumentException("an ENUM key needs its allowed values: " + name);
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("min must not exceed max for " + name);
        }
        if (type == ValueType.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("a secret has no default: " + name);
        }
    }

    private static ConfigKey of(String name, ValueType type, @Nullable String def, String description) {
        return new ConfigKey(name, type, def, description, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param name the key
     * @param def the default, or null
     * @param description what it sets
     * @return a text key
     */
    public static ConfigKey string(String name, @Nullable String def, String description) {
        return of(name, ValueType.STRING, def, description);
    }

    /**
     * @param name the key
     * @param description what it sets
     * @return a secret key (no default)
     */
    public static ConfigKey secret(String name, String description) {
        return of(name, ValueType.SECRET, null, description);
    }

    /**
     * @param name the key
     * @param def the default, or null
     * @param min the least allowed
     * @param max the greatest allowed
     * @param description what it sets
     * @return a whole-number key
     */
    public static ConfigKey integer(String name, @Nullable Integer def, long min, long max, String description) {
        return new ConfigKey(name, ValueType.INTEGER, def == null ? null : def.toString(), description, List.of(), min, max);
    }

    /**
     * @param name the key
     * @param def the default, or null
     * @param min the least allowed
     * @param max the greatest allowed
     * @param description what it sets
     * @return a decimal key
     */
    public static ConfigKey decimal(String name, @Nullable String def, double min, double max, String description) {
        return new ConfigKey(name, ValueType.DECIMAL, def, description, List.of(), min, max);
    }

    /**
     * @param name the key
     * @param def the default
     * @param description what it sets
     * @return a boolean key
     */
    public static ConfigKey bool(String name, boolean def, String description) {
        return of(name, ValueType.BOOLEAN, Boolean.toString(def), description);
    }

    /**
     * @param name the key
     * @param def the default as written ({@code 30s}), or null
     * @param description what it sets
     * @return a duration key
     */
    public static ConfigKey duration(String name, @Nullable String def, String description) {
        return of(name, ValueType.DURATION, def, description);
    }

    /**
     * @param name the key
     * @param def the default, or null
     * @param description what it sets
     * @return a path key
     */
    public static ConfigKey path(String name, @Nullable String def, String description) {
        return of(name, ValueType.PATH, def, description);
    }

    /**
     * @param name the key
     * @param def the default, or null
     * @param description what it sets
     * @return a list key
     */
    public static ConfigKey list(String name, @Nullable String def, String description) {
        return of(name, ValueType.LIST, def, description);
    }

    /**
     * @param name the key
     * @param def the default, one of {@code values}, or null
     * @param description what it sets
     * @param values the words allowed, lower case
     * @return an enum key
     */
    public static ConfigKey oneOf(String name, @Nullable String def, String description, String... values) {
        return new ConfigKey(name, ValueType.ENUM, def, description, List.of(values), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
    }

    /** @return whether a user-chosen name appears in this key */
    public boolean isPattern() {
        return name.contains("*");
    }

    /**
     * Whether {@code key} is this key, or an instance of this pattern.
     *
     * @param key a dotted key
     * @return whether it matches
     */
    public boolean matches(String key) {
        String[] mine = name.split("\\.");
        String[] theirs = key.split("\\.", -1);
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (mine[i].equals("*") ? !theirs[i].matches("[a-z0-9][a-z0-9_-]{0,63}") : !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }
}
