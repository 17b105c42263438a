package dev.tradepulse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
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
 * The {@code /status} body: {@code status} (the health registry's aggregate, as on {@code /health}),
 * {@code overall} (the page's headline, see {@link Headline}), then each section as
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
        Headline headline = new Headline();
        headline.health(report);
        List<Object> out = new ArrayList<>();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("id", HealthSection.ID);
        health.put("title", HealthSection.TITLE);
        put(health, HealthSection.view(report, details));
        out.add(health);
        for (StatusSection section : sections) {
            out.add(render(section, details, failed, headline));
        }
        root.put("overall", headline.json());
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
            BiConsumer<StatusSection, Throwable> failed, Headline headline) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", section.id()); // validated when the page was built
        try {
            String title = section.title();
            s.put("title", title);
            StatusView view = section.view(details);
            StatusView shown = view == null ? StatusView.note("Nothing to show.") : view;
            put(s, shown);
            if (section.affectsOverall()) {
                headline.section(title, shown);
            }
        } catch (Throwable e) {
            s.clear();
            s.put("id", section.id());
            s.put("title", section.id());
            put(s, StatusView.note("This section is unavailable."));
            headline.unavailable(section.id());
            failed.accept(section, e);
        }
        return s;
    }

    /**
     * The page's headline: the worst of the health status and the tones of the sections that
     * describe current state, with the reasons in words. Every reason comes from what the view
     * without details shows too (section and card titles, states, counts), so it never reveals
     * a detail. A section that fails counts as degraded: the page cannot vouch for it.
     */
    static final class Headline {
        private static final int MAX_REASONS = 6;
        private static final int MAX_REASON_CHARS = 160;
        private Tone tone = Tone.OK;
        private final List<String> critical = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        void health(HealthReport report) {
            HealthStatus status = report.status();
            if (status == HealthStatus.HEALTHY) {
                return;
            }
            List<String> names = new ArrayList<>();
            report.components().forEach((name, c) -> {
                if (c.result().status() != HealthStatus.HEALTHY) {
                    names.add(name + " " + c.result().status().jsonName());
                }
            });
            add(status == HealthStatus.UNHEALTHY ? Tone.CRITICAL : Tone.WARN,
                    HealthSection.TITLE + ": " + String.join(", ", names));
        }

        void section(String title, StatusView view) {
            if (view instanceof StatusView.Cards c) {
                for (StatusView.Card card : c.cards()) {
                    if (counts(card.tone())) {
                        add(card.tone(), title + ": " + card.title() + " " + card.state());
                    }
                }
            } else if (view instanceof StatusView.Table t) {
                long critical = t.rows().stream().filter(r -> r.tone() == Tone.CRITICAL).count();
                long warn = t.rows().stream().filter(r -> r.tone() == Tone.WARN).count();
                List<String> parts = new ArrayList<>(2);
                if (critical > 0) {
                    parts.add(critical + " critical");
                }
                if (warn > 0) {
                    parts.add(warn + " warning");
                }
                if (!parts.isEmpty()) {
                    add(critical > 0 ? Tone.CRITICAL : Tone.WARN, title + ": " + String.join(", ", parts));
                }
            }
        }

        void unavailable(String id) {
            add(Tone.WARN, id + ": unavailable");
        }

        private static boolean counts(Tone t) {
            return t == Tone.CRITICAL || t == Tone.WARN;
        }

        private void add(Tone t, String reason) {
            if (t == Tone.CRITICAL || (t == Tone.WARN && tone == Tone.OK)) {
                tone = t;
            }
            String text = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS - 1) + "\u2026"
                    : reason;
            (t == Tone.CRITICAL ? critical : warnings).add(text);
        }

        Tone tone() {
            return tone;
        }

        /** {@code healthy}, {@code degraded} or {@code critical}. */
        String state() {
            return switch (tone) {
                case CRITICAL -> "critical";
                case WARN -> "degraded";
                default -> "healthy";
            };
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state());
            m.put("tone", tone.jsonName());
            // the most severe first; a long list is cut, saying how much was left out
            List<String> all = new ArrayList<>(critical);
            all.addAll(warnings);
            if (all.size() > MAX_REASONS) {
                int more = all.size() - (MAX_REASONS - 1);
                all = new ArrayList<>(all.subList(0, MAX_REASONS - 1));
                all.add("and " + more + " more");
            }
            m.put("reasons", all);
            return m;
        }
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
