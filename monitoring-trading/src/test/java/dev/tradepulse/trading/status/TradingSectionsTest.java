package dev.tradepulse.trading.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Targets;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.Cause;
import dev.tradepulse.trading.risk.TradingState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradingSectionsTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    private PerformanceTracker tracker() {
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        t.recordEquity(DAY.minus(Duration.ofDays(1)), 10_000);
        t.recordEquity(DAY.plusSeconds(3_600), 10_250);
        t.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 110, 10, 100, 0, DAY, DAY.plusSeconds(600)));
        t.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 105, 10, 50, 0, DAY, DAY.plusSeconds(1200)));
        t.updatePosition(Position.of("ETHUSDT", Side.BUY, 1, 3_000, 3_100));
        return t;
    }

    @Test
    void a_strategy_card_shows_running_or_halted_and_its_kpis_only_with_details() throws Exception {
        PerformanceTracker t = tracker();
        try (AlertDispatcher alerts = AlertDispatcher.builder().sink(LogSink.create()).build();
                ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("a")).keepRecent(10).build()) {
            KillSwitch ks = KillSwitch.create("momentum", (rule, reason) -> { }, audit, alerts);
            var section = TradingSections.strategies(List.of(new TradingSections.Strategy(t, ks)));

            StatusView.Card running = ((StatusView.Cards) section.view(true)).cards().get(0);
            assertThat(running.state()).isEqualTo("running");
            assertThat(running.fields()).containsEntry("equity", "10,250.00").containsEntry("P&L today", "+250.00")
                    .containsEntry("P&L total", "+250.00").containsEntry("win rate", "100.0% of 2")
                    .containsEntry("open positions", "1");
            assertThat(running.series()).containsExactly(10_000.0, 10_250.0);

            ks.trip("risk.daily-loss.halt:momentum", "daily loss -15.2% beyond the -15.0% limit", Map.of());
            StatusView.Card anonymous = ((StatusView.Cards) section.view(false)).cards().get(0);
            assertThat(anonymous.tone()).isEqualTo(Tone.CRITICAL);
            assertThat(anonymous.state()).isEqualTo("HALTED");
            assertThat(anonymous.fields()).isEmpty();
            assertThat(anonymous.series()).isEmpty();

            var trail = TradingSections.auditTrail(audit, 5);
            // the kill switch journals the trip from its own thread, once the halt action is under way
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.view(true) instanceof StatusView.Table);
            StatusView.Table rows = (StatusView.Table) trail.view(true);
            assertThat(rows.rows().get(0).cells()).contains("RISK_EVENT");
            assertThat(rows.rows().get(0).tone()).isEqualTo(Tone.CRITICAL);
            assertThat(trail.view(false)).isInstanceOf(StatusView.Note.class);
        }
    }

    @Test
    void a_strategy_card_shows_reducing_when_its_kill_switchs_state_is_held_down_short_of_a_halt() throws Exception {
        PerformanceTracker t = tracker();
        try (AlertDispatcher alerts = AlertDispatcher.builder().sink(LogSink.create()).build();
                ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("r")).build()) {
            KillSwitch ks = KillSwitch.create("momentum", (rule, reason) -> { }, audit, alerts);
            var section = TradingSections.strategies(List.of(new TradingSections.Strategy(t, ks)));

            ks.riskState().restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes 40 s old");
            StatusView.Card card = ((StatusView.Cards) section.view(false)).cards().get(0);
            assertThat(card.state()).isEqualTo("REDUCING");
            assertThat(card.tone()).isEqualTo(Tone.WARN);

            ks.trip("risk.daily-loss.halt", "daily loss -15.2%", Map.of());
            assertThat(((StatusView.Cards) section.view(false)).cards().get(0).state()).isEqualTo("HALTED");
        }
    }

    @Test
    void the_audit_trail_shows_the_symbol_quantity_and_price_of_routine_events_and_does_not_colour_the_headline()
            throws Exception {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("b")).keepRecent(10).build()) {
            audit.configChange(Actor.of("ops"), "max_position", 1, 2);
            audit.tradeDecision(Actor.of("momentum"), 7, List.of(Map.of("symbol", "BTCUSDT", "signal", "BUY", "price", 42_000.5)),
                    "fast average above slow");
            audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), "o-1", "BTCUSDT", "BUY", 0.0125,
                    42_001.25, "simulated");
            var trail = TradingSections.auditTrail(audit, 5);

            StatusView.Table table = (StatusView.Table) trail.view(true);

            assertThat(table.columns()).containsExactly("Time (UTC)", "Type", "Actor", "Action", "Symbol",
                    "Quantity", "Price");
            assertThat(table.rows()).extracting(r -> String.join("|", r.cells().subList(1, 7))).containsExactly(
                    "ORDER_EVENT|momentum|filled|BTCUSDT|0.0125|42,001.25",
                    "TRADE_DECISION|momentum|decide|BTCUSDT||42,000.50",
                    "CONFIG_CHANGE|ops|change max_position|||");
            assertThat(trail.affectsOverall()).isFalse();
            assertThat(TradingSections.strategies(List.of()).affectsOverall()).isTrue();
        }
    }

    @Test
    void the_daily_summary_follows_the_seed_and_the_weekly_report_adds_risk_figures() {
        PerformanceTracker t = tracker();

        String daily = TradingReports.daily(t).render(DAY, DAY.plus(Duration.ofDays(1)));
        String weekly = TradingReports.weekly(t).render(DAY.minus(Duration.ofDays(6)), DAY.plus(Duration.ofDays(1)));

        assertThat(daily).isEqualTo("""
                Balance: 10,250.00
                P&L in period (closed trades): +150.00, today: +250.00
                Trades in period: 2, total: 2
                Win rate: 100.0% in period, 100.0% overall
                Profit factor: ∞ (no losses) in period, ∞ (no losses) overall
                Sharpe: n/a
                Open positions: 1 (unrealised +100.00)""");
        assertThat(weekly).startsWith(daily).contains("Max drawdown: 0.0% (current 0.0%)",
                "Longest streaks: 2 wins, 0 losses");
        assertThat(TradingReports.daily(t).title()).isEqualTo("Daily summary: momentum");
    }

    @Test
    void the_daily_summary_shows_progress_against_targets_when_the_tracker_has_them() {
        PerformanceTracker t = PerformanceTracker.builder("momentum")
                .config(PerformanceTrackerConfig.custom().targets(Targets.seeds()).build()).build();
        t.recordEquity(DAY.minus(Duration.ofDays(2)), 10_000);
        t.recordEquity(DAY.minus(Duration.ofDays(1)), 9_000);
        t.recordEquity(DAY, 9_000);
        t.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 110, 10, 100, 0, DAY, DAY.plusSeconds(600)));

        assertThat(TradingReports.daily(t).render(DAY, DAY.plus(Duration.ofDays(1)))).endsWith("\n"
                + "Targets: annual return -100.0% (target 28.0%, not met), sharpe n/a (target 1.80, not met), "
                + "win rate 100.0% (target 65.0%, met), max drawdown 10.0% (limit 15.0%, met)");
    }
}
