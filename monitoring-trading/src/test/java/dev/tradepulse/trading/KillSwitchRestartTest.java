package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.risk.Cause;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.TradingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchRestartTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T14:00:00Z"));
    private final AtomicInteger halts = new AtomicInteger();
    private AlertDispatcher alerts;
    private ComplianceLogger audit;
    private StateStore store;

    @BeforeEach
    void open() throws Exception {
        alerts = AlertDispatcher.builder().clock(clock).sink(new AlertSink() {
            @Override
            public String name() {
                return "ops";
            }

            @Override
            public void deliver(Notification n) {
                // the alerts are read from activeAlerts()
            }
        }).build();
        audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").clock(clock).build();
        store = StateStore.directory(dir.resolve("state"), clock);
    }

    @AfterEach
    void close() {
        store.close();
        audit.close();
        alerts.close(Duration.ofSeconds(5));
    }

    private KillSwitch killSwitch() {
        return KillSwitch.builder("momentum", (rule, reason) -> halts.incrementAndGet(), audit, alerts).clock(clock)
                .stateStore(store).build();
    }

    private void restart() throws Exception {
        store.close();
        store = StateStore.directory(dir.resolve("state"), clock);
    }

    private String journal() throws Exception {
        audit.flush();
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir.resolve("audit"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    @Test
    void a_halted_kill_switch_stays_halted_across_a_restart_until_an_audited_rearm() throws Exception {
        KillSwitch before = killSwitch();
        assertThat(before.trip("risk.daily-loss.halt", "daily loss -15.2%", Map.of())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> before.halt().orElseThrow().callbackSucceeded());

        restart();
        KillSwitch after = killSwitch();

        assertThat(after.isHalted()).as("halted from build() on").isTrue();
        assertThat(after.halt()).get().satisfies(h -> {
            assertThat(h.rule()).isEqualTo("risk.daily-loss.halt");
            assertThat(h.reason()).isEqualTo("daily loss -15.2%");
            assertThat(h.outcome()).isEqualTo(KillSwitch.Outcome.RESTORED);
        });
        assertThat(after.riskState().current()).isEqualTo(TradingState.HALTED);
        assertThat(after.trip("risk.daily-loss.halt", "still breached", Map.of())).isFalse();
        assertThat(halts).as("the restored halt runs no action again").hasValue(1);
        assertThat(journal()).contains("\"type\":\"TRADING_STATE\"", "\"action\":\"restored\"");

        assertThat(after.rearm("alice", "positions checked by hand")).isTrue();
        assertThat(after.isHalted()).isFalse();
        assertThat(journal()).contains("\"action\":\"rearm\"", "\"actor\":\"alice\"", "positions checked by hand");
        assertThat(alerts.activeAlerts()).extracting(a -> a.key()).doesNotContain("trading-state:momentum");

        restart();
        assertThat(killSwitch().isHalted()).as("the re-arm survives the restart too").isFalse();
    }

    @Test
    void a_kill_switch_without_a_store_starts_armed_and_does_not_journal_its_state_twice() throws Exception {
        KillSwitch ks = KillSwitch.create("momentum", (rule, reason) -> halts.incrementAndGet(), audit, alerts);
        assertThat(ks.isHalted()).isFalse();
        ks.trip("r", "breach", Map.of());
        assertThat(ks.riskState().current()).isEqualTo(TradingState.HALTED);
        assertThat(journal()).doesNotContain("TRADING_STATE");
    }

    @Test
    void a_kill_switch_given_a_strategy_state_halts_it_and_a_rearm_lifts_it() throws Exception {
        RiskState strategy = RiskState.builder("momentum", audit, alerts).clock(clock).stateStore(store).build();
        KillSwitch ks = KillSwitch.builder("momentum", (rule, reason) -> halts.incrementAndGet(), audit, alerts)
                .riskState(strategy).build();
        strategy.restrict(Cause.health("market-data"), TradingState.REDUCING, "stale quotes");

        assertThat(ks.trip("risk.drawdown", "drawdown 16%", Map.of())).isTrue();
        assertThat(strategy.current()).isEqualTo(TradingState.HALTED);
        assertThat(ks.rearm("alice", "reviewed")).isTrue();
        assertThat(strategy.current()).isEqualTo(TradingState.ACTIVE);
        assertThatThrownBy(() -> KillSwitch.builder("momentum", (r, why) -> { }, audit, alerts).riskState(strategy)
                .stateStore(store).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stateStore");
    }
}
