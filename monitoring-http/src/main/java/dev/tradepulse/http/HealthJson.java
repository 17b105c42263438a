package dev.tradepulse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.Criticality;
import dev.tradepulse.health.HealthReport;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed-compatible JSON body:
 * {@code {"status":"healthy","timestamp":"2025-11-05T10:30:00Z","components":{"database":{"status":"healthy","duration_ms":3}}}}.
 */
final class HealthJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HealthJson() {
    }

    static byte[] report(HealthReport report, boolean withDetails) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", report.status().jsonName());
        root.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(report.timestamp().truncatedTo(ChronoUnit.MILLIS)));
        Map<String, Object> components = new LinkedHashMap<>();
        report.components().forEach((name, component) -> {
            HealthResult result = component.result();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().jsonName());
            entry.put("duration_ms", result.duration().toMillis());
            if (withDetails) {
                entry.put("critical", component.criticality() == Criticality.CRITICAL);
                entry.put("checked_at", DateTimeFormatter.ISO_INSTANT.format(
                        result.checkedAt().truncatedTo(ChronoUnit.MILLIS)));
                result.message().ifPresent(m -> entry.put("message", m));
                if (!result.details().isEmpty()) {
                    entry.put("details", result.details());
                }
            }
            components.put(name, entry);
        });
        root.put("components", components);
        return write(root);
    }

    static byte[] error(String message) {
        return write(Map.of("error", message));
    }

    private static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            // A detail Jackson cannot write: say so rather than fail the probe.
            return ("{\"status\":\"unhealthy\",\"error\":\"unserializable health details\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
