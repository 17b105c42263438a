package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.support.LogText;

/** Outside text (exception messages, names) for one log line: redacted, escaped and cut short. */
final class LogLine {

    private static final int MAX = 300;

    private LogLine() {
    }

    /** {@link SafeText#safe}, then cut to 300 characters. */
    static String clean(String text) {
        return text == null ? "null" : LogText.clean(SafeText.safe(text), MAX);
    }

    /** {@code IOException: No space left on device}, cleaned. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + clean(m));
    }
}
