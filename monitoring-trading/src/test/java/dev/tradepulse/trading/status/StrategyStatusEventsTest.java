package dev.tradepulse.trading.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Trade;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyStatusEventsTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void the_strategies_section_publishes_trades_account_changes_and_decisions_under_the_strategy_name() {
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        StatusSection section = TradingSections.strategies(List.of(new TradingSections.Strategy(t, null)));
        List<StatusEvent> heard = new CopyOnWriteArrayList<>();
        section.events().subscribe(heard::add);

        t.recordEquity(DAY, 10_000);
        t.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 110, 10, 100, 0, DAY, DAY.plusSeconds(600)));
        t.updatePosition(Position.of("ETHUSDT", Side.BUY, 1, 3_000, 3_100));
        t.closePosition("ETHUSDT");
        t.recordDecision();

        assertThat(heard).extracting(StatusEvent::kind).containsExactly(StatusEvent.Kind.ACCOUNT,
                StatusEvent.Kind.TRADE, StatusEvent.Kind.POSITIONS, StatusEvent.Kind.POSITIONS, StatusEvent.Kind.DECISION);
        assertThat(heard).allSatisfy(e -> {
            assertThat(e.section()).isEqualTo("strategies");
            assertThat(e.subject()).isEqualTo("momentum");
        });
        StatusEvent trade = heard.get(1);
        assertThat(trade.state()).isEqualTo("win");
        assertThat(trade.labels()).isEmpty(); // symbol, side and figures need the token
        assertThat(trade.details()).containsEntry("symbol", "BTCUSDT").containsEntry("realized P&L", "100.0");
        assertThat(trade.at()).isEqualTo(DAY.plusSeconds(600));
    }

    @Test
    void a_kill_switch_publishes_its_halt_under_its_strategy_name_and_its_re_arming() throws Exception {
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        try (AlertDispatcher alerts = AlertDispatcher.builder().sink(LogSink.create()).build();
                ComplianceLogger audit = ComplianceLogger.builder().directory(dir).build()) {
            KillSwitch ks = KillSwitch.create("account-7", (rule, reason) -> { }, audit, alerts);
            StatusSection section = TradingSections.strategies(List.of(new TradingSections.Strategy(t, ks)));
            List<StatusEvent> heard = new CopyOnWriteArrayList<>();
            section.events().subscribe(heard::add);

            ks.trip("daily-loss", "daily loss -15.2%", Map.of("loss_pct", -15.2));
            // the second HALTED event comes from the halt thread once the action has completed
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
            ks.rearm("alice", "limits reviewed");

            assertThat(heard).extracting(StatusEvent::kind).containsExactly(StatusEvent.Kind.HALTED,
                    StatusEvent.Kind.HALTED, StatusEvent.Kind.REARMED);
            assertThat(heard).extracting(StatusEvent::subject).containsOnly("momentum");
            assertThat(heard.get(0).tone()).isEqualTo(Tone.CRITICAL);
            assertThat(heard.get(0).state()).isEqualTo("HALTED");
            assertThat(heard.get(1).labels()).containsEntry("outcome", "COMPLETED");
            assertThat(heard.get(0).details()).containsEntry("rule", "daily-loss")
                    .containsEntry("reason", "daily loss -15.2%");
            assertThat(heard.get(2).state()).isEqualTo("running");
            assertThat(heard.get(2).details()).containsEntry("by", "alice");
        }
    }
}
