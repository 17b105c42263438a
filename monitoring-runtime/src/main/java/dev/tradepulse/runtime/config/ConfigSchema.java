package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The keys a configuration may set, and its profiles. Immutable and thread-safe.
 *
 * <p>The one rule for environment variables and system properties: a key {@code alerts.telegram.chat-id}
 * is set by the variable {@code TRADEPULSE_ALERTS_TELEGRAM_CHAT_ID} (prefix, upper case, every
 * {@code .} and {@code -} as {@code _}) and by the system property {@code tradepulse.alerts.telegram.chat-id}.
 */
public final class ConfigSchema {

    /** The key that selects the profile. */
    public static final String PROFILE_KEY = "profile";
    /** Environment variables that set keys start with this. */
    public static final String ENV_PREFIX = "TRADEPULSE_";
    /** System properties that set keys start with this. */
    public static final String PROPERTY_PREFIX = "tradepulse.";

    private final Map<String, ConfigKey> keys;
    private final Map<String, Profile> profiles;
    private final String defaultProfile;

    private ConfigSchema(Map<String, ConfigKey> keys, Map<String, Profile> profiles, String defaultProfile) {
        this.keys = keys;
        this.profiles = profiles;
        this.defaultProfile = defaultProfile;
    }

    /**
     * A schema of these keys and profiles. The {@code profile} key is added: one of the profiles'
     * names, {@code defaultProfile} unless set.
     *
     * @param keys the keys
     * @param profiles the profiles, at least one
     * @param defaultProfile the name of the profile used unless another is chosen
     * @return the schema
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a key is declared twice, a profile sets or requires an
     *     unknown key or a bad default, or {@code defaultProfile} is not one of the profiles
     */
    public static ConfigSchema of(List<ConfigKey> keys, List<Profile> profiles, String defaultProfile) {
        Checks.notNull(keys, "keys");
        Checks.notNull(profiles, "profiles");
        Checks.notNull(defaultProfile, "defaultProfile");
        Map<String, Profile> ps = new LinkedHashMap<>();
        for (Profile p : profiles) {
            if (ps.put(p.name(), p) != null) {
                throw new IllegalArgumentException("profile declared twice: " + p.name());
            }
        }
        if (!ps.containsKey(defaultProfile)) {
            throw new IllegalArgumentException("defaultProfile must be one of " + ps.keySet() + ", but was " + defaultProfile);
        }
        Map<String, ConfigKey> ks = new LinkedHashMap<>();
        ks.put(PROFILE_KEY, ConfigKey.oneOf(PROFILE_KEY, defaultProfile, "Which profile's defaults and requirements apply.",
                ps.keySet().toArray(String[]::new)));
        for (ConfigKey k : keys) {
            if (ks.put(k.name(), k) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.name());
            }
        }
        // Declaration order, kept: the generated reference must read the same on every run.
        ConfigSchema schema = new ConfigSchema(Collections.unmodifiableMap(ks), Collections.unmodifiableMap(ps), defaultProfile);
        for (Profile p : ps.values()) {
            for (Map.Entry<String, String> d : p.defaults().entrySet()) {
                ConfigKey k = schema.find(d.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "profile " + p.name() + " sets an unknown key: " + d.getKey()));
                Values.Parsed parsed = Values.parse(k, d.getValue());
                if (parsed.error() != null) {
                    throw new IllegalArgumentException("profile " + p.name() + " sets " + d.getKey() + " badly: " + parsed.error());
                }
            }
            for (String r : p.required()) {
                schema.find(r).orElseThrow(() -> new IllegalArgumentException(
                        "profile " + p.name() + " requires an unknown key: " + r));
            }
        }
        return schema;
    }

    /** @return every key, in declaration order, the {@code profile} key first */
    public List<ConfigKey> keys() {
        List<ConfigKey> out = new ArrayList<>(keys.values());
        out.sort((a, b) -> a.name().equals(PROFILE_KEY) ? -1 : b.name().equals(PROFILE_KEY) ? 1 : 0);
        return out;
    }

    /** @return the profiles by name */
    public Map<String, Profile> profiles() {
        return profiles;
    }

    /** @return the profile used unless another is chosen */
    public String defaultProfile() {
        return defaultProfile;
    }

    /**
     * The declared key that {@code key} is, or is an instance of.
     *
     * @param key a dotted key
     * @return the declared key, if any
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<ConfigKey> find(String key) {
        Checks.notNull(key, "key");
        ConfigKey exact = keys.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (ConfigKey k : keys.values()) {
            if (k.isPattern() && k.matches(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The environment variable that sets {@code key}.
     *
     * @param key a dotted key (an instance, not a pattern)
     * @return its variable's name
     */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The key an environment variable sets, if it sets one.
     *
     * @param variable the variable's name, with the prefix
     * @param knownNames names already chosen for pattern segments (such as strategies in the file),
     *     matched first so that {@code mean-reversion} is found from {@code MEAN_REVERSION}
     * @return the key, if the variable names one
     */
    Optional<String> keyOfVariable(String variable, List<String> knownNames) {
        for (ConfigKey k : keys.values()) {
            if (!k.isPattern() && environmentName(k.name()).equals(variable)) {
                return Optional.of(k.name());
            }
        }
        for (ConfigKey k : keys.values()) {
            if (!k.isPattern()) {
                continue;
            }
            String found = matchPattern(k.name(), variable, knownNames);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static @Nullable String matchPattern(String pattern, String variable, List<String> knownNames) {
        String[] parts = pattern.split("\\.");
        StringBuilder regex = new StringBuilder(Pattern.quote(ENV_PREFIX));
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append('_');
            }
            regex.append(parts[i].equals("*") ? "([A-Z0-9_]+?)"
                    : Pattern.quote(parts[i].toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(variable);
        if (!m.matches()) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        int g = 1;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                key.append('.');
            }
            if (parts[i].equals("*")) {
                String raw = m.group(g++);
                String name = raw.toLowerCase(Locale.ROOT).replace('_', '-');
                for (String known : knownNames) {
                    if (known.toUpperCase(Locale.ROOT).replace('-', '_').equals(raw)) {
                        name = known;
                    }
                }
                key.append(name);
            } else {
                key.append(parts[i]);
            }
        }
        return key.toString();
    }

    /**
     * The known key nearest to a mistyped one, for "did you mean".
     *
     * @param key what was written
     * @return the nearest known key, if one is close
     */
    public Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String[] theirs = key.split("\\.", -1);
        for (ConfigKey k : keys.values()) {
            String candidate = k.name();
            if (k.isPattern()) {
                // Compare with the pattern filled in with what the user wrote in those places.
                String[] mine = candidate.split("\\.");
                if (mine.length == theirs.length) {
                    StringBuilder filled = new StringBuilder();
                    for (int i = 0; i < mine.length; i++) {
                        filled.append(i == 0 ? "" : ".").append(mine[i].equals("*") ? theirs[i] : mine[i]);
                    }
                    candidate = filled.toString();
                }
            }
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    // Levenshtein distance: small strings, called only when something is already wrong.
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
