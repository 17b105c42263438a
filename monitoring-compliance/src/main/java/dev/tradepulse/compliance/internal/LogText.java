package dev.tradepulse.compliance.internal;

import dev.tradepulse.core.redaction.Redaction;

/** Text bound for a log line or a {@code toString()}: one line, nothing a terminal would act on, no secrets. */
public final class LogText {

    private LogText() {
    }

    /**
     * Redacted by the default rules, then {@link #oneLine escaped}.
     *
     * @param s any text
     * @return text safe for a log line
     */
    public static String safe(String s) {
        return oneLine(Redaction.defaults().redact(s));
    }

    /**
     * Escapes CR and LF as {@code \r} and {@code \n}, and every other control character and line
     * separator (ESC, NEL U+0085, U+2028, U+2029) as a {@code \}{@code u} escape with four hex digits.
     *
     * @param s any text
     * @return the text on one line; {@code s} itself when nothing needed escaping
     */
    public static String oneLine(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (escape) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
