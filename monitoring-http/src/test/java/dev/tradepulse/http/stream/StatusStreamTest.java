package dev.tradepulse.http.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusStreamTest {

    private static final String TOKEN = "stream-token-for-tests-0123";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final StatusEventPublisher alertEvents = new StatusEventPublisher();
    private final StatusEventPublisher strategyEvents = new StatusEventPublisher();
    private final AtomicReference<String> alertText = new AtomicReference<>("none");
    private final AtomicReference<String> equity = new AtomicReference<>("10,000.00");
    private final AtomicReference<HealthResult> exchange = new AtomicReference<>(HealthResult.healthy());
    private final List<WsClient> clients = new ArrayList<>();
    private StatusStream stream;
    private HealthServer server;

    /** Stands in for AlertSections.active: a table with details, a count without. */
    private final StatusSection alerts = StatusSection.of("alerts", "Active alerts", details -> details
            ? StatusView.table(List.of("Alert"), List.of(new StatusView.Row(Tone.CRITICAL, List.of(alertText.get()))))
            : StatusView.note("1 active"), alertEvents);

    /** Stands in for TradingSections.strategies: a card per strategy, figures only with details. */
    private final StatusSection strategies = StatusSection.of("strategies", "Strategies", details ->
            StatusView.cards(List.of(card("momentum", details), card("carry", details))), strategyEvents);

    private StatusView.Card card(String name, boolean details) {
        if (!details) {
            return StatusView.Card.of(name, Tone.OK, "running");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("equity", name.equals("momentum") ? equity.get() : "5,000.00");
        return new StatusView.Card(name, Tone.OK, "running", fields, List.of());
    }

    @AfterEach
    void close() {
        clients.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private void start(StatusStreamConfig config, StatusSection... extra) throws Exception {
        start(config, 8, extra);
    }

    private void start(StatusStreamConfig config, int maxStreams, StatusSection... extra) throws Exception {
        registry.register("exchange", exchange::get);
        stream = StatusStream.builder().config(config).build();
        StatusPage.Builder page = StatusPage.builder(registry).section(alerts).section(strategies)
                .maxStreams(maxStreams).webSocket(stream);
        for (StatusSection s : extra) {
            page.section(s);
        }
        server = HealthServer.builder(registry).bearerToken(TOKEN).statusPage(page.build()).port(0).start();
    }

    private URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws" + query);
    }

    private WsClient connect(String... headers) throws Exception {
        WsClient c = WsClient.connect(ws(""), true, headers);
        clients.add(c);
        return c;
    }

    private WsClient operator() throws Exception {
        return connect("Authorization", "Bearer " + TOKEN);
    }

    private static StatusEvent alertFired(String summary) {
        return StatusEvent.builder(StatusEvent.Kind.ALERT_FIRED, "alerts").tone(Tone.CRITICAL).state("firing")
                .label("severity", "CRITICAL").detail("key", "daily-loss").detail("summary", summary).build();
    }

    private JsonNode status(boolean details) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(server.uri().resolve("/status")).timeout(WAIT);
        if (details) {
            get.header("Authorization", "Bearer " + TOKEN);
        }
        return JSON.readTree(HttpClient.newHttpClient().send(get.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void a_client_gets_a_versioned_snapshot_of_the_status_model_on_connect() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        WsClient c = operator();

        JsonNode snapshot = c.next("SNAPSHOT", WAIT);

        assertThat(snapshot.path("v").asInt()).isEqualTo(1);
        assertThat(snapshot.path("seq").asLong()).isEqualTo(1);
        assertThat(snapshot.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode payload = snapshot.path("payload");
        assertThat(payload.path("details").asBoolean()).isTrue();
        // the same model as GET /status: the same sections, rendered by the same code
        assertThat(payload.path("sections")).isEqualTo(status(true).path("sections"));
        assertThat(payload.path("status").asText()).isEqualTo("healthy");
    }

    @Test
    void request_snapshot_is_answered_and_unknown_messages_get_an_error_not_a_disconnect() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);

        c.send("{\"type\":\"SUBSCRIBE_EVERYTHING\"}");
        JsonNode error = c.next("ERROR", WAIT);
        assertThat(error.path("payload").path("code").asText()).isEqualTo("unknown_type");
        assertThat(error.toString()).doesNotContain("SUBSCRIBE_EVERYTHING"); // nothing the client sent is echoed
        c.send("not json <script>");
        assertThat(c.next("ERROR", WAIT).path("payload").path("code").asText()).isEqualTo("bad_json");

        equity.set("10,250.00");
        // /status caches its model for half the page's interval: ask until the new figure is in it
        AtomicReference<JsonNode> latest = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            c.send("{\"type\":\"REQUEST_SNAPSHOT\"}");
            latest.set(c.next("SNAPSHOT", WAIT));
            return latest.get().path("payload").toString().contains("10,250.00");
        });
        JsonNode again = latest.get();
        c.send("{\"type\":\"PING\"}");
        assertThat(c.next("PONG", WAIT).path("seq").asLong()).isGreaterThan(again.path("seq").asLong());
        assertThat(c.closed).isNotDone();
        assertThat(stream.clientErrors()).isEqualTo(2);
    }

    @Test
    void an_event_is_pushed_within_a_bound_after_it_happens_not_at_the_next_refresh() throws Exception {
        // a refresh interval of a minute: only the event itself can bring the message in time
        start(StatusStreamConfig.custom().refreshInterval(Duration.ofMinutes(1)).build());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);

        alertText.set("daily loss 15%");
        long before = System.nanoTime();
        alertEvents.publish(alertFired("daily loss <b>15%</b>"));
        JsonNode message = c.next("SYSTEM_ALERT", WAIT);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertThat(tookMillis).as("pushed within 2 s of the event").isLessThan(2_000);
        JsonNode event = message.path("payload").path("event");
        assertThat(event.path("kind").asText()).isEqualTo("ALERT_FIRED");
        assertThat(event.path("tone").asText()).isEqualTo("critical");
        assertThat(event.path("labels").path("severity").asText()).isEqualTo("CRITICAL");
        // user text is a JSON string, never markup the stream built
        assertThat(event.path("details").path("summary").asText()).isEqualTo("daily loss <b>15%</b>");
        assertThat(message.path("payload").path("section").path("id").asText()).isEqualTo("alerts");
    }

    @Test
    void strategy_events_become_the_seeds_trade_decision_and_portfolio_messages() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);

        strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.TRADE, "strategies").subject("momentum")
                .tone(Tone.OK).state("win").detail("symbol", "BTCUSDT").detail("realized P&L", "100.0").build());
        strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.HALTED, "strategies").subject("momentum")
                .tone(Tone.CRITICAL).state("HALTED").detail("rule", "daily-loss").build());
        strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.POSITIONS, "strategies").subject("carry")
                .state("position updated").build());

        JsonNode trade = c.next("TRADE_ALERT", WAIT).path("payload");
        assertThat(trade.path("strategy").asText()).isEqualTo("momentum");
        assertThat(trade.path("event").path("details").path("symbol").asText()).isEqualTo("BTCUSDT");
        JsonNode decision = c.next("decision", WAIT).path("payload");
        assertThat(decision.path("event").path("state").asText()).isEqualTo("HALTED");
        assertThat(decision.path("card").path("title").asText()).isEqualTo("momentum");
        JsonNode portfolio = c.next("PORTFOLIO_UPDATE", WAIT).path("payload");
        assertThat(portfolio.path("strategy").asText()).isEqualTo("carry");
        assertThat(portfolio.path("card").path("fields").path("equity").asText()).isEqualTo("5,000.00");
    }

    @Test
    void a_changed_card_is_sent_as_account_update_and_performance_update_at_the_refresh() throws Exception {
        start(StatusStreamConfig.custom().refreshInterval(Duration.ofMillis(200)).build());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);

        equity.set("9,100.00");

        JsonNode performance = c.next("PERFORMANCE_UPDATE", WAIT).path("payload");
        assertThat(performance.path("section").path("id").asText()).isEqualTo("strategies");
        JsonNode account = c.next("account_update", WAIT).path("payload");
        assertThat(account.path("strategy").asText()).isEqualTo("momentum");
        assertThat(account.path("card").path("fields").path("equity").asText()).isEqualTo("9,100.00");
    }

    @Test
    void a_health_change_is_sent_as_health_update_with_the_overall_status() throws Exception {
        start(StatusStreamConfig.custom().refreshInterval(Duration.ofMillis(200)).build());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);

        exchange.set(HealthResult.unhealthy("exchange unreachable"));

        JsonNode update = c.next("HEALTH_UPDATE", WAIT).path("payload");
        assertThat(update.path("status").asText()).isEqualTo("unhealthy");
        assertThat(update.path("section").path("id").asText()).isEqualTo("health");
        assertThat(update.path("section").toString()).contains("exchange unreachable");
    }

    @Test
    void a_client_following_one_strategy_gets_only_that_strategys_messages() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        WsClient c = WsClient.connect(ws("?strategy=carry"), true, "Authorization", "Bearer " + TOKEN);
        clients.add(c);
        c.next("SNAPSHOT", WAIT);

        strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.DECISION, "strategies").subject("momentum").build());
        strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.DECISION, "strategies").subject("carry").build());

        assertThat(c.next("decision", WAIT).path("payload").path("strategy").asText()).isEqualTo("carry");
    }

    @Test
    void without_the_token_a_client_sees_statuses_only_and_the_token_can_come_as_a_subprotocol() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        alertText.set("secret summary");
        WsClient anonymous = connect();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        WsClient browser = connect("protocol", MessageType.SUBPROTOCOL, "protocol", "bearer." + encoded);
        WsClient wrongToken = connect("Authorization", "Bearer not-the-token-at-all-000");

        JsonNode anonymousSnapshot = anonymous.next("SNAPSHOT", WAIT).path("payload");
        assertThat(anonymousSnapshot.path("details").asBoolean()).isFalse();
        assertThat(anonymousSnapshot.toString()).doesNotContain("secret summary").doesNotContain("10,000.00");
        assertThat(anonymousSnapshot.path("sections")).isEqualTo(status(false).path("sections"));
        assertThat(browser.next("SNAPSHOT", WAIT).path("payload").path("details").asBoolean()).isTrue();
        assertThat(browser.socket.getSubprotocol()).isEqualTo(MessageType.SUBPROTOCOL); // never the token's
        assertThat(wrongToken.next("SNAPSHOT", WAIT).path("payload").path("details").asBoolean()).isFalse();

        alertEvents.publish(alertFired("secret summary"));
        JsonNode anonymousEvent = anonymous.next("SYSTEM_ALERT", WAIT).path("payload");
        assertThat(anonymousEvent.path("event").has("details")).isFalse();
        assertThat(anonymousEvent.path("event").path("labels").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(anonymousEvent.toString()).doesNotContain("secret summary").doesNotContain("daily-loss");
        assertThat(browser.next("SYSTEM_ALERT", WAIT).path("payload").path("event").path("details")
                .path("summary").asText()).isEqualTo("secret summary");
    }

    @Test
    void a_client_that_does_not_read_is_dropped_after_its_bounded_queue_and_counted() throws Exception {
        start(StatusStreamConfig.custom().maxQueuedMessages(8).maxEventsPerPush(4).build());
        // the reader follows another strategy, so the big messages below are not its to read
        WsClient reader = WsClient.connect(ws("?strategy=carry"), true, "Authorization", "Bearer " + TOKEN);
        clients.add(reader);
        reader.next("SNAPSHOT", WAIT);
        WsClient stalled = WsClient.connect(ws(""), false, "Authorization", "Bearer " + TOKEN);
        clients.add(stalled);
        await().atMost(WAIT).until(() -> stream.openSessions() == 2);

        String big = "x".repeat(256 * 1024);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // 256 KiB trade events until the stalled client's socket buffers and its 8-message queue are full
        while (stream.droppedSlowClients() == 0 && System.nanoTime() < deadline) {
            for (int i = 0; i < 4; i++) {
                strategyEvents.publish(StatusEvent.builder(StatusEvent.Kind.TRADE, "strategies").subject("momentum")
                        .detail("note", big).build());
            }
            // one batch per coalescing window
            await().pollDelay(Duration.ofMillis(60)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }

        assertThat(stream.droppedSlowClients()).isEqualTo(1);
        assertThat(reader.closed).as("the reader stays connected").isNotDone();
        await().atMost(WAIT).until(() -> stream.openSessions() == 1);
        // the reader is still served
        reader.messages.clear();
        alertEvents.publish(alertFired("after the drop"));
        assertThat(reader.next("SYSTEM_ALERT", WAIT).path("payload").path("event").path("details").path("summary")
                .asText()).isEqualTo("after the drop");
    }

    @Test
    void stream_slots_are_shared_and_authenticated_clients_come_first() throws Exception {
        start(StatusStreamConfig.ofDefaults(), 2); // two slots: one for anonymous clients at most
        WsClient first = connect();
        first.next("SNAPSHOT", WAIT);

        assertThatThrownBy(() -> WsClient.connect(ws(""), true)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        WsClient operator = operator();
        assertThat(operator.next("SNAPSHOT", WAIT).path("payload").path("details").asBoolean()).isTrue();
        assertThat(stream.refused()).isEqualTo(1);

        first.close();
        await().atMost(WAIT).until(() -> stream.openSessions() == 1);
        assertThat(connect().next("SNAPSHOT", WAIT)).isNotNull(); // the anonymous slot was released
    }

    @Test
    void a_handshake_from_a_foreign_origin_is_refused() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        assertThatThrownBy(() -> WsClient.connect(ws(""), true, "Origin", "http://rebinding.example"))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        WsClient local = connect("Origin", "http://127.0.0.1:" + server.port());
        assertThat(local.next("SNAPSHOT", WAIT)).isNotNull();
    }

    @Test
    void closing_the_server_closes_the_connections_and_leaves_no_thread() throws Exception {
        start(StatusStreamConfig.ofDefaults());
        WsClient c = operator();
        c.next("SNAPSHOT", WAIT);
        assertThat(threads()).isNotEmpty();

        server.close();
        server = null;

        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isIn(1001, 1006);
        await().atMost(WAIT).until(() -> threads().isEmpty());
        assertThat(stream.openSessions()).isZero();
    }

    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("tradepulse-ws-hub")).toList();
    }
}
