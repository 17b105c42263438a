package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Maps circuit-breaker states to health: open is unhealthy, half-open degraded. */
final class BreakerCheck {

    private BreakerCheck() {
    }

    static HealthCheck of(CircuitBreaker breaker) {
        return () -> {
            HealthStatus status = statusOf(breaker.getState());
            HealthResult.Builder result = HealthResult.builder(status)
                    .detail("state", breaker.getState().name())
                    .detail("failure_rate", breaker.getMetrics().getFailureRate());
            if (status != HealthStatus.HEALTHY) {
                result.message("circuit breaker '" + breaker.getName() + "' is " + breaker.getState());
            }
            return result.build();
        };
    }

    static HealthCheck all(CircuitBreakerRegistry registry) {
        return () -> {
            List<CircuitBreaker> breakers = registry.getAllCircuitBreakers().stream()
                    .sorted(Comparator.comparing(CircuitBreaker::getName)).toList();
            HealthStatus worst = HealthStatus.HEALTHY;
            for (CircuitBreaker b : breakers) {
                worst = worst.worst(statusOf(b.getState()));
            }
            HealthResult.Builder result = HealthResult.builder(worst);
            for (CircuitBreaker b : breakers) {
                result.detail(b.getName(), b.getState().name());
            }
            if (worst != HealthStatus.HEALTHY) {
                result.message(breakers.stream().filter(b -> statusOf(b.getState()) != HealthStatus.HEALTHY)
                        .map(b -> "'" + b.getName() + "' " + b.getState()).collect(Collectors.joining(", ")));
            }
            return result.build();
        };
    }

    static HealthStatus statusOf(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> HealthStatus.UNHEALTHY;
            case HALF_OPEN -> HealthStatus.DEGRADED;
            default -> HealthStatus.HEALTHY;
        };
    }
}
