package dev.tradepulse.alerts.sinks;

import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.test.kit.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * Every built-in HTTP sink passes the compatibility kit that anyone writing a sink can use
 * (monitoring-test's {@code AlertSinkCompatibilityKit}), hostile providers included, and keeps
 * CRITICAL alerts moving with the dispatcher. Each is built with a two-second deadline to keep those cases fast.
 */
class SinkCompatibilityTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    // two seconds: one was too short for an ordinary exchange on a loaded 2-core build machine
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Nested
    class Slack extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return SlackSink.builder(p.uri("/services/T000/B000/slack-secret-path"), CLIENT).timeout(DEADLINE).build();
        }

        @Override
        protected List<String> secrets() {
            return List.of("slack-secret-path");
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }

    @Nested
    class Telegram extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return TelegramSink.builder(p.uri("/"), "4242:telegram-secret-token", "-100", CLIENT).timeout(DEADLINE)
                    .build();
        }

        @Override
        protected List<String> secrets() {
            return List.of("telegram-secret-token");
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }

    @Nested
    class Discord extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return DiscordSink.builder(p.uri("/api/webhooks/1/discord-secret-path"), CLIENT).timeout(DEADLINE).build();
        }

        @Override
        protected List<String> secrets() {
            return List.of("discord-secret-path");
        }

        @Override
        protected int successStatus() {
            return 204;
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }

    @Nested
    class PagerDuty extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return PagerDutySink.builder(p.uri("/v2/enqueue"), "pagerdutysecretroutingkey0123456", CLIENT)
                    .timeout(DEADLINE).build();
        }

        @Override
        protected List<String> secrets() {
            return List.of("pagerdutysecretroutingkey0123456");
        }

        @Override
        protected int successStatus() {
            return 202;
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }

    @Nested
    class Alertmanager extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return AlertmanagerSink.builder(List.of(p.uri("/")), URI.create("http://127.0.0.1:8080/"), CLIENT)
                    .resendEvery(Duration.ofHours(1)).timeout(DEADLINE).build();
        }

        @Override
        protected List<String> secrets() {
            return List.of();
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }

    @Nested
    class Webhook extends BuiltInSinkContract {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return WebhookSink.builder(p.uri("/hooks/webhook-secret-path"), CLIENT).name("ops")
                    .secret("webhook-hmac-secret".getBytes(StandardCharsets.UTF_8)).timeout(DEADLINE).build();
        }

        @Override
        protected List<String> secrets() {
            return List.of("webhook-secret-path", "webhook-hmac-secret");
        }

        @Override
        protected Duration exchangeDeadline() {
            return DEADLINE;
        }
    }
}
