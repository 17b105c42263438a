package dev.tradepulse.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.Command;
import dev.tradepulse.chat.CommandRecord;
import dev.tradepulse.chat.CommandRecord.Outcome;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.Role;
import dev.tradepulse.chat.slack.FakeSlack.OpenFault;
import dev.tradepulse.test.ManualSleeper;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SlackTransportTest {

    static final String ALICE = "U0ALICE";
    static final String MALLORY = "U0MALLORY";
    static final String CHANNEL = "C0OPS";
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    FakeSlack slack;
    SlackTransport transport;
    final List<String> halted = new CopyOnWriteArrayList<>();
    final List<CommandRecord> audit = new CopyOnWriteArrayList<>();
    final MutableClock clock = MutableClock.start();
    final ManualSleeper sleeper = ManualSleeper.moving(clock);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger chatLogger = (Logger) LoggerFactory.getLogger("dev.tradepulse.chat");

    @BeforeEach
    void start() throws Exception {
        logs.start();
        chatLogger.setLevel(Level.DEBUG);
        chatLogger.setAdditive(false);
        chatLogger.addAppender(logs);
        slack = new FakeSlack();
    }

    SlackTransport connect() {
        return connect(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    SlackTransport connect(Duration pingInterval, Duration idleTimeout) {
        ChatControl control = ChatControl.builder()
                .allow("slack", ALICE, Role.OPERATOR)
                .command(Command.confirmed("halt", Role.OPERATOR, "halt a strategy", inv -> {
                    halted.add(String.join(" ", inv.args()));
                    return Reply.text("momentum is HALTED");
                }))
                .command(Command.of("status", Role.VIEWER, "the strategies", inv -> Reply.text("momentum ACTIVE")))
                .audit(audit::add).clock(clock).build();
        transport = SlackTransport.builder(FakeSlack.APP_TOKEN, FakeSlack.BOT_TOKEN, control).api(slack.api())
                .clock(clock).sleeper(sleeper).maxRetryAfter(MAX_RETRY_AFTER).callTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(5)).maxMessageChars(256 * 1024).watchdog(pingInterval, idleTimeout)
                .umbrellaCommand("/tradepulse").build();
        return transport;
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        slack.close();
        chatLogger.detachAppender(logs);
        chatLogger.setAdditive(true);
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(FakeSlack.APP_TOKEN, FakeSlack.BOT_TOKEN, "secret-ticket"));
    }

    private void awaitConnections(long n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> transport.counters().connections() >= n && transport.connected());
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T t = queue.poll(10, TimeUnit.SECONDS);
        assertThat(t).as("something within 10 s").isNotNull();
        return t;
    }

    private JsonNode ackOf(String envelopeId) throws InterruptedException {
        while (true) {
            JsonNode ack = next(slack.acks);
            if (ack.path("envelope_id").asText().equals(envelopeId)) {
                return ack;
            }
        }
    }

    @Test
    void aSlashCommandFromAnAllowedUserIsAnsweredInItsAcknowledgement() throws Exception {
        connect();
        awaitConnections(1);
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        JsonNode ack = ackOf(id);
        assertThat(ack.path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.counters().acks() == 1);
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DONE);
            assertThat(r.user().transport()).isEqualTo("slack");
            assertThat(r.user().id()).isEqualTo(ALICE);
            assertThat(r.chatId()).isEqualTo(CHANNEL);
        });
        assertThat(transport.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void theUmbrellaSlashCommandRunsTheCommandNamedInItsText() throws Exception {
        connect();
        awaitConnections(1);
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/tradepulse", "status");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
        String help = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/tradepulse", "");
        assertThat(ackOf(help).path("payload").path("text").asText()).startsWith("You may run:").contains("/halt");
        assertThat(audit).extracting(CommandRecord::command).containsExactly("status", "help");
    }

    @Test
    void aButtonPressConfirmsAConfirmedCommandEndToEnd() throws Exception {
        connect();
        awaitConnections(1);
        JsonNode ask = ackOf(slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/halt", "momentum"));
        assertThat(ask.path("payload").path("text").asText()).startsWith("Confirm /halt momentum?");
        JsonNode button = ask.path("payload").path("blocks").get(1).path("elements").get(0);
        assertThat(button.path("type").asText()).isEqualTo("button");
        assertThat(button.path("text").path("text").asText()).isEqualTo("Confirm");
        assertThat(halted).isEmpty();

        String press = slack.press(ALICE, "alice", CHANNEL, button.path("value").asText());
        assertThat(ackOf(press).has("payload")).isFalse();
        JsonNode posted = next(slack.posted);
        assertThat(posted.path("channel").asText()).isEqualTo(CHANNEL);
        assertThat(posted.path("text").asText()).isEqualTo("momentum is HALTED");
        assertThat(halted).containsExactly("momentum");
        assertThat(audit).extracting(CommandRecord::outcome).containsExactly(Outcome.AWAITING_CONFIRMATION, Outcome.DONE);
    }

    @Test
    void anUnlistedUserIsRefusedAndTheRefusalIsAudited() throws Exception {
        connect();
        awaitConnections(1);
        JsonNode ack = ackOf(slack.slash(slack.nextEnvelopeId(), MALLORY, "mallory", CHANNEL, "/halt", "all"));
        assertThat(ack.path("payload").path("text").asText()).contains("not allowed").contains(MALLORY);
        assertThat(halted).isEmpty();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED_UNAUTHORISED);
            assertThat(r.user().id()).isEqualTo(MALLORY);
            assertThat(r.args()).containsExactly("all");
        });
    }

    @Test
    void aMessageEventIsHandledAndAnsweredByPostMessage() throws Exception {
        connect();
        awaitConnections(1);
        String id = slack.message(ALICE, "D0DIRECT", "/status");
        assertThat(ackOf(id).has("payload")).isFalse();
        JsonNode posted = next(slack.posted);
        assertThat(posted.path("channel").asText()).isEqualTo("D0DIRECT");
        assertThat(posted.path("text").asText()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void anEnvelopeSentTwiceIsAcknowledgedTwiceButHandledOnce() throws Exception {
        connect();
        awaitConnections(1);
        String id = slack.nextEnvelopeId();
        slack.slash(id, ALICE, "alice", CHANNEL, "/status", "");
        slack.slash(id, ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
        assertThat(ackOf(id).has("payload")).as("the second ack carries no second answer").isFalse();
        assertThat(audit).hasSize(1);
        assertThat(transport.counters().handled()).isEqualTo(1);
        assertThat(transport.counters().duplicates()).isEqualTo(1);
    }

    @Test
    void aDisconnectEnvelopeReconnectsAtOnceAndCommandsGoOn() throws Exception {
        connect();
        awaitConnections(1);
        slack.disconnectEnvelope();
        awaitConnections(2);
        assertThat(sleeper.sleeps()).as("Slack asked: no back-off").isEmpty();
        assertThat(transport.counters().reconnects()).isEqualTo(1);
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void aDroppedSocketReconnectsAfterABackOffWithJitterAndCommandsGoOn() throws Exception {
        connect();
        awaitConnections(1);
        slack.dropSocket();
        awaitConnections(2);
        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500)));
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void aPeerThatAnswersPingsKeepsItsConnection() {
        connect(Duration.ofMillis(50), Duration.ofMillis(400));
        awaitConnections(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.pings.get() >= 12);   // 600 ms of pings
        assertThat(transport.counters().connections()).isEqualTo(1);
        assertThat(transport.counters().reconnects()).isZero();
    }

    @Test
    void aSilentPeerIsDetectedByTheWatchdogAndReconnected() throws Exception {
        slack.silent = true;
        connect(Duration.ofMillis(50), Duration.ofMillis(300));
        awaitConnections(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.counters().reconnects() >= 1);
        assertThat(slack.pings.get()).as("it pinged before giving up").isPositive();
        slack.silent = false;
        int answered = slack.pings.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.pings.get() >= answered + 10);   // 500 ms answered
        awaitConnections(2);
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void hostileConnectionsOpenAnswersAreSurvivedCountedAndBackedOff() throws Exception {
        slack.faultNextOpen(OpenFault.HUGE_BODY);
        slack.faultNextOpen(OpenFault.DRIP);
        slack.faultNextOpen(OpenFault.TOO_MANY_REQUESTS);
        slack.faultNextOpen(OpenFault.GARBAGE);
        slack.faultNextOpen(OpenFault.NOT_WSS);
        long before = System.nanoTime();
        connect();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("build() does not wait for Slack")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(transport.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
        awaitConnections(1);
        assertThat(transport.counters().connectFailures()).isEqualTo(5);
        assertThat(slack.opens.get()).isEqualTo(6);
        assertThat(sleeper.sleeps()).hasSize(5).contains(MAX_RETRY_AFTER)
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(MAX_RETRY_AFTER));
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void hostileSocketMessagesAreSurvivedAndCountedAndAnEndlessOneDropsTheConnection() throws Exception {
        connect();
        awaitConnections(1);
        slack.sendRaw("this is not json {{{");
        slack.sendRaw("[1,2,3]");
        slack.sendRaw("{\"type\":\"slash_commands\",\"payload\":{\"command\":\"/halt\",\"text\":\"all\",\"user_id\":\"" + ALICE
                + "\",\"channel_id\":\"C1\"}}");
        slack.sendRaw("{\"type\":\"slash_commands\",\"envelope_id\":\"e-x\",\"payload\":{\"command\":\"/halt\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.counters().malformed() >= 4);
        assertThat(ackOf("e-x").has("payload")).as("even a useless envelope with an id is acked").isFalse();
        assertThat(audit).as("nothing reached the chat control").isEmpty();

        slack.endlessFrame(100);   // 6.4 MiB of one message, never finished
        awaitConnections(2);
        assertThat(transport.counters().oversized()).isEqualTo(1);
        String id = slack.slash(slack.nextEnvelopeId(), ALICE, "alice", CHANNEL, "/status", "");
        assertThat(ackOf(id).path("payload").path("text").asText()).isEqualTo("momentum ACTIVE");
        assertThat(halted).isEmpty();
    }

    @Test
    void aTooManyRequestsOnPostMessageIsWaitedOutCappedAndTheReplyStillArrives() throws Exception {
        connect();
        awaitConnections(1);
        slack.failNextPost();
        slack.message(ALICE, CHANNEL, "/status");
        assertThat(next(slack.posted).path("text").asText()).isEqualTo("momentum ACTIVE");
        assertThat(sleeper.sleeps()).containsExactly(MAX_RETRY_AFTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.counters().posted() == 1);
        assertThat(transport.counters().dropped()).isZero();
    }

    @Test
    void repliesToOneChannelArePacedAboutOneASecond() throws Exception {
        connect();
        awaitConnections(1);
        slack.message(ALICE, CHANNEL, "/status");
        next(slack.posted);
        slack.message(ALICE, CHANNEL, "/status");
        next(slack.posted);
        assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void whenSlackDiesTheCallerIsUntouchedHealthIsDegradedAndCloseIsBoundedAndIdempotent() throws Exception {
        connect();
        awaitConnections(1);
        slack.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> !transport.connected());
        HealthResult health = transport.healthCheck().check();
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.message().orElse("")).contains("chat commands do not reach the bot");
        assertThat(health.toString() + health.details() + transport)
                .doesNotContain(FakeSlack.APP_TOKEN, FakeSlack.BOT_TOKEN, "secret-ticket");
        long start = System.nanoTime();
        transport.close();
        transport.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tradepulse-chat-slack") && t.isAlive());
    }

    @Test
    void tokensAreCheckedAtBuildWithoutBeingShown() {
        ChatControl control = ChatControl.builder().build();
        assertThatThrownBy(() -> SlackTransport.builder(FakeSlack.BOT_TOKEN, FakeSlack.BOT_TOKEN, control))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appToken")
                .hasMessageNotContaining(FakeSlack.BOT_TOKEN);
        assertThatThrownBy(() -> SlackTransport.builder(FakeSlack.APP_TOKEN, FakeSlack.APP_TOKEN, control))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("botToken")
                .hasMessageNotContaining(FakeSlack.APP_TOKEN);
        assertThatThrownBy(() -> SlackTransport.builder(FakeSlack.APP_TOKEN, FakeSlack.BOT_TOKEN, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("control");
    }

    @Test
    void withNoAllowedUserItSaysSoAtStart() throws Exception {
        transport = SlackTransport.builder(FakeSlack.APP_TOKEN, FakeSlack.BOT_TOKEN, ChatControl.builder().build())
                .api(slack.api()).sleeper(sleeper).clock(clock).build();
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("Slack chat control is on, but no user is allowed"));
    }
}
