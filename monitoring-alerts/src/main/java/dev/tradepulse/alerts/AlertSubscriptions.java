package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthReport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Objects;

/**
 * Ready-made listeners that turn core and health events into alerts:
 * {@code monitoring.addListener(AlertSubscriptions.resilience(alerts))} and
 * {@code health.addListener(AlertSubscriptions.health(alerts))}.
 *
 * <p>Stateless and thread-safe; the listeners it returns may be called from any thread, and only call the dispatcher, which never blocks.
 */
public final class AlertSubscriptions {

    private AlertSubscriptions() {
    }

    /**
     * A circuit breaker opening fires HIGH {@code circuit-breaker-open:<name>}, resolved when it
     * closes; an exhausted retry fires MEDIUM {@code retries-exhausted:<operation>}.
     *
     * @param alerts the dispatcher
     * @return the listener
     * @throws NullPointerException if {@code alerts} is null
     */
    public static MonitoringListener resilience(AlertDispatcher alerts) {
        Objects.requireNonNull(alerts, "alerts must not be null");
        return new MonitoringListener() {
            @Override
            public void onCircuitBreakerStateChange(CircuitBreakerStateChange e) {
                String key = "circuit-breaker-open:" + e.name();
                if (e.to() == CircuitBreaker.State.OPEN) {
                    alerts.fire(Alert.builder(key, Severity.HIGH, "Circuit breaker '" + e.name() + "' opened after "
                            + e.failedCalls() + " failures")
                            .label("alertname", "circuit-breaker-open").label("breaker", e.name())
                            .detail("failure_rate_pct", e.failureRate()).detail("failed_calls", e.failedCalls())
                            .build());
                } else if (e.to() == CircuitBreaker.State.CLOSED) {
                    alerts.resolve(key);
                }
            }

            @Override
            public void onRetryExhausted(RetryExhausted e) {
                alerts.fire(Alert.builder("retries-exhausted:" + e.operation(), Severity.MEDIUM,
                        "All " + e.attempts() + " attempts failed for " + e.operation())
                        .label("alertname", "retries-exhausted").label("retry", e.retryName())
                        .detail("last_failure", e.lastFailure().getClass().getSimpleName()).build());
            }
        };
    }

    /**
     * A component turning unhealthy fires HIGH {@code component-unhealthy:<name>}, resolved when
     * it is healthy again; the whole application turning unhealthy fires CRITICAL
     * {@code application-unhealthy}.
     *
     * @param alerts the dispatcher
     * @return the listener
     * @throws NullPointerException if {@code alerts} is null
     */
    public static HealthListener health(AlertDispatcher alerts) {
        Objects.requireNonNull(alerts, "alerts must not be null");
        return new HealthListener() {
            @Override
            public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
                String key = "component-unhealthy:" + name;
                if (current.status() == HealthStatus.UNHEALTHY) {
                    alerts.fire(Alert.builder(key, Severity.HIGH, "Component '" + name + "' is unhealthy")
                            .description(current.message().orElse("")).label("alertname", "component-unhealthy")
                            .label("component", name).build());
                } else if (current.status() == HealthStatus.HEALTHY) {
                    alerts.resolve(key);
                }
            }

            @Override
            public void onOverallChange(HealthStatus previous, HealthReport current) {
                if (current.status() == HealthStatus.UNHEALTHY) {
                    alerts.fire(Alert.builder("application-unhealthy", Severity.CRITICAL, "Application is unhealthy")
                            .label("alertname", "application-unhealthy").build());
                } else if (current.status() == HealthStatus.HEALTHY) {
                    alerts.resolve("application-unhealthy");
                }
            }
        };
    }
}
