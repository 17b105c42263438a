package dev.tradepulse.api.redaction;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The one implementation of {@link Redaction}. */
final class DefaultRedaction implements Redaction {

    static final DefaultRedaction DEFAULTS = new DefaultRedaction(SecretNames.DEFAULTS, List.of());
    static final DefaultRedaction NONE = new DefaultRedaction(SecretNames.NONE, null);

    private static final int MAX_DEPTH = 16;

    private final SecretNames names;
    private final ValueRule[] rules;
    /** The shortest text any rule can match: shorter texts cost one comparison. */
    private final int minLength;

    /** The default value rules (asking {@code names} for pairs) plus {@code extra}; none if {@code extra} is null. */
    DefaultRedaction(SecretNames names, @Nullable List<ValueRule> extra) {
        this.names = names;
        List<ValueRule> all = new ArrayList<>();
        if (extra != null) {
            all.addAll(DefaultRules.create(names));
            all.addAll(extra);
        }
        all.sort(java.util.Comparator.comparingInt(ValueRule::minLength)); // stable: the defaults keep their order
        this.rules = all.toArray(new ValueRule[0]);
        int min = Integer.MAX_VALUE;
        for (ValueRule r : rules) {
            min = Math.min(min, r.minLength());
        }
        this.minLength = min;
    }

    @Override
    public boolean isSecretName(String name) {
        return names.isSecret(Objects.requireNonNull(name, "name must not be null"));
    }

    @Override
    public boolean isDigestName(String name) {
        return SecretNames.isDigest(Objects.requireNonNull(name, "name must not be null"));
    }

    @Override
    public String redact(String text) {
        return redact(Objects.requireNonNull(text, "text must not be null"), false);
    }

    private String redact(String text, boolean keepDigest) {
        if (text.length() < minLength || text.length() < DefaultRules.SHORT && !DefaultRules.shortMayMatch(text)) {
            return text; // user rules start at SHORT chars; below it only default rules, with their marks, match
        }
        String s = text;
        try {
            for (ValueRule rule : rules) {
                if (s.length() < rule.minLength()) {
                    break; // rules are sorted by minLength, and none after this one can match
                }
                if ((!keepDigest || !rule.digest()) && rule.mayMatch(s)) {
                    s = rule.apply(s);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return MARKER; // a user's pattern that fails (a backtracking stack overflow): fail closed, never throw
        }
        return s;
    }

    @Override
    public String redactValue(String name, String text) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(text, "text must not be null");
        if (names.isSecret(name)) {
            return MARKER;
        }
        return redact(text, text.length() >= 64 && isHexDigest(text) && SecretNames.isDigest(name));
    }

    /** Only hex digits, optionally after {@code 0x}. */
    static boolean isHexDigest(String s) {
        int from = s.startsWith("0x") ? 2 : 0;
        for (int i = from; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return s.length() > from;
    }

    @Override
    public Map<String, Object> redactDetails(Map<String, ?> details) {
        Objects.requireNonNull(details, "details must not be null");
        return copy(details, new int[1], 0);
    }

    private Map<String, Object> copy(Map<?, ?> map, int[] renamed, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name == null || redact(name) != name) {
                name = MARKER + "#" + ++renamed[0];
            }
            out.put(name, value(name, e.getValue(), renamed, depth + 1));
        }
        return out;
    }

    private Object value(String name, Object v, int[] renamed, int depth) {
        if (v == null || v instanceof Boolean) {
            return v; // no secret fits in a bit: password_valid stays readable
        }
        if (v instanceof Number || v instanceof Enum<?>) {
            return names.isSecret(name) ? MARKER : v;
        }
        if (names.isSecret(name)) {
            return MARKER;
        }
        if (depth > MAX_DEPTH) {
            return "[too deep]";
        }
        if (v instanceof Map<?, ?> m) {
            return copy(m, renamed, depth);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(value(name, o, renamed, depth + 1));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                out.add(value(name, Array.get(v, i), renamed, depth + 1));
            }
            return out;
        }
        String text = String.valueOf(v);
        return text == null ? "null" : redactValue(name, text); // a toString() that returns null
    }

    @Override
    public String toString() {
        return "Redaction[" + rules.length + " value rules]";
    }
}
