package dev.tradepulse.health.status;

import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthResult;
import dev.tradepulse.health.HealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health checks as cards, critical components first in registration order. */
final class HealthSection implements StatusSection {

    private final HealthRegistry registry;

    HealthSection(HealthRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String id() {
        return "health";
    }

    @Override
    public String title() {
        return "Health";
    }

    @Override
    public StatusView view(boolean details) {
        List<StatusView.Card> cards = new ArrayList<>();
        registry.check().components().forEach((name, component) -> {
            HealthResult result = component.result();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("latency", result.duration().toMillis() + " ms");
            if (details) {
                result.message().ifPresent(m -> fields.put("message", m));
                if (component.criticality() != dev.tradepulse.health.Criticality.CRITICAL) {
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
