package dev.tradepulse.compliance.internal;

import java.util.Locale;

/** Makes outside text (exception messages, names) safe for one log line. */
final class LogLine {

    private static final int MAX = 300;

    private LogLine() {
    }

    /** Escapes every control character (ESC, U+0085 and U+2028/2029 included) and cuts long text. */
    static String clean(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
        return out.length() >= MAX && text.length() > MAX ? out + "...(" + text.length() + " chars)" : out.toString();
    }

    /** {@code IOException: No space left on device}, cleaned. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + clean(m));
    }
}
