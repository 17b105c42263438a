package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSubscriptions;
import dev.tradepulse.compliance.AuditEvent;
import dev.tradepulse.compliance.AuditLevel;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.runtime.config.Config;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The instrumentation from {@code resilience.*}, with the standard subscriptions: retries and
 * breakers to alerts, breaker changes to the journal.
 */
final class MonitoringWiring {

    private MonitoringWiring() {
    }

    static Monitoring monitoring(Config config, MeterRegistry meters, Clock clock, AlertDispatcher alerts,
            ComplianceLogger audit) {
        RetryConfig retry = RetryConfig.custom()
                .maxAttempts((int) config.integer("resilience.retry.max-attempts"))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(config.duration("resilience.retry.wait"), 2.0, 0.5))
                // an open breaker is an answer, not a fault to retry
                .ignoreExceptions(CallNotPermittedException.class)
                .build();
        int window = (int) config.integer("resilience.breaker.window");
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold((float) config.decimal("resilience.breaker.failure-rate"))
                .slidingWindowSize(window)
                .minimumNumberOfCalls(Math.max(1, Math.min(window, 5)))
                .waitDurationInOpenState(config.duration("resilience.breaker.open-wait"))
                .slowCallDurationThreshold(config.duration("resilience.slow-call"))
                .build();
        return Monitoring.builder().meterRegistry(meters).clock(clock)
                .retryRegistry(RetryRegistry.of(retry))
                .circuitBreakerRegistry(CircuitBreakerRegistry.of(breaker))
                .slowCallThreshold(config.duration("resilience.slow-call"))
                .listener(AlertSubscriptions.resilience(alerts))
                .listener(new MonitoringListener() {
                    @Override
                    public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                        audit.record(AuditEvent.builder("CIRCUIT_BREAKER").level(AuditLevel.WARNING)
                                .actor("monitoring").action(event.from() + " -> " + event.to())
                                .detail("breaker", event.name()).detail("failure_rate", event.failureRate()).build());
                    }
                })
                .build();
    }

    /**
     * Registers, with the configured defaults, every retry and breaker the annotations of
     * {@code type} and {@code impl} name, so that a bot needs no code to declare them.
     */
    static void declareNamed(Monitoring monitoring, Class<?> type, Class<?> impl) {
        for (Class<?> c : new Class<?>[] {type, impl}) {
            // A class-level annotation applies to every method, so its name must exist too.
            declare(monitoring, c.getAnnotation(Retry.class), c.getAnnotation(CircuitBreaker.class));
            for (Method m : c.getMethods()) {
                declare(monitoring, m.getAnnotation(Retry.class), m.getAnnotation(CircuitBreaker.class));
            }
        }
    }

    private static void declare(Monitoring monitoring, @Nullable Retry r, @Nullable CircuitBreaker b) {
        if (r != null && !r.name().isBlank()) {
            monitoring.retryRegistry().retry(r.name());
        }
        if (b != null && !b.name().isBlank()) {
            monitoring.circuitBreakerRegistry().circuitBreaker(b.name());
        }
    }
}
