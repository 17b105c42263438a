package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {

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
    private ComplianceLogger audit;

    @AfterEach
    void close() {
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

    @Test
    void concurrent_breaches_halt_exactly_once_audit_it_and_page() throws Exception {
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> halts.incrementAndGet(), audit(), dispatcher);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger trippedByMe = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                go.await();
                if (ks.trip("risk.daily-loss.halt", "daily loss -15.2%", Map.of("daily_return", -0.152))) {
                    trippedByMe.incrementAndGet();
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(trippedByMe).hasValue(1);
        assertThat(ks.isHalted()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 1);
        assertThat(halts).hasValue(1);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.get(0).summary()).isEqualTo("Trading HALTED by risk.daily-loss.halt: daily loss -15.2%");
        assertThat(journal()).contains("\"type\":\"RISK_EVENT\"", "\"action\":\"kill_switch\"", "\"halt_action\":\"completed\"");
    }

    @Test
    void a_halt_action_that_throws_is_still_a_halt_recorded_and_alerted_as_failed() throws Exception {
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> {
            throw new IllegalStateException("exchange rejected cancel-all");
        }, audit(), dispatcher);

        assertThat(ks.trip("risk.max-drawdown", "drawdown 16%", Map.of())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 1);
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::outcome).isEqualTo(KillSwitch.Outcome.FAILED);
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::callbackSucceeded).isEqualTo(false);
        assertThat(alerts.get(0).summary()).startsWith("Trading halt FAILED for risk.max-drawdown");
        assertThat(journal()).contains("FAILED: IllegalStateException: exchange rejected cancel-all");
    }

    @Test
    void it_stays_halted_until_an_audited_rearm() throws Exception {
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> halts.incrementAndGet(), audit(), dispatcher);
        ks.trip("r", "first breach", Map.of());
        assertThat(ks.trip("r", "still breached", Map.of())).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> ks.halt().orElseThrow().callbackSucceeded());

        assertThat(ks.rearm("alice", "limits reviewed, resuming")).isTrue();
        assertThat(ks.isHalted()).isFalse();
        assertThat(ks.trip("r", "second breach", Map.of())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> halts.get() == 2);
        assertThat(journal()).contains("\"action\":\"rearm\"", "\"actor\":\"alice\"", "limits reviewed, resuming");
    }

    @Test
    void the_daily_loss_rules_warn_then_halt_through_the_rule_engine() throws Exception {
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> halts.incrementAndGet(), audit(), dispatcher);
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").build();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.dailyLossWarning(tracker, -0.10).build())
                .rule(RiskRules.dailyLossHalt(tracker, -0.15, ks).build())
                .build();
        Instant day1 = Instant.parse("2026-01-05T10:00:00Z");
        tracker.recordEquity(day1, 10_000);
        tracker.recordEquity(day1.plus(Duration.ofDays(1)), 10_000); // yesterday closed at 10,000

        tracker.recordEquity(day1.plus(Duration.ofDays(1)).plusSeconds(3600), 8_900); // -11%
        engine.evaluate();
        assertThat(ks.isHalted()).isFalse();
        tracker.recordEquity(day1.plus(Duration.ofDays(1)).plusSeconds(7200), 8_480); // -15.2%
        engine.evaluate();
        engine.evaluate();

        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::reason)
                .isEqualTo("daily loss -15.2% beyond the -15.0% limit");
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 3); // warning, halt rule, kill switch
        assertThat(halts).hasValue(1);
        assertThat(alerts).extracting(Alert::severity).contains(Severity.HIGH, Severity.CRITICAL);
    }

    @Test
    void a_bot_started_this_morning_halts_on_todays_loss_before_any_day_has_closed() {
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> halts.incrementAndGet(), audit(), dispatcher);
        PerformanceTracker tracker = PerformanceTracker.builder("momentum").build();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.dailyLossHalt(tracker, -0.15, ks).build())
                .build();
        Instant morning = Instant.parse("2026-01-05T08:00:00Z");
        tracker.recordEquity(morning, 10_000);
        tracker.recordEquity(morning.plusSeconds(3 * 3600), 8_400); // -16% on the first day

        engine.evaluate();

        assertThat(ks.isHalted()).isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::reason)
                .isEqualTo("daily loss -16.0% beyond the -15.0% limit");
        await().atMost(Duration.ofSeconds(10)).until(() -> halts.get() == 1);
    }

    /** A dispatcher whose every call throws, as a broken or shut-down peer might. */
    private static AlertDispatcher failingDispatcher() {
        return (AlertDispatcher) Proxy.newProxyInstance(AlertDispatcher.class.getClassLoader(),
                new Class<?>[] {AlertDispatcher.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "failing dispatcher";
                    }
                    throw new IllegalStateException("dispatcher is down");
                });
    }

    @Test
    void a_failing_dispatcher_neither_stops_the_halt_nor_makes_the_rearm_throw() throws Exception {
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = KillSwitch.create("main-account", (rule, reason) -> halts.incrementAndGet(), audit(),
                failingDispatcher());
        assertThat(ks.trip("r", "breach", Map.of())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ks.halt().orElseThrow().callbackSucceeded());

        assertThat(ks.rearm("alice", "resuming")).isTrue();

        assertThat(ks.isHalted()).isFalse();
        assertThat(halts).hasValue(1);
        assertThat(journal()).contains("\"action\":\"rearm\"");
    }

    @Test
    void its_threads_are_named_daemons_from_the_shared_factory() throws Exception {
        List<Thread> seen = new CopyOnWriteArrayList<>();
        CountDownLatch ran = new CountDownLatch(1);
        KillSwitch ks = KillSwitch.create("main account\n", (rule, reason) -> {
            seen.add(Thread.currentThread());
            ran.countDown();
        }, audit(), dispatcher);

        ks.trip("r", "breach", Map.of());

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get(0).getName()).isEqualTo("tradepulse-halt-action-main_account_-1");
        assertThat(seen.get(0).isDaemon()).isTrue();
        assertThat(ks.name()).isEqualTo("main account\n");
        assertThatThrownBy(() -> KillSwitch.create(" ", (rule, reason) -> { }, audit, dispatcher))
                .hasMessage("name must not be blank");
    }
}
