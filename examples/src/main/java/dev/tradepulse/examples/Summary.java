package dev.tradepulse.examples;

import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.PreTradeGate;
import dev.tradepulse.trading.risk.TradingLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The end-of-run summary: what the monitoring saw. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, MeterRegistry registry, DemoBot.Report report, List<SimulatedStrategy> strategies,
            LockBook locks) {
        out.println();
        out.println("=== Summary ===");
        out.printf(Locale.ROOT, "Orders filled: %d, failed after retries: %d, rejected by open breaker: %d, "
                + "trades in SQLite: %d%n", report.orders(), report.failedOrders(), report.rejectedByBreaker(),
                report.tradesInDatabase());
        out.println("Timers (exchange.requests):");
        registry.find("exchange.requests").timers().stream()
                .sorted((a, b) -> a.getId().toString().compareTo(b.getId().toString()))
                .forEach(t -> out.printf(Locale.ROOT, "  %-8s %-8s %-13s count=%5d mean=%7.1fms max=%7.1fms%s%n",
                        t.getId().getTag("endpoint"), t.getId().getTag("outcome"), t.getId().getTag("exception"),
                        t.count(), t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS), p95(t)));
        out.println("Retries (resilience4j.retry.calls):");
        registry.find("resilience4j.retry.calls").functionCounters().forEach(c -> out.printf(Locale.ROOT,
                "  %-26s %5.0f%n", c.getId().getTag("kind"), c.count()));
        out.println("Circuit breaker 'exchange' transitions: "
                + (report.breakerTransitions().isEmpty() ? "none" : String.join(", ", report.breakerTransitions())));
        for (SimulatedStrategy s : strategies) {
            PerformanceSnapshot p = s.monitored.tracker().snapshot();
            out.printf(Locale.ROOT, "Strategy %s: %s, %d trades, win rate %.2f, profit factor %.2f, Sharpe %.2f, "
                    + "max drawdown %.2f%%, P&L %.2f, stop-loss exits %d, orders refused by the gate %d%s%n", s.name(),
                    s.monitored.state(), p.tradeStats().trades(), p.tradeStats().winRate(),
                    p.tradeStats().profitFactor(), p.returns().sharpe(), 100 * p.risk().maxDrawdown(),
                    p.tradeStats().realizedPnl(), s.stopLosses, s.gateRefusals, refusals(s.monitored.gate()));
        }
        List<TradingLock> active = locks.active();
        out.println("Locks in force: " + (active.isEmpty() ? "none" : active.stream().map(l -> l.scope() + " until "
                + l.until().truncatedTo(ChronoUnit.SECONDS) + " by " + l.source()).collect(Collectors.joining(", "))));
        out.println("Retries exhausted: " + report.exhaustedRetries()
                + ", instrumentation failures contained: " + report.instrumentationFailures());
    }

    /** @return " (locked 2, halted 1)": the gate's own counts by reason, or nothing */
    private static String refusals(PreTradeGate gate) {
        String byReason = Arrays.stream(GateDecision.Reason.values()).filter(r -> r != GateDecision.Reason.NONE)
                .filter(r -> gate.denials(r) > 0).map(r -> DemoBot.reasonWord(r) + " " + gate.denials(r))
                .collect(Collectors.joining(", "));
        return byReason.isEmpty() ? "" : " (" + byReason + ")";
    }

    private static String p95(Timer timer) {
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.95) {
                return String.format(Locale.ROOT, " p95=%7.1fms", v.value(TimeUnit.MILLISECONDS));
            }
        }
        return "";
    }
}
