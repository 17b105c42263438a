package dev.tradepulse.spring.boot.autoconfigure.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an Actuator event's data into values the journal stores as JSON: text, numbers, booleans
 * and null as they are; maps, lists and beans as Jackson would show them over HTTP (a
 * {@code WebAuthenticationDetails} becomes {@code {"remoteAddress":..,"sessionId":..}}, so that
 * the journal's redaction sees the names); a failure as its class and message, never its stack;
 * anything Jackson cannot convert as its {@code toString()}. The journal redacts, escapes and cuts
 * what this returns. Stateless; thread-safe.
 */
final class EventData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventData() {
    }

    /**
     * @param data an event's data, which may hold any object
     * @return name to JSON-compatible value, in the data's order
     */
    static Map<String, @Nullable Object> of(Map<String, ? extends @Nullable Object> data) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends @Nullable Object> e : data.entrySet()) {
            out.put(String.valueOf(e.getKey()), value(e.getValue()));
        }
        return out;
    }

    private static @Nullable Object value(@Nullable Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Throwable t) {
            return LogText.describe(t);
        }
        try {
            return JSON.convertValue(v, Object.class);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t); // an empty bean, a cycle, a java.time value: its text instead
        }
        try {
            return String.valueOf(v);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            return "[" + v.getClass().getName() + ": toString() failed]";
        }
    }
}
