package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.AlertSink;
import dev.tradepulse.alerts.AlertSinkCompatibilityKit;
import dev.tradepulse.alerts.LoopbackServer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Our own HTTP sinks pass the compatibility kit that anyone writing a sink can use. */
class SinkCompatibilityTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Nested
    class Slack extends AlertSinkCompatibilityKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return SlackSink.create(p.uri("/services/T000/B000/slack-secret-path"), CLIENT);
        }

        @Override
        protected List<String> secrets() {
            return List.of("slack-secret-path");
        }
    }

    @Nested
    class Telegram extends AlertSinkCompatibilityKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return TelegramSink.create(p.uri("/"), "4242:telegram-secret-token", "-100", CLIENT);
        }

        @Override
        protected List<String> secrets() {
            return List.of("telegram-secret-token");
        }
    }

    @Nested
    class Discord extends AlertSinkCompatibilityKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return DiscordSink.create(p.uri("/api/webhooks/1/discord-secret-path"), CLIENT);
        }

        @Override
        protected List<String> secrets() {
            return List.of("discord-secret-path");
        }

        @Override
        protected int successStatus() {
            return 204;
        }
    }

    @Nested
    class Webhook extends AlertSinkCompatibilityKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return WebhookSink.signed("ops", p.uri("/hooks/webhook-secret-path"),
                    "webhook-hmac-secret".getBytes(StandardCharsets.UTF_8), CLIENT);
        }

        @Override
        protected List<String> secrets() {
            return List.of("webhook-secret-path", "webhook-hmac-secret");
        }
    }
}
