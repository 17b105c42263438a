package dev.tradepulse.examples;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.alerts.sinks.SlackSink;
import dev.tradepulse.alerts.sinks.TelegramSink;
import dev.tradepulse.api.alert.Severity;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's alerting: every alert to the log; CRITICAL and HIGH also to Slack and Telegram when
 * {@code TRADEPULSE_SLACK_WEBHOOK}, or {@code TRADEPULSE_TELEGRAM_TOKEN} and
 * {@code TRADEPULSE_TELEGRAM_CHAT}, are set. Fed by {@code AlertSubscriptions}.
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

}
