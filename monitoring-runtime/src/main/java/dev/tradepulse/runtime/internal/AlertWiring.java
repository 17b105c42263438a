package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.alerts.sinks.AlertmanagerSink;
import dev.tradepulse.alerts.sinks.DiscordSink;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.alerts.sinks.PagerDutySink;
import dev.tradepulse.alerts.sinks.SlackSink;
import dev.tradepulse.alerts.sinks.TelegramSink;
import dev.tradepulse.alerts.sinks.WebhookSink;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.runtime.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alert dispatcher from {@code alerts.*}: one sink per configured channel, routed by its least severity. */
final class AlertWiring {

    private AlertWiring() {
    }

    /** {@code name=value} entries, in order; a malformed one names the key and its position, never guesses. */
    static Map<String, String> labels(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i);
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("alerts.alertmanager.labels entry " + (i + 1)
                        + " must be name=value, such as bot=bot-eu-1");
            }
            out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
        }
        return out;
    }

    static AlertDispatcher dispatcher(Config config, MeterRegistry meters, Clock clock, List<AlertSink> extra,
            URI statusPage) {
        AlertDispatcher.Builder b = AlertDispatcher.builder().meterRegistry(meters).clock(clock)
                .repeatInterval(config.duration("alerts.repeat-interval"));
        List<String> everything = new ArrayList<>();
        if (config.bool("alerts.log")) {
            b.sink(LogSink.create());
            everything.add("log");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        config.secret("alerts.slack.webhook").ifPresent(url -> route(b, config, "slack",
                SlackSink.create(uri("alerts.slack.webhook", url.reveal()), http)));
        config.secret("alerts.discord.webhook").ifPresent(url -> route(b, config, "discord",
                DiscordSink.create(uri("alerts.discord.webhook", url.reveal()), http)));
        config.secret("alerts.telegram.token").ifPresent(token -> route(b, config, "telegram",
                TelegramSink.create(TelegramSink.BOT_API, token.reveal(), config.string("alerts.telegram.chat-id")
                        .orElseThrow(() -> new IllegalArgumentException(
                                "alerts.telegram.chat-id is needed with alerts.telegram.token")), http)));
        config.secret("alerts.pagerduty.routing-key").ifPresent(key -> route(b, config, "pagerduty",
                PagerDutySink.create(PagerDutySink.EVENTS_V2, key.reveal(), http)));
        config.secret("alerts.webhook.url").ifPresent(url -> route(b, config, "webhook",
                WebhookSink.create("webhook", uri("alerts.webhook.url", url.reveal()), http)));
        List<String> members = config.list("alerts.alertmanager.url");
        if (!members.isEmpty()) {
            AlertmanagerSink.Builder am = AlertmanagerSink.builder(members.stream().map(u -> uri("alerts.alertmanager.url", u))
                    .toList(), statusPage, http).resendEvery(Duration.ofMinutes(1));
            // Without a bot's own label, two bots' alerts with one key are one alert to a shared Alertmanager.
            Map<String, String> labels = labels(config.list("alerts.alertmanager.labels"));
            labels.putIfAbsent("app", config.string("app").orElse("tradepulse"));
            labels.forEach(am::label);
            AlertmanagerSink sink = am.build();
            b.sink(sink).route(Route.to(sink.name()));
        }
        for (AlertSink s : extra) {
            b.sink(s);
            everything.add(s.name());
        }
        if (!everything.isEmpty()) {
            b.route(Route.to(everything.toArray(String[]::new)));
            b.defaultSinks(everything.toArray(String[]::new));
        }
        return b.build();
    }

    private static void route(AlertDispatcher.Builder b, Config config, String name, AlertSink sink) {
        Severity least = config.enumValue("alerts." + name + ".min-severity", Severity.class);
        Severity[] atLeast = Arrays.stream(Severity.values()).filter(s -> s.compareTo(least) <= 0).toArray(Severity[]::new);
        b.sink(sink).route(Route.to(sink.name()).when(atLeast));
    }

    // Never echo the URL: webhook URLs are secrets.
    private static URI uri(String key, String text) {
        try {
            URI u = URI.create(text.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an http or https URL with a host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a valid http or https URL (value not shown)");
        }
    }
}
