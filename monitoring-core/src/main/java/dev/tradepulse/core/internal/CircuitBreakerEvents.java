package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.core.CircuitBreakerStateChange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state change of every circuit breaker in the registry, present and future, in
 * the seeds' words, and tells the listeners. Each breaker is subscribed once.
 */
final class CircuitBreakerEvents {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.circuitbreaker");

    private final MonitoringContext context;
    private final Set<CircuitBreaker> subscribed = ConcurrentHashMap.newKeySet();

    CircuitBreakerEvents(MonitoringContext context) {
        this.context = context;
    }

    void watch(CircuitBreakerRegistry registry) {
        registry.getEventPublisher().onEntryAdded(event -> subscribe(event.getAddedEntry()));
        registry.getEventPublisher().onEntryReplaced(event -> subscribe(event.getNewEntry()));
        registry.getAllCircuitBreakers().forEach(this::subscribe);
    }

    private void subscribe(CircuitBreaker breaker) {
        if (subscribed.add(breaker)) {
            breaker.getEventPublisher().onStateTransition(event -> onTransition(breaker, event));
        }
    }

    private void onTransition(CircuitBreaker breaker, CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State from = event.getStateTransition().getFromState();
        CircuitBreaker.State to = event.getStateTransition().getToState();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        float rate = metrics.getFailureRate();
        int failed = metrics.getNumberOfFailedCalls();
        String name = LogText.clean(breaker.getName());
        try {
            if (to == CircuitBreaker.State.OPEN && from == CircuitBreaker.State.HALF_OPEN) {
                LOG.error("Circuit breaker '{}' OPENED again: a trial call failed (failure rate {}%)", name, percent(rate));
            } else if (to == CircuitBreaker.State.OPEN) {
                LOG.error("Circuit breaker '{}' OPENED after {} failures (failure rate {}%)", name, failed, percent(rate));
            } else if (to == CircuitBreaker.State.HALF_OPEN) {
                LOG.info("Circuit breaker '{}' half-open: letting trial calls through.", name);
            } else if (to == CircuitBreaker.State.CLOSED && from == CircuitBreaker.State.HALF_OPEN) {
                LOG.info("Circuit breaker '{}' recovered. Closing circuit.", name);
            } else {
                LOG.info("Circuit breaker '{}' changed from {} to {}.", name, from, to);
            }
        } catch (Throwable e) {
            context.failures().report("circuit breaker log " + breaker.getName(), e);
        }
        context.circuitBreakerStateChanged(
                new CircuitBreakerStateChange(breaker.getName(), from, to, rate, failed, context.now()));
    }

    private static String percent(float rate) {
        return rate < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", rate);
    }
}
