package dev.tradepulse.api.support;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Makes text from outside (exception messages, names) safe to put on one log line. Stateless and thread-safe. */
public final class LogText {

    private static final int MAX_LENGTH = 300;

    private LogText() {
    }

    /**
     * Escapes CR, LF and other control characters and cuts long text, so that a message can
     * neither forge log lines nor flood the log.
     *
     * @param text any text, or null
     * @return the safe text, at most 300 characters before the length note; {@code "null"} for null
     */
    public static String clean(@Nullable String text) {
        return clean(text, MAX_LENGTH);
    }

    /**
     * Escapes CR, LF and every other control character (ESC, U+0085) and the Unicode line and
     * paragraph separators, and cuts text longer than {@code max} characters, never inside a
     * surrogate pair, noting the original length.
     *
     * @param text any text, or null
     * @param max the most characters kept; {@link Integer#MAX_VALUE} to escape only
     * @return the safe text; {@code "null"} for null
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static String clean(@Nullable String text, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        if (text == null) {
            return "null";
        }
        int limit = Math.min(text.length(), max);
        if (limit > 0 && limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--; // never leave half a surrogate pair
        }
        StringBuilder out = null;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(limit + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        String result = out == null ? text.substring(0, limit) : out.toString();
        return text.length() > limit ? result + "...(" + text.length() + " chars)" : result;
    }

    /**
     * Describes a failure as {@code IOException: timeout}, cleaned.
     *
     * @param failure the failure
     * @return its simple class name and cleaned message
     * @throws NullPointerException if {@code failure} is null
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null ? type : type + ": " + clean(message);
    }

    /**
     * Formats seconds with two decimals, as in {@code 2.45}.
     *
     * @param nanos a duration in nanoseconds
     * @return the seconds
     */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
