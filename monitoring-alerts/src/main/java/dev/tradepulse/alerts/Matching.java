package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import java.util.Locale;
import java.util.Map;

/** Label matching shared by silences and inhibitions; {@code severity} is matched against the severity. */
final class Matching {

    private Matching() {
    }

    static boolean matches(Map<String, String> matchers, Alert alert) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String actual = m.getKey().equals("severity") && !alert.labels().containsKey("severity")
                    ? alert.severity().name().toLowerCase(Locale.ROOT)
                    : alert.labels().get(m.getKey());
            if (!m.getValue().equalsIgnoreCase(actual == null ? "" : actual)) {
                return false;
            }
        }
        return true;
    }
}
