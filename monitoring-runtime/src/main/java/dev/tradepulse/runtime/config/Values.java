package dev.tradepulse.runtime.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns the text of a value into its type, or says what is wrong, without echoing secrets. */
final class Values {

    private static final Pattern HUMAN = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Duration LONGEST = Duration.ofDays(Duration.ofNanos(Long.MAX_VALUE).toDays());

    private Values() {
    }

    record Parsed(@Nullable Object value, @Nullable String error) {
        static Parsed ok(Object value) {
            return new Parsed(value, null);
        }

        static Parsed bad(String error) {
            return new Parsed(null, error);
        }
    }

    static Parsed parse(ConfigKey key, String text) {
        String t = text.strip();
        return switch (key.type()) {
            case STRING -> Parsed.ok(text);
            case SECRET -> t.isEmpty() ? Parsed.bad("a secret must not be empty") : Parsed.ok(Secret.of(text));
            case INTEGER -> integer(key, t);
            case DECIMAL -> decimal(key, t);
            case BOOLEAN -> t.equals("true") ? Parsed.ok(Boolean.TRUE) : t.equals("false") ? Parsed.ok(Boolean.FALSE)
                    : Parsed.bad("\"" + shown(key, t) + "\" is not true or false");
            case DURATION -> duration(key, t);
            case PATH -> path(key, t);
            case ENUM -> {
                String lower = t.toLowerCase(Locale.ROOT);
                yield key.allowed().contains(lower) ? Parsed.ok(lower)
                        : Parsed.bad("\"" + shown(key, t) + "\" is not one of " + String.join(", ", key.allowed()));
            }
            case LIST -> Parsed.ok(list(text));
        };
    }

    private static Parsed integer(ConfigKey key, String t) {
        try {
            long v = Long.parseLong(t);
            if (v < key.min() || v > key.max()) {
                return Parsed.bad(t + " is out of range; allowed: " + range(key));
            }
            return Parsed.ok(v);
        } catch (NumberFormatException e) {
            return Parsed.bad("\"" + shown(key, t) + "\" is not a whole number; allowed: " + range(key));
        }
    }

    private static Parsed decimal(ConfigKey key, String t) {
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || v < key.min() || v > key.max()) {
                return Parsed.bad(t + " is out of range; allowed: " + range(key));
            }
            return Parsed.ok(v);
        } catch (NumberFormatException e) {
            return Parsed.bad("\"" + shown(key, t) + "\" is not a number; allowed: " + range(key));
        }
    }

    private static String range(ConfigKey key) {
        String lo = Double.isInfinite(key.min()) ? "" : number(key.min());
        String hi = Double.isInfinite(key.max()) ? "" : number(key.max());
        return lo.isEmpty() && hi.isEmpty() ? "any number" : lo.isEmpty() ? "at most " + hi
                : hi.isEmpty() ? "at least " + lo : lo + " to " + hi;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static Parsed duration(ConfigKey key, String t) {
        Matcher m = HUMAN.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return bounded(t, switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            Duration d = Duration.parse(t);
            return d.isNegative() ? Parsed.bad(t + " is negative") : bounded(t, d);
        } catch (DateTimeParseException e) {
            return Parsed.bad("\"" + shown(key, t) + "\" is not " + ValueType.DURATION.description());
        }
    }

    // Longer than a long of nanoseconds holds: every part that waits or schedules would overflow.
    private static Parsed bounded(String t, Duration d) {
        return d.compareTo(LONGEST) > 0 ? Parsed.bad(t + " is longer than " + LONGEST.toDays() + "d, the longest duration allowed")
                : Parsed.ok(d);
    }

    private static Parsed path(ConfigKey key, String t) {
        if (t.isEmpty()) {
            return Parsed.bad("a path must not be empty");
        }
        try {
            return Parsed.ok(Path.of(t));
        } catch (InvalidPathException e) {
            return Parsed.bad("\"" + shown(key, t) + "\" is not a valid path");
        }
    }

    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The value as it may appear in a message: escaped, shortened, and never a secret. */
    static String shown(ConfigKey key, String text) {
        if (key.type() == ValueType.SECRET) {
            return "******";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 80; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return text.length() > 80 ? b + "..." : b.toString();
    }
}
