package dev.tradepulse.runtime.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.ChatUser;
import dev.tradepulse.chat.Command;
import dev.tradepulse.chat.Inbound;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.Role;
import dev.tradepulse.compliance.AuditSummary;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in command against a real runtime, driven through {@link ChatControl#handle} directly. */
class TradePulseCommandsTest {

    static final ChatUser ADMIN = new ChatUser("telegram", "1001", "alice");
    static final ChatUser OPERATOR = new ChatUser("telegram", "2002", "bob");
    static final ChatUser VIEWER = new ChatUser("telegram", "3003", "carol");
    static final ChatUser ADMIN2 = new ChatUser("telegram", "4004", "dave");
    static final ChatUser MALLORY = new ChatUser("telegram", "6666", "mallory");
    static final String GROUP = "-100200300";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    TradePulse tp;
    ChatControl chat;

    private void start(String extra) throws IOException {
        start(extra, b -> { });
    }

    private void start(String extra, java.util.function.Consumer<ChatControl.Builder> more) throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum:\n    enabled: true\n  meanrev:\n    enabled: true\n"
                + "chat:\n  users: [telegram:1001:admin, telegram:2002:operator, telegram:3003:viewer, telegram:4004:admin]\n"
                + extra);
        tp = TradePulse.builder().clock(clock).config(ConfigLoader.of(RuntimeSchema.schema()).file(f).environment(Map.of()).load())
                .build();
        ChatControl.Builder b = TradePulseCommands.control(tp);
        more.accept(b);
        chat = b.build();
    }

    @AfterEach
    void close() {
        if (tp != null) {
            tp.close();
        }
    }

    private Reply send(ChatUser u, String text) {
        return chat.handle(Inbound.message(u, GROUP, true, text)).orElseThrow();
    }

    private Reply press(ChatUser u, Reply ask) {
        assertThat(ask.buttons()).as("a confirmation button in: " + ask.text()).isNotEmpty();
        return chat.handle(Inbound.button(u, GROUP, true, ask.buttons().get(0).data())).orElseThrow();
    }

    private String journalText() throws IOException {
        tp.audit().flush();
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("data").resolve("audit"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    @Test
    void anOperatorHaltsAStrategyAfterConfirmingAndTheJournalHasTheCommandAndTheHalt() throws Exception {
        start("");
        Reply ask = send(OPERATOR, "/halt momentum");
        assertThat(ask.text()).startsWith("Confirm /halt momentum?");
        assertThat(tp.strategy("momentum").state()).as("nothing happens before the button").isEqualTo(TradingState.ACTIVE);

        Reply done = press(OPERATOR, ask);

        assertThat(done.text()).isEqualTo("momentum is HALTED");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);
        assertThat(tp.strategy("meanrev").state()).isEqualTo(TradingState.ACTIVE);
        List<AuditSummary> events = tp.audit().recentEvents();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ACCESS_EVENT");
            assertThat(e.actor()).isEqualTo("chat:telegram:2002");
            assertThat(e.action()).isEqualTo("auth_success");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(journalText())
                .as("the halt, journalled as the kill-switch event it is").contains("\"action\":\"kill_switch\"")
                .contains("operator chat:telegram:2002"));
        String journal = journalText();
        assertThat(journal).contains("\"command\":\"halt\"").contains("\"outcome\":\"DONE\"")
                .contains("\"outcome\":\"AWAITING_CONFIRMATION\"");
        assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).contains("kill-switch:momentum");
    }

    @Test
    void anUnlistedUserInTheGroupIsRefusedAuditedAndNothingHalts() throws Exception {
        start("");
        Reply r = send(MALLORY, "/halt all");
        assertThat(r.text()).contains("not allowed").contains("6666");
        assertThat(r.buttons()).isEmpty();
        assertThat(tp.strategies()).allSatisfy(n -> assertThat(tp.strategy(n).state()).isEqualTo(TradingState.ACTIVE));
        assertThat(tp.audit().recentEvents()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ACCESS_EVENT");
            assertThat(e.actor()).isEqualTo("chat:telegram:6666");
            assertThat(e.action()).isEqualTo("auth_failure");
        });
        assertThat(journalText()).contains("\"outcome\":\"REFUSED_UNAUTHORISED\"");
    }

    @Test
    void repeatedUnauthorisedAttemptsLockTheUserOutAndAlert() throws Exception {
        start("");
        for (int i = 0; i < 5; i++) {
            send(MALLORY, "/halt all");
        }
        assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).contains("chat-lockout:telegram:6666");
        assertThat(chat.handle(Inbound.message(MALLORY, GROUP, true, "/status"))).as("a locked-out user is not answered").isEmpty();
        assertThat(journalText()).contains("\"outcome\":\"REFUSED_LOCKED_OUT\"");
    }

    @Test
    void aFloodOfCommandsIsRateLimited() throws Exception {
        start("  rate-limit: 3\n");
        for (int i = 0; i < 3; i++) {
            assertThat(send(VIEWER, "/locks").text()).isEqualTo("No locks are in force.");
        }
        assertThat(send(VIEWER, "/locks").text()).isEqualTo("Too many commands; wait a minute.");
        assertThat(chat.handle(Inbound.message(VIEWER, GROUP, true, "/locks"))).as("told once a minute").isEmpty();
        assertThat(journalText()).contains("\"outcome\":\"REFUSED_RATE_LIMITED\"");
    }

    @Test
    void aViewerMayReadButNotHalt() throws Exception {
        start("");
        assertThat(send(VIEWER, "/status").text()).contains("momentum: ACTIVE");
        assertThat(send(VIEWER, "/halt momentum").text()).contains("needs the operator role");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void resumeNeedsAConfirmationAndAnAdminAndLiftsTheOperatorsHalt() throws Exception {
        start("");
        press(OPERATOR, send(OPERATOR, "/halt all"));
        assertThat(send(OPERATOR, "/resume momentum").text()).contains("needs the admin role");

        Reply ask = send(ADMIN, "/resume momentum checked the feed");
        assertThat(ask.text()).startsWith("Confirm /resume momentum");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);
        Reply done = press(ADMIN, ask);

        assertThat(done.text()).startsWith("momentum is ACTIVE (was HALTED)");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        assertThat(tp.strategy("meanrev").state()).isEqualTo(TradingState.HALTED);
        assertThat(journalText()).contains("chat:telegram:1001").contains("checked the feed");
    }

    @Test
    void resumeWithFourEyesNeedsASecondDistinctAdmin() throws Exception {
        start("  resume-four-eyes: true\n");
        press(OPERATOR, send(OPERATOR, "/halt momentum"));
        Reply second = press(ADMIN, send(ADMIN, "/resume momentum"));
        assertThat(second.text()).contains("second operator must confirm");
        assertThat(chat.handle(Inbound.button(ADMIN, GROUP, true, second.buttons().get(0).data())).orElseThrow().text())
                .contains("different operator");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.HALTED);

        Reply done = press(ADMIN2, second);

        assertThat(done.text()).startsWith("momentum is ACTIVE");
        assertThat(tp.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aKillSwitchHaltIsResumedByRearmingIt() throws Exception {
        start("");
        Strategy s = tp.strategy("momentum");
        s.killSwitch().trip("daily-loss", "lost too much", Map.of());
        assertThat(s.state()).isEqualTo(TradingState.HALTED);
        Reply done = press(ADMIN, send(ADMIN, "/resume momentum"));
        assertThat(done.text()).startsWith("momentum is ACTIVE");
        assertThat(s.killSwitch().isHalted()).isFalse();
    }

    @Test
    void reduceLetsOnlyPositionReducingOrdersThrough() throws Exception {
        start("");
        assertThat(press(OPERATOR, send(OPERATOR, "/reduce meanrev")).text()).isEqualTo("meanrev is REDUCING");
        assertThat(tp.strategy("meanrev").state()).isEqualTo(TradingState.REDUCING);
        assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).contains("chat-reduce:meanrev");
        assertThat(journalText()).contains("\"rule\":\"operator-reduce\"").contains("\"to\":\"REDUCING\"");

        assertThat(press(ADMIN, send(ADMIN, "/resume meanrev")).text()).isEqualTo("meanrev is ACTIVE (was REDUCING)");
        assertThat(tp.alerts().activeAlerts()).extracting(Alert::key).doesNotContain("chat-reduce:meanrev");
        assertThat(journalText()).contains("\"rule\":\"operator-resume\"");
    }

    @Test
    void aLockedSymbolIsDeniedByTheGateUntilItIsUnlocked() throws Exception {
        start("");
        OrderIntent btc = OrderIntent.of("BTCUSDT", Side.BUY, 1, 100);
        OrderIntent eth = OrderIntent.of("ETHUSDT", Side.BUY, 1, 100);
        assertThat(tp.strategy("momentum").check(btc).allowed()).isTrue();

        Reply locked = send(OPERATOR, "/lock BTCUSDT 30m exchange incident");

        assertThat(locked.text()).startsWith("Locked BTCUSDT until 2026-03-02 09:30:00 UTC (30 min)");
        assertThat(tp.strategy("momentum").check(btc).allowed()).isFalse();
        assertThat(tp.strategy("meanrev").check(btc).allowed()).isFalse();
        assertThat(tp.strategy("momentum").check(eth).allowed()).isTrue();
        assertThat(send(VIEWER, "/locks").text()).contains("BTCUSDT until 2026-03-02 09:30:00 UTC (30 min left)")
                .contains("exchange incident");

        assertThat(press(ADMIN, send(ADMIN, "/unlock BTCUSDT")).text()).isEqualTo("Unlocked BTCUSDT: 1 lock lifted.");
        assertThat(tp.strategy("momentum").check(btc).allowed()).isTrue();
    }

    @Test
    void aBadDurationIsAnsweredWithTheUsageAndLocksNothing() throws Exception {
        start("");
        assertThat(send(OPERATOR, "/lock BTCUSDT soon").text()).contains("duration must be a number followed by s, m, h or d");
        assertThat(send(OPERATOR, "/lock BTCUSDT").text()).startsWith("Usage: /lock");
        assertThat(tp.strategy("momentum").locks().active()).isEmpty();
    }

    @Test
    void statusShowsStatePnlDrawdownPositionsAndLastDecisionWithUnits() throws Exception {
        start("");
        Strategy s = tp.strategy("momentum");
        s.recordEquity(clock.instant(), 10_000);
        s.updatePosition(new Position("BTCUSDT", Side.BUY, 0.5, 60_000, 61_000, 30_000));
        s.recordDecision();
        clock.advance(Duration.ofSeconds(14));

        String text = send(VIEWER, "/status momentum").text();

        assertThat(text).startsWith("momentum: ACTIVE | P&L today ").contains("(account currency)")
                .contains("| drawdown 0.00 %").contains("| open positions 1").contains("| last decision 14 s ago");
        assertThat(send(VIEWER, "/positions momentum").text()).contains("BTCUSDT BUY 0.5 @ 60,000, mark 61,000");
        assertThat(send(VIEWER, "/balance").text()).contains("momentum: equity 10,000.00");
        assertThat(send(VIEWER, "/status nosuch").text()).contains("No strategy is named nosuch; declared: meanrev, momentum");
    }

    @Test
    void theReadingCommandsAnswerWithUnits() throws Exception {
        start("");
        assertThat(send(VIEWER, "/health").text()).startsWith("Health: ");
        assertThat(send(VIEWER, "/profit 7").text()).startsWith("Profit over the last 7 days:").contains("win rate n/a");
        assertThat(send(VIEWER, "/daily 2").text().lines()).hasSize(3).element(1).asString().startsWith("2026-03-02 | ").contains("momentum +0.00 (0 trades)");
        assertThat(send(VIEWER, "/weekly 1").text()).contains("2026-03-02 | meanrev +0.00 (0 trades) | momentum +0.00 (0 trades)");
        assertThat(send(VIEWER, "/profit zero").text()).contains("days must be a whole number from 1 to 3650");
        assertThat(send(VIEWER, "/locks").text()).isEqualTo("No locks are in force.");
        assertThat(send(VIEWER, "/alerts").text()).isEqualTo("No alerts are active.");
        assertThat(send(VIEWER, "/journal 3").text()).startsWith("Journal: HEALTHY").contains("Last 3 events:");
    }

    @Test
    void alertsShowTheirKeysAndAckRecordsTheComment() throws Exception {
        start("");
        tp.alerts().fire(Alert.builder("feed-stale:binance", Severity.HIGH, "market data is 90 s old").build());
        assertThat(send(VIEWER, "/alerts").text()).contains("HIGH feed-stale:binance - market data is 90 s old");

        assertThat(send(VIEWER, "/ack feed-stale:binance").text()).contains("needs the operator role");
        assertThat(send(OPERATOR, "/ack nosuch").text()).contains("No active alert has the key nosuch");
        assertThat(send(OPERATOR, "/ack feed-stale:binance looking into it").text())
                .isEqualTo("Acknowledged feed-stale:binance: its escalation stops. Comment recorded.");
        assertThat(journalText()).contains("alert_acknowledge").contains("looking into it");
    }

    @Test
    void silenceMutesMatchingAlertsForTheDuration() throws Exception {
        start("");
        assertThat(send(OPERATOR, "/silence low 2h maintenance").text())
                .isEqualTo("Silenced alerts matching {severity=low} until 2026-03-02 11:00:00 UTC (2 h 0 min).");
        assertThat(send(OPERATOR, "/silence nonsense 2h").text()).contains("A matcher is a severity");
        assertThat(journalText()).contains("alert_silence").contains("maintenance");
    }

    @Test
    void noSecretInAReasonReachesAReplyOrTheJournal() throws Exception {
        start("");
        press(OPERATOR, send(OPERATOR, "/halt momentum password=hunter2secret"));
        assertThat(send(VIEWER, "/status momentum").text()).contains("momentum: HALTED").doesNotContain("hunter2secret");
        assertThat(journalText()).doesNotContain("hunter2secret");
    }

    @Test
    void aBotSuppliedActionRunsUnderTheSameAuthorisationAndAudit() throws Exception {
        AtomicInteger flattened = new AtomicInteger();
        start("", b -> b.command(Command.confirmed("flatten", Role.ADMIN, "close every position", inv -> {
            flattened.incrementAndGet();
            return Reply.text("closing every position");
        })));
        assertThat(send(OPERATOR, "/flatten").text()).contains("needs the admin role");
        assertThat(press(ADMIN, send(ADMIN, "/flatten")).text()).isEqualTo("closing every position");
        assertThat(flattened).hasValue(1);
        assertThat(send(VIEWER, "/help").text()).doesNotContain("/flatten").contains("/status");
        assertThat(journalText()).contains("\"command\":\"flatten\"");
    }

    @Test
    void aMalformedUserEntryIsRefusedAtStartNamingTheKey() throws Exception {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, "profile: testing\ndata-dir: " + dir.resolve("data2") + "\nserver:\n  enabled: false\n"
                + "chat:\n  users: [telegram:1001:boss]\n");
        try (TradePulse bad = TradePulse.builder().clock(clock)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(f).environment(Map.of()).load()).build()) {
            assertThatThrownBy(() -> TradePulseCommands.control(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chat.users entry 1 must be transport:user-id:role");
        }
    }
}
