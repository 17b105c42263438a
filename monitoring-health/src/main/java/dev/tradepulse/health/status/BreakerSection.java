package dev.tradepulse.health.status;

import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Circuit breakers by name: closed is fine, half-open is being probed, open is refusing calls. */
final class BreakerSection {

    private BreakerSection() {
    }

    static StatusView view(CircuitBreakerRegistry registry, boolean details) {
        List<StatusView.Card> cards = registry.getAllCircuitBreakers().stream()
                .sorted(Comparator.comparing(CircuitBreaker::getName))
                .map(cb -> card(cb, details))
                .toList();
        return cards.isEmpty() ? StatusView.note("No circuit breakers.") : StatusView.cards(cards);
    }

    private static StatusView.Card card(CircuitBreaker cb, boolean details) {
        CircuitBreaker.State state = cb.getState();
        Tone tone = switch (state) {
            case CLOSED -> Tone.OK;
            case HALF_OPEN -> Tone.WARN;
            case OPEN, FORCED_OPEN -> Tone.CRITICAL;
            default -> Tone.NEUTRAL;
        };
        Map<String, String> fields = new LinkedHashMap<>();
        if (details) {
            CircuitBreaker.Metrics m = cb.getMetrics();
            float rate = m.getFailureRate();
            fields.put("failure rate", rate < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", rate));
            fields.put("calls", m.getNumberOfBufferedCalls() + " (" + m.getNumberOfFailedCalls() + " failed)");
            fields.put("rejected", Long.toString(m.getNumberOfNotPermittedCalls()));
        }
        return new StatusView.Card(cb.getName(), tone, state.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                fields, List.of());
    }
}
