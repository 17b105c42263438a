package dev.tradepulse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.health.status.HealthSection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The {@code /status} body: the overall status, then each section as
 * {@code {"id","title","kind":"cards"|"table"|"note",...}}. Documented for scripts in the README.
 */
final class StatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    static byte[] snapshot(String title, HealthRegistry registry, List<StatusSection> sections, boolean details,
            Instant now, BiConsumer<StatusSection, Throwable> failed) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", title);
        root.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS)));
        root.put("details", details);
        // One health check per snapshot: it gives both the overall status and the health cards.
        HealthReport report = registry.check();
        root.put("status", report.status().jsonName());
        List<Object> out = new ArrayList<>();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("id", HealthSection.ID);
        health.put("title", HealthSection.TITLE);
        put(health, HealthSection.view(report, details));
        out.add(health);
        for (StatusSection section : sections) {
            out.add(render(section, details, failed));
        }
        root.put("sections", out);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            return "{\"status\":\"unhealthy\",\"error\":\"unserializable status\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * One section, isolated: whatever its code throws, Errors included, it becomes a note and
     * the page goes on. The failure goes to {@code failed}, never into the response.
     */
    private static Map<String, Object> render(StatusSection section, boolean details,
            BiConsumer<StatusSection, Throwable> failed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", section.id()); // validated when the page was built
        try {
            s.put("title", section.title());
            StatusView view = section.view(details);
            put(s, view == null ? StatusView.note("Nothing to show.") : view);
        } catch (Throwable e) {
            s.clear();
            s.put("id", section.id());
            s.put("title", section.id());
            put(s, StatusView.note("This section is unavailable."));
            failed.accept(section, e);
        }
        return s;
    }

    private static void put(Map<String, Object> s, StatusView view) {
        if (view instanceof StatusView.Cards c) {
            s.put("kind", "cards");
            List<Object> cards = new ArrayList<>();
            for (StatusView.Card card : c.cards()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", card.title());
                m.put("tone", card.tone().jsonName());
                m.put("state", card.state());
                m.put("fields", card.fields());
                if (!card.series().isEmpty()) {
                    // JSON has no NaN: a gap in the chart is a null
                    m.put("series", card.series().stream().map(v -> Double.isFinite(v) ? v : null).toList());
                }
                cards.add(m);
            }
            s.put("cards", cards);
        } else if (view instanceof StatusView.Table t) {
            s.put("kind", "table");
            s.put("columns", t.columns());
            s.put("rows", t.rows().stream()
                    .map(r -> Map.of("tone", r.tone().jsonName(), "cells", r.cells())).toList());
        } else if (view instanceof StatusView.Note n) {
            s.put("kind", "note");
            s.put("text", n.text());
        }
    }
}
