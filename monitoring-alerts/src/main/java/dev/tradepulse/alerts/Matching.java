package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Label matching shared by silences and inhibitions; {@code severity} is matched against the
 * severity. Stateless and thread-safe.
 */
final class Matching {

    private static final String SEVERITY = "severity";

    private Matching() {
    }

    /**
     * Rejects a {@code severity} matcher that names no severity: a typo such as {@code critcal}
     * would otherwise match nothing, and a silence or inhibition would silently do nothing.
     *
     * @param matchers the matchers, not null
     * @param parameter their name, for the message
     * @return the matchers
     * @throws IllegalArgumentException if {@code severity} is matched against a value that is no severity
     */
    static Map<String, String> checkSeverity(Map<String, String> matchers, String parameter) {
        String value = matchers.get(SEVERITY);
        if (value != null && Arrays.stream(Severity.values()).noneMatch(s -> s.name().equalsIgnoreCase(value))) {
            throw new IllegalArgumentException(parameter + " matches severity '" + value
                    + "', which is not one of " + Arrays.toString(Severity.values()).toLowerCase(Locale.ROOT));
        }
        return matchers;
    }

    /**
     * Matchers for one severity, the typed form of {@code Map.of("severity", "critical")}.
     *
     * @param severity the severity
     * @return the matcher
     */
    static Map<String, String> of(Severity severity) {
        return Map.of(SEVERITY, severity.name().toLowerCase(Locale.ROOT));
    }

    static boolean matches(Map<String, String> matchers, Alert alert) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String actual = m.getKey().equals(SEVERITY) && !alert.labels().containsKey(SEVERITY)
                    ? alert.severity().name().toLowerCase(Locale.ROOT)
                    : alert.labels().get(m.getKey());
            if (!m.getValue().equalsIgnoreCase(actual == null ? "" : actual)) {
                return false;
            }
        }
        return true;
    }
}
