package dev.tradepulse.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.Command;
import dev.tradepulse.chat.CommandRecord;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.Role;
import dev.tradepulse.chat.telegram.FakeTelegram.Fault;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramTransportTest {

    static final long ALICE = 1001;
    static final long MALLORY = 6666;
    static final long GROUP = -100200300;

    FakeTelegram telegram;
    TelegramTransport transport;
    final List<String> halted = new CopyOnWriteArrayList<>();
    final List<CommandRecord> audit = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final MutableClock clock = MutableClock.start();

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram();
        ChatControl control = ChatControl.builder()
                .allow("telegram", Long.toString(ALICE), Role.OPERATOR)
                .command(Command.confirmed("halt", Role.OPERATOR, "halt a strategy", inv -> {
                    halted.add(String.join(" ", inv.args()));
                    return Reply.text("momentum is HALTED");
                }))
                .audit(audit::add).build();
        transport = TelegramTransport.builder(FakeTelegram.TOKEN, control).api(telegram.uri())
                .pollTimeout(Duration.ofSeconds(1)).clock(clock).sleeper(d -> {
                    waits.add(d);
                    clock.advance(d);
                }).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        telegram.close();
    }

    private JsonNode nextSent() throws InterruptedException {
        JsonNode m = telegram.sent.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message sent within 10 s").isNotNull();
        return m;
    }

    @Test
    void anOperatorHaltsFromTheGroupAfterPressingConfirm() throws Exception {
        telegram.message(ALICE, "alice", GROUP, "supergroup", "/halt momentum");
        JsonNode ask = nextSent();
        assertThat(ask.path("chat_id").asText()).isEqualTo(Long.toString(GROUP));
        assertThat(ask.path("text").asText()).startsWith("Confirm /halt momentum?");
        String data = ask.path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asText();
        assertThat(halted).isEmpty();

        telegram.press(ALICE, "alice", GROUP, data);
        assertThat(telegram.answered.poll(10, TimeUnit.SECONDS)).startsWith("cb-");
        assertThat(nextSent().path("text").asText()).isEqualTo("momentum is HALTED");
        assertThat(halted).containsExactly("momentum");
        assertThat(audit).extracting(CommandRecord::outcome)
                .containsExactly(CommandRecord.Outcome.AWAITING_CONFIRMATION, CommandRecord.Outcome.DONE);
    }

    @Test
    void anUnlistedGroupMemberIsRefusedAndNothingHalts() throws Exception {
        telegram.message(MALLORY, "mallory", GROUP, "supergroup", "/halt all");
        assertThat(nextSent().path("text").asText()).contains("not allowed").contains("6666");
        assertThat(halted).isEmpty();
        assertThat(audit).singleElement().extracting(CommandRecord::outcome).isEqualTo(CommandRecord.Outcome.REFUSED_UNAUTHORISED);
    }

    @Test
    void anUpdateSentTwiceIsHandledOnce() throws Exception {
        telegram.message(ALICE, "alice", GROUP, "supergroup", "/halt momentum");
        nextSent();
        telegram.fault(Fault.SEND_TWICE);
        telegram.message(ALICE, "alice", GROUP, "supergroup", "/status");
        nextSent();
        assertThat(telegram.sent.poll(1500, TimeUnit.MILLISECONDS)).as("no second reply to the resent update").isNull();
        assertThat(audit).hasSize(2);
        assertThat(transport.handled()).isEqualTo(2);
    }

    @Test
    void aTooManyRequestsAnswerIsWaitedOutForItsRetryAfter() throws Exception {
        telegram.fault(Fault.TOO_MANY_REQUESTS);
        telegram.message(ALICE, "alice", GROUP, "supergroup", "/halt momentum");
        nextSent();
        assertThat(waits).contains(Duration.ofSeconds(7));
        assertThat(transport.pollFailures()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidPollIsRetriedAndNothingIsLost() throws Exception {
        telegram.fault(Fault.DROP_CONNECTION);
        telegram.message(ALICE, "alice", GROUP, "supergroup", "/halt momentum");
        assertThat(nextSent().path("text").asText()).startsWith("Confirm /halt momentum?");
        assertThat(transport.pollFailures()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenTelegramDiesTradingGoesOnAndHealthSaysCommandsDoNotArrive() throws Exception {
        telegram.close();
        AtomicLong ticks = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            ticks.incrementAndGet();    // the trading thread, untouched by the transport
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        long before = transport.pollFailures();
        for (int i = 0; i < 200 && transport.pollFailures() == before; i++) {
            telegram.offsets.poll(50, TimeUnit.MILLISECONDS);
        }
        assertThat(transport.pollFailures()).isGreaterThan(before);
        clock.advance(Duration.ofSeconds(30));
        assertThat(transport.healthCheck().check()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(r.message().orElse("")).contains("chat commands do not reach the bot");
        });
        long closeStart = System.nanoTime();
        transport.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(Duration.ofSeconds(6));
        assertThat(transport.toString()).doesNotContain(FakeTelegram.TOKEN);
    }
}
