package dev.tradepulse.alerts.internal;

import java.util.Locale;

/**
 * Makes alert text safe for one log line: CR, LF and tab as {@code \r}, {@code \n}, {@code \t};
 * every other control character (ESC, which starts terminal escape sequences, and the C1 range
 * with NEL U+0085) and the Unicode line and paragraph separators U+2028 and U+2029 as
 * {@code \}{@code uXXXX}; and long text cut, so that an alert can neither forge log lines, nor
 * drive a terminal, nor flood the log.
 */
public final class LogLines {

    private LogLines() {
    }

    /**
     * Escapes and cuts.
     *
     * @param text any text, or null
     * @param max the most characters of {@code text} to keep
     * @return the safe text; {@code "null"} for null
     */
    public static String clean(String text, int max) {
        if (text == null) {
            return "null";
        }
        int limit = Math.min(text.length(), max);
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
        if (limit > 0 && limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--; // never leave half a surrogate pair
            if (out != null) {
                out.setLength(out.length() - 1);
            }
        }
        String result = out == null ? text.substring(0, limit) : out.toString();
        return text.length() > limit ? result + "…(" + text.length() + " chars)" : result;
    }
}
