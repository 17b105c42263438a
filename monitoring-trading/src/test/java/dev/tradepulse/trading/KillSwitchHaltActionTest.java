package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The halt action runs outside locks, on the kill switch's own thread, with a deadline. */
class KillSwitchHaltActionTest {

    @TempDir
    Path dir;

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(new AlertSink() {
        @Override
        public String name() {
            return "ops";
        }

        @Override
        public void deliver(Notification n) {
            alerts.addAll(n.alerts());
        }
    }).build();
    private final CountDownLatch actionStarted = new CountDownLatch(1);
    private final CountDownLatch releaseAction = new CountDownLatch(1);
    private final AtomicReference<String> actionThread = new AtomicReference<>();
    private ComplianceLogger audit;

    @AfterEach
    void close() {
        releaseAction.countDown();
        dispatcher.close(Duration.ofSeconds(5));
        if (audit != null) {
            audit.close();
        }
    }

    private ComplianceLogger audit() {
        audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build();
        return audit;
    }

    private String journal() throws Exception {
        audit.flush();
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir.resolve("audit"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    /** A cancel-all that hangs until the test lets it go. */
    private void hangingCancelAll(String rule, String reason) throws InterruptedException {
        actionThread.set(Thread.currentThread().getName());
        actionStarted.countDown();
        releaseAction.await(30, TimeUnit.SECONDS);
    }

    @Test
    void trip_returns_at_once_while_a_slow_halt_action_runs_on_its_own_thread_outside_any_lock() throws Exception {
        KillSwitch ks = KillSwitch.create("main-account", this::hangingCancelAll, audit(), dispatcher);

        boolean tripped = CompletableFuture.supplyAsync(() -> ks.trip("risk.daily-loss.halt", "daily loss -15.2%",
                Map.of("daily_return", -0.152))).get(10, TimeUnit.SECONDS);
        assertThat(tripped).isTrue();
        assertThat(actionStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(ks.isHalted()).as("halted before the action is done").isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::outcome).isEqualTo(KillSwitch.Outcome.RUNNING);
        await("the trip is journalled while the action runs").atMost(Duration.ofSeconds(10))
                .until(() -> journal().contains("\"halt_action\":\"started\""));
        assertThat(journal()).contains("\"action\":\"kill_switch\"").doesNotContain("trading_halt");
        assertThat(actionThread.get()).isEqualTo("tradepulse-halt-action-main-account-1");
        assertThat(CompletableFuture.supplyAsync(() -> ks.trip("risk.balance-drop", "again", Map.of()))
                .get(10, TimeUnit.SECONDS)).as("a second breach is not held up by the running action").isFalse();

        releaseAction.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 1);
        assertThat(alerts.get(0).summary()).isEqualTo("Trading HALTED by risk.daily-loss.halt: daily loss -15.2%");
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::outcome).isEqualTo(KillSwitch.Outcome.COMPLETED);
        assertThat(journal()).contains("\"action\":\"kill_switch\"", "\"halt_action\":\"started\"",
                "\"halt_deadline\":\"10 s\"", "\"action\":\"trading_halt\"", "\"halt_action\":\"completed\"");
    }

    @Test
    void a_halt_action_that_overruns_its_deadline_is_still_a_halt_journalled_and_alerted_as_failed() throws Exception {
        KillSwitch ks = KillSwitch.builder("main-account", this::hangingCancelAll, audit(), dispatcher)
                .config(KillSwitchConfig.custom().haltDeadline(Duration.ofMillis(100)).build()).build();

        assertThat(ks.trip("risk.daily-loss.halt", "daily loss -15.2%", Map.of("daily_return", -0.152))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 1);
        assertThat(actionStarted.getCount()).isZero();
        assertThat(releaseAction.getCount()).as("the action is still running").isOne();
        assertThat(ks.isHalted()).isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::outcome).isEqualTo(KillSwitch.Outcome.TIMED_OUT);
        Alert alert = alerts.get(0);
        assertThat(alert.severity()).isEqualTo(dev.tradepulse.api.alert.Severity.CRITICAL);
        assertThat(alert.summary()).isEqualTo("Trading halt FAILED for risk.daily-loss.halt: daily loss -15.2%");
        assertThat(alert.labels()).containsEntry("alertname", "trading-halt-failed");
        assertThat(alert.details()).containsEntry("halt_action", "FAILED: still running after the 100 ms deadline");
        assertThat(journal()).contains("\"action\":\"kill_switch\"", "\"action\":\"trading_halt\"",
                "\"halt_action\":\"FAILED: still running after the 100 ms deadline\"");
    }

    @Test
    void a_halt_action_that_throws_an_error_is_still_a_halt_alerted_as_failed() throws Exception {
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> {
            throw new AssertionError("cancel-all returned 500");
        }, audit(), dispatcher);

        assertThat(ks.trip("risk.max-drawdown", "drawdown 16%", Map.of())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 1);
        assertThat(ks.isHalted()).isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::outcome).isEqualTo(KillSwitch.Outcome.FAILED);
        assertThat(alerts.get(0).summary()).startsWith("Trading halt FAILED for risk.max-drawdown");
        assertThat(journal()).contains("FAILED: AssertionError: cancel-all returned 500");
    }

    @Test
    void a_slow_halt_action_blocks_neither_the_rule_engine_nor_the_other_rules() throws Exception {
        KillSwitch ks = KillSwitch.create("main-account", this::hangingCancelAll, audit(), dispatcher);
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").build();
        boolean[] liquidation = {false};
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.dailyLossHalt(tracker, -0.15, ks).build())
                .rule(Rule.when("near-liquidation", now -> OptionalDouble.of(liquidation[0] ? 1 : 0)).above(0.5)
                        .build())
                .build();
        Instant morning = Instant.parse("2026-01-05T08:00:00Z");
        tracker.recordEquity(morning, 10_000);
        tracker.recordEquity(morning.plusSeconds(3 * 3600), 8_400); // -16%

        CompletableFuture.runAsync(engine::evaluate).get(10, TimeUnit.SECONDS);
        assertThat(actionStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ks.isHalted()).isTrue();

        liquidation[0] = true;
        CompletableFuture.runAsync(engine::evaluate).get(10, TimeUnit.SECONDS);
        assertThat(engine.isFiring("near-liquidation")).isTrue();
        assertThat(releaseAction.getCount()).as("the halt action is still running").isOne();
    }

    @Test
    void the_halt_deadline_is_ten_seconds_unless_configured_and_must_be_positive() {
        assertThat(KillSwitch.create("a", (r, why) -> { }, audit(), dispatcher).config().haltDeadline())
                .isEqualTo(KillSwitchConfig.DEFAULT_HALT_DEADLINE).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> KillSwitchConfig.custom().haltDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deadline must be positive, but was PT0S");
    }
}
