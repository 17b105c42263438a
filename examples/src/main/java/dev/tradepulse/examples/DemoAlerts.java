package dev.tradepulse.examples;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.alerts.Severity;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.alerts.sinks.SlackSink;
import dev.tradepulse.alerts.sinks.TelegramSink;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthResult;
import dev.tradepulse.health.HealthStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's alerting: every alert to the log; CRITICAL and HIGH also to Slack and Telegram when
 * {@code TRADEPULSE_SLACK_WEBHOOK}, or {@code TRADEPULSE_TELEGRAM_TOKEN} and
 * {@code TRADEPULSE_TELEGRAM_CHAT}, are set. Fed by the monitoring and health listeners.
 */
final class DemoAlerts {

    private DemoAlerts() {
    }

    static AlertDispatcher dispatcher(MeterRegistry meters, Map<String, String> env) {
        AlertDispatcher.Builder b = AlertDispatcher.builder().meterRegistry(meters).sink(LogSink.create())
                .repeatInterval(Duration.ofMinutes(5)).defaultSinks("log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String slack = env.get("TRADEPULSE_SLACK_WEBHOOK");
        if (slack != null && !slack.isBlank()) {
            b.sink(SlackSink.create(URI.create(slack.strip()), http))
                    .route(Route.to("log", "slack").when(Severity.CRITICAL, Severity.HIGH));
        }
        String token = env.get("TRADEPULSE_TELEGRAM_TOKEN");
        String chat = env.get("TRADEPULSE_TELEGRAM_CHAT");
        if (token != null && !token.isBlank() && chat != null && !chat.isBlank()) {
            b.sink(TelegramSink.create(TelegramSink.BOT_API, token.strip(), chat.strip(), http))
                    .route(Route.to("log", "telegram").when(Severity.CRITICAL, Severity.HIGH));
        }
        return b.build();
    }

    /** Breaker openings page (HIGH) and resolve on recovery; exhausted retries are MEDIUM. */
    static MonitoringListener monitoringAlerts(AlertDispatcher alerts) {
        return new MonitoringListener() {
            @Override
            public void onCircuitBreakerStateChange(CircuitBreakerStateChange e) {
                String key = "circuit-breaker-open:" + e.name();
                if (e.to() == CircuitBreaker.State.OPEN) {
                    alerts.fire(Alert.builder(key, Severity.HIGH, "Circuit breaker '" + e.name() + "' opened")
                            .description("Calls to the exchange are failing; orders are being rejected locally.")
                            .label("component", "exchange").detail("failure_rate_pct", e.failureRate())
                            .detail("failed_calls", e.failedCalls()).source("tradepulse-demo").build());
                } else if (e.to() == CircuitBreaker.State.CLOSED) {
                    alerts.resolve(key);
                }
            }

            @Override
            public void onRetryExhausted(RetryExhausted e) {
                alerts.fire(Alert.builder("retries-exhausted:" + e.operation(), Severity.MEDIUM,
                        "All " + e.attempts() + " attempts failed for " + e.operation())
                        .detail("last_failure", e.lastFailure().getClass().getSimpleName())
                        .source("tradepulse-demo").build());
            }
        };
    }

    /** A component turning unhealthy is an alert; turning healthy resolves it. */
    static HealthListener healthAlerts(AlertDispatcher alerts) {
        return new HealthListener() {
            @Override
            public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
                String key = "component-unhealthy:" + name;
                if (current.status() == HealthStatus.UNHEALTHY) {
                    alerts.fire(Alert.builder(key, Severity.HIGH, "Component '" + name + "' is unhealthy")
                            .description(current.message().orElse("")).label("component", name)
                            .source("tradepulse-demo").build());
                } else if (current.status() == HealthStatus.HEALTHY) {
                    alerts.resolve(key);
                }
            }
        };
    }
}
