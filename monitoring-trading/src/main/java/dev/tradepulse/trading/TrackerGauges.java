package dev.tradepulse.trading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** The tracker's Micrometer gauges; each reads an optimistic snapshot when scraped. */
final class TrackerGauges {

    private TrackerGauges() {
    }

    static void bind(PerformanceTracker tracker, @Nullable Targets targets, MeterRegistry registry) {
        gauge(registry, tracker, "trading.pnl.realized", snapshot(PerformanceSnapshot::realizedPnl));
        gauge(registry, tracker, "trading.pnl.today", snapshot(PerformanceSnapshot::pnlToday));
        gauge(registry, tracker, "trading.equity", snapshot(PerformanceSnapshot::equity));
        gauge(registry, tracker, "trading.return.cumulative", snapshot(PerformanceSnapshot::cumulativeReturn));
        gauge(registry, tracker, "trading.drawdown.current", snapshot(PerformanceSnapshot::currentDrawdown));
        gauge(registry, tracker, "trading.drawdown.max", snapshot(PerformanceSnapshot::maxDrawdown));
        gauge(registry, tracker, "trading.win.rate", snapshot(PerformanceSnapshot::winRate));
        gauge(registry, tracker, "trading.profit.factor", snapshot(PerformanceSnapshot::profitFactor));
        gauge(registry, tracker, "trading.sharpe", snapshot(PerformanceSnapshot::sharpe));
        gauge(registry, tracker, "trading.sortino", snapshot(PerformanceSnapshot::sortino));
        gauge(registry, tracker, "trading.calmar", snapshot(PerformanceSnapshot::calmar));
        gauge(registry, tracker, "trading.volatility", snapshot(PerformanceSnapshot::volatility));
        gauge(registry, tracker, "trading.var95", snapshot(PerformanceSnapshot::var95));
        gauge(registry, tracker, "trading.trades", snapshot(s -> s.trades()));
        gauge(registry, tracker, "trading.pnl.unrealized", exposure(Exposure::unrealizedPnl));
        gauge(registry, tracker, "trading.positions.open", exposure(Exposure::openPositions));
        gauge(registry, tracker, "trading.leverage", exposure(Exposure::leverage));
        gauge(registry, tracker, "trading.pnl.total", t -> t.snapshot().realizedPnl() + t.exposure().unrealizedPnl());
        if (targets == null) {
            return;
        }
        List<Targets.Progress> set = targets.progress(tracker.snapshot());
        for (int i = 0; i < set.size(); i++) {
            int at = i; // the set of targets, and its order, never change
            gauge(registry, tracker, "trading.target.progress",
                    t -> targets.progress(t.snapshot()).get(at).progress(), "target", set.get(i).name());
            gauge(registry, tracker, "trading.target.met",
                    t -> targets.progress(t.snapshot()).get(at).met() ? 1 : 0, "target", set.get(i).name());
        }
    }

    private static ToDoubleFunction<PerformanceTracker> snapshot(ToDoubleFunction<PerformanceSnapshot> value) {
        return t -> value.applyAsDouble(t.snapshot());
    }

    private static ToDoubleFunction<PerformanceTracker> exposure(ToDoubleFunction<Exposure> value) {
        return t -> value.applyAsDouble(t.exposure());
    }

    private static void gauge(MeterRegistry registry, PerformanceTracker tracker, String name,
            ToDoubleFunction<PerformanceTracker> value, String... tags) {
        Gauge.builder(name, tracker, value).tag("strategy", tracker.strategy()).tags(tags).strongReference(true)
                .register(registry);
    }
}
