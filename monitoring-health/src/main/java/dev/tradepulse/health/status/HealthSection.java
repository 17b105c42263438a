package dev.tradepulse.health.status;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.health.Criticality;
import dev.tradepulse.health.HealthReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health checks as cards, in registration order. Stateless and thread-safe. */
public final class HealthSection {

    /** The section's id. */
    public static final String ID = "health";
    /** The section's heading. */
    public static final String TITLE = "Health";

    private HealthSection() {
    }

    /**
     * A card per component of a report: status, latency and (with details) the message. The status
     * page renders its one report per snapshot with this, so checks run once however many sections read them.
     *
     * @param report the report
     * @param details whether the viewer may see details
     * @return the view
     */
    public static StatusView view(HealthReport report, boolean details) {
        List<StatusView.Card> cards = new ArrayList<>();
        report.components().forEach((name, component) -> {
            HealthResult result = component.result();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("latency", result.duration().toMillis() + " ms");
            if (details) {
                result.message().ifPresent(m -> fields.put("message", m));
                if (component.criticality() != Criticality.CRITICAL) {
                    fields.put("critical", "no");
                }
            }
            cards.add(new StatusView.Card(name, tone(result.status()), result.status().jsonName(), fields, List.of()));
        });
        return cards.isEmpty() ? StatusView.note("No health checks registered.") : StatusView.cards(cards);
    }

    static Tone tone(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> Tone.OK;
            case DEGRADED -> Tone.WARN;
            case UNHEALTHY -> Tone.CRITICAL;
        };
    }
}
