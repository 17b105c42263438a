package dev.tradepulse.alerts.sinks;

import dev.tradepulse.api.alert.Alert;
import java.util.Map;

/** Text helpers shared by the sinks: escaping for each markup, and cutting to a limit. */
final class Text {

    private Text() {
    }

    /** The colour chat sinks show for an alert: red, orange, yellow, blue by severity; green when resolved. */
    static int rgb(Alert alert) {
        if (alert.status() == Alert.Status.RESOLVED) {
            return 0x2EB886;
        }
        return switch (alert.severity()) {
            case CRITICAL -> 0xD00000;
            case HIGH -> 0xFF8C00;
            case MEDIUM -> 0xFFCC00;
            case LOW -> 0x439FE0;
        };
    }

    /** Slack mrkdwn: only &amp;, &lt; and &gt; are control characters. */
    static String slack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Telegram HTML mode: the same three, as HTML entities. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Cuts to {@code max} characters, marking the cut, without splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String marker = "…";
        int end = Math.max(0, max - marker.length());
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + marker;
    }

    /** {@code key=value, …} of an alert's details, for plain-text bodies. */
    static String details(Alert alert) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : alert.details().entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }
}
