package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.LogText;

/**
 * Text bound for a log line or a {@code toString()}: one line, nothing a terminal would act on, no
 * secrets. Stateless and thread-safe.
 */
public final class SafeText {

    private SafeText() {
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
        return LogText.clean(s, Integer.MAX_VALUE);
    }
}
