package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.kit.LoopbackServer.Reply;
import dev.tradepulse.test.kit.LoopbackServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each sink against a real loopback server playing its provider, asserting the exact request. */
class SinksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "123456:ABC-secret_token";
    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LoopbackServer provider = startProvider();

    private static LoopbackServer startProvider() {
        try {
            return new LoopbackServer();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        provider.close();
    }

    private static Alert alert(Severity severity, String summary) {
        return Alert.builder("exchange-down:binance", severity, summary)
                .description("5 failures <in a row> & counting")
                .label("exchange", "binance")
                .detail("failures", 5)
                .source("momentum-bot")
                .startsAt(Instant.parse("2026-11-22T10:30:00Z"))
                .build();
    }

    @Test
    void slack_gets_one_coloured_attachment_per_alert_with_mrkdwn_escaped() throws Exception {
        SlackSink.create(provider.uri("/services/T0/B0/secret"), client)
                .deliver(Notification.of(alert(Severity.CRITICAL, "Binance <api> down & out")));

        LoopbackServer.Request r = provider.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/services/T0/B0/secret");
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo("{\"text\":\"[P1 CRITICAL] Binance &lt;api&gt; down &amp; out\","
                + "\"attachments\":[{\"color\":\"#d00000\",\"title\":\"[P1] Binance &lt;api&gt; down &amp; out\","
                + "\"text\":\"5 failures &lt;in a row&gt; &amp; counting\\nfailures=5\",\"footer\":\"momentum-bot\","
                + "\"ts\":1795343400,\"mrkdwn_in\":[\"text\"]}]}");
    }

    @Test
    void telegram_sends_escaped_html_to_the_bots_sendmessage_and_honours_retry_after_from_the_body() throws Exception {
        TelegramSink sink = TelegramSink.create(provider.uri("/"), TOKEN, "-1001", client);
        sink.deliver(Notification.of(alert(Severity.HIGH, "Breaker <exchange> opened")));

        LoopbackServer.Request r = provider.take();
        assertThat(r.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("chat_id").asText()).isEqualTo("-1001");
        assertThat(body.get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.get("text").asText()).isEqualTo("🔴 <b>[P2 HIGH]</b> Breaker &lt;exchange&gt; opened\n"
                + "5 failures &lt;in a row&gt; &amp; counting\n<code>failures=5</code>");

        provider.reply(Reply.of(429, Map.of("Content-Type", "application/json"),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                        + "\"parameters\":{\"retry_after\":5}}"));
        assertThatThrownBy(() -> sink.deliver(Notification.of(alert(Severity.HIGH, "again"))))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                    assertThat(e.getMessage()).isEqualTo("telegram sendMessage: HTTP 429").doesNotContain(TOKEN);
                });
        assertThat(sink.toString()).doesNotContain(TOKEN);
    }

    @Test
    void telegram_cuts_a_huge_message_to_4096_characters_without_breaking_markup() throws Exception {
        String huge = "<&>".repeat(40_000);
        String text = TelegramSink.render(Notification.of(alert(Severity.LOW, huge)));

        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text).endsWith("…").doesNotContain("<&>");
        assertThat(text.replaceAll("&(amp|lt|gt|quot);", "")).doesNotContain("&");
    }

    @Test
    void pagerduty_triggers_and_resolves_with_the_dedup_key_and_mapped_severity() throws Exception {
        PagerDutySink sink = PagerDutySink.create(provider.uri("/v2/enqueue"), ROUTING_KEY, client);
        provider.reply(Reply.of(202, Map.of(), "{\"status\":\"success\",\"dedup_key\":\"exchange-down:binance\"}"));
        Alert firing = alert(Severity.HIGH, "Binance down");
        sink.deliver(Notification.of(firing));
        sink.deliver(Notification.of(firing.resolved(Instant.parse("2026-11-22T10:45:00Z"))));

        JsonNode trigger = JSON.readTree(provider.take().body());
        assertThat(trigger.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("exchange-down:binance");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("error");
        assertThat(trigger.at("/payload/summary").asText()).isEqualTo("[P2] Binance down");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("momentum-bot");
        assertThat(trigger.at("/payload/custom_details/exchange").asText()).isEqualTo("binance");
        JsonNode resolve = JSON.readTree(provider.take().body());
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void pagerduty_cuts_summary_to_1024_and_hashes_dedup_keys_over_255() throws Exception {
        PagerDutySink sink = PagerDutySink.create(provider.uri("/v2/enqueue"), ROUTING_KEY, client);
        Alert big = Alert.builder("k".repeat(300), Severity.CRITICAL, "x".repeat(100_000)).build();
        JsonNode event = JSON.readTree(sink.event(big));

        assertThat(event.at("/payload/summary").asText()).hasSize(1024);
        assertThat(event.get("dedup_key").asText()).hasSize(64).matches("[0-9a-f]+");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(PagerDutySink.severity(Alert.builder("k", Severity.LOW, "s").build())).isEqualTo("info");
        assertThat(PagerDutySink.severity(Alert.builder("k", Severity.MEDIUM, "s").build())).isEqualTo("warning");
    }

    @Test
    void a_400_is_permanent_while_429_and_5xx_are_retryable_with_retry_after_in_both_forms() throws Exception {
        PagerDutySink sink = PagerDutySink.create(provider.uri("/v2/enqueue"), ROUTING_KEY, client);
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        provider.reply(Reply.of(400), Reply.of(429, Map.of("Retry-After", "2"), ""),
                Reply.of(429, Map.of("Retry-After", inTwoMinutes), ""), Reply.of(503));
        Notification n = Notification.of(alert(Severity.CRITICAL, "down"));

        assertThatThrownBy(() -> sink.deliver(n)).isInstanceOfSatisfying(SinkException.class,
                e -> assertThat(e.isRetryable()).isFalse());
        assertThatThrownBy(() -> sink.deliver(n)).isInstanceOfSatisfying(SinkException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> sink.deliver(n)).isInstanceOfSatisfying(SinkException.class,
                e -> assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
        assertThatThrownBy(() -> sink.deliver(n)).isInstanceOfSatisfying(SinkException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("pagerduty enqueue: HTTP 503").doesNotContain(ROUTING_KEY);
        });
    }

    @Test
    void a_hanging_server_is_a_retryable_timeout_and_a_refused_connection_is_retryable() throws Exception {
        provider.reply(Reply.hanging());
        HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var http = new HttpDelivery(quick, Duration.ofMillis(300), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> http.postJson("slow provider", provider.uri("/x"), new byte[0], Map.of()))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("slow provider: no complete response within 300 ms");
                });

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> SlackSink.create(URI.create("http://127.0.0.1:" + closed + "/hook"), quick)
                .deliver(Notification.of(alert(Severity.LOW, "x"))))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("slack webhook: ").doesNotContain("/hook");
                });
    }

    @Test
    void the_webhook_signs_the_exact_body_with_hmac_sha256() throws Exception {
        byte[] secret = "webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
        WebhookSink.signed("ops", provider.uri("/hooks/alerts"), secret, client)
                .deliver(new Notification(List.of(alert(Severity.MEDIUM, "disk 85%"), alert(Severity.CRITICAL, "down"))));

        LoopbackServer.Request r = provider.take();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(r.headers().get("X-TradePulse-Signature")).isEqualTo(expected);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("alerts")).extracting(a -> a.get("severity").asText()).containsExactly("critical", "medium");
        assertThat(body.at("/alerts/0/priority").asText()).isEqualTo("P1");
    }

    @Test
    void discord_gets_escaped_embeds_with_mentions_off_and_its_rate_limit_headers_are_honoured() throws Exception {
        java.time.Clock fixed = java.time.Clock.fixed(Instant.parse("2026-11-22T10:30:00Z"), ZoneOffset.UTC);
        DiscordSink sink = DiscordSink.create(provider.uri("/api/webhooks/1/secret"), client, fixed);
        provider.reply(Reply.of(204, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "2.5"), ""));

        sink.deliver(Notification.of(alert(Severity.CRITICAL, "@everyone *Binance* down")));

        JsonNode body = JSON.readTree(provider.take().body());
        assertThat(body.at("/embeds/0/title").asText()).isEqualTo("\\[P1\\] @everyone \\*Binance\\* down");
        assertThat(body.at("/embeds/0/color").asInt()).isEqualTo(0xD00000);
        assertThat(body.at("/allowed_mentions/parse").size()).isZero();
        // No requests left: the next message waits for the bucket to reset, without being sent.
        assertThatThrownBy(() -> sink.deliver(Notification.of(alert(Severity.LOW, "next"))))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(2500)));
        assertThat(provider.received()).isZero();
    }

    @Test
    void discord_429_retry_after_in_the_body_is_honoured() throws Exception {
        DiscordSink sink = DiscordSink.create(provider.uri("/api/webhooks/1/secret"), client);
        provider.reply(Reply.of(429, Map.of("Content-Type", "application/json"), "{\"message\":\"You are being rate limited.\","
                + "\"retry_after\":1.25,\"global\":false}"));

        assertThatThrownBy(() -> sink.deliver(Notification.of(alert(Severity.HIGH, "x"))))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(1250));
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void secrets_are_checked_and_never_shown() {
        assertThatThrownBy(() -> TelegramSink.create(provider.uri("/"), "not a token", "1", client))
                .hasMessage("token must look like a bot token (digits:letters)");
        assertThatThrownBy(() -> PagerDutySink.create(provider.uri("/"), "short", client))
                .hasMessage("routingKey must be the 32-character integration key");
        assertThat(SlackSink.create(provider.uri("/services/T0/B0/secret"), client).toString()).isEqualTo("SlackSink[slack]");
        assertThat(PagerDutySink.create(provider.uri("/"), ROUTING_KEY, client).toString()).doesNotContain(ROUTING_KEY);
    }

    @Test
    void at_most_the_configured_bytes_of_a_response_body_are_kept_and_the_rest_is_not_read() throws Exception {
        var http = new HttpDelivery(client, Duration.ofSeconds(5), java.time.Clock.systemUTC(), 4096);
        provider.reply(Reply.hugeBody(200));

        HttpDelivery.Response ok = http.postJson("huge", provider.uri("/x"), new byte[0], Map.of());

        assertThat(ok.body()).hasSize(4096);
        assertThat(ok.truncated()).isTrue();
        assertThat(provider.awaitHostileReplyEnded(Duration.ofSeconds(5))).isLessThan(64L * 1024 * 1024);

        provider.reply(Reply.hugeBody(503));
        assertThatThrownBy(() -> http.postJson("huge", provider.uri("/x"), new byte[0], Map.of()))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void one_deadline_covers_headers_and_body_so_a_dripping_body_fails_in_time() {
        var http = new HttpDelivery(client, Duration.ofMillis(500), java.time.Clock.systemUTC());
        provider.reply(Reply.drip(200));
        long start = System.nanoTime();

        assertThatThrownBy(() -> http.postJson("drip", provider.uri("/x"), new byte[0], Map.of()))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("drip: no complete response within 500 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void sinks_have_builders_for_their_name_deadline_and_clock() {
        SlackSink ops = SlackSink.builder(provider.uri("/a"), client).name("slack-ops").timeout(Duration.ofSeconds(3))
                .build();
        SlackSink trading = SlackSink.builder(provider.uri("/b"), client).name("slack-trading").build();
        assertThat(List.of(ops.name(), trading.name())).containsExactly("slack-ops", "slack-trading");
        assertThat(TelegramSink.builder(provider.uri("/"), TOKEN, "1", client).name("tg2").build().name()).isEqualTo("tg2");
        assertThat(PagerDutySink.builder(provider.uri("/"), ROUTING_KEY, client).name("pd-b").build().name())
                .isEqualTo("pd-b");
        assertThat(DiscordSink.builder(provider.uri("/"), client).clock(java.time.Clock.systemUTC()).name("d2").build()
                .name()).isEqualTo("d2");
        assertThat(LogSink.named("audit-log").name()).isEqualTo("audit-log");
        assertThatThrownBy(() -> SlackSink.builder(provider.uri("/a"), client).name("has space"))
                .hasMessageStartingWith("name must be 1 to 64 letters");
        assertThatThrownBy(() -> SlackSink.builder(provider.uri("/a"), client).timeout(Duration.ZERO))
                .hasMessage("timeout must be positive, but was PT0S");
        assertThatThrownBy(() -> WebhookSink.builder(provider.uri("/a"), client).maxResponseBytes(10))
                .hasMessage("maxResponseBytes must be at least 1024, got 10");
    }
}
