package dev.tradepulse.alerts.rules;

import java.util.Locale;

/** Keeps rule names and failure messages on one log line. */
final class Texts {

    private static final int MAX_LENGTH = 300;

    private Texts() {
    }

    /** Escapes control characters (CR, LF, ESC, NEL and the Unicode line separators) and cuts long text. */
    static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        int limit = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(limit + 16);
        for (int i = 0; i < limit; i++) {
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
        return text.length() > MAX_LENGTH ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
