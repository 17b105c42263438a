package dev.tradepulse.trading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's Micrometer gauges; each reads an optimistic snapshot when scraped. Stateless
 * after construction, so thread-safe.
 */
final class TrackerGauges implements MeterBinder {

    private final PerformanceTracker tracker;
    private final @Nullable Targets targets;

    TrackerGauges(PerformanceTracker tracker, @Nullable Targets targets) {
        this.tracker = tracker;
        this.targets = targets;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "trading.pnl.realized", trades(PerformanceSnapshot.TradeStats::realizedPnl));
        gauge(registry, "trading.pnl.today", snapshot(PerformanceSnapshot::pnlToday));
        gauge(registry, "trading.equity", snapshot(PerformanceSnapshot::equity));
        gauge(registry, "trading.return.cumulative", returns(PerformanceSnapshot.Returns::cumulativeReturn));
        gauge(registry, "trading.drawdown.current", risk(PerformanceSnapshot.Risk::currentDrawdown));
        gauge(registry, "trading.drawdown.max", risk(PerformanceSnapshot.Risk::maxDrawdown));
        gauge(registry, "trading.win.rate", trades(PerformanceSnapshot.TradeStats::winRate));
        gauge(registry, "trading.profit.factor", trades(PerformanceSnapshot.TradeStats::profitFactor));
        gauge(registry, "trading.sharpe", returns(PerformanceSnapshot.Returns::sharpe));
        gauge(registry, "trading.sortino", returns(PerformanceSnapshot.Returns::sortino));
        gauge(registry, "trading.calmar", returns(PerformanceSnapshot.Returns::calmar));
        gauge(registry, "trading.volatility", returns(PerformanceSnapshot.Returns::volatility));
        gauge(registry, "trading.var95", risk(PerformanceSnapshot.Risk::var95));
        gauge(registry, "trading.trades", trades(s -> s.trades()));
        gauge(registry, "trading.pnl.unrealized", exposure(Exposure::unrealizedPnl));
        gauge(registry, "trading.positions.open", exposure(Exposure::openPositions));
        gauge(registry, "trading.leverage", exposure(Exposure::leverage));
        gauge(registry, "trading.pnl.total",
                t -> t.snapshot().tradeStats().realizedPnl() + t.exposure().unrealizedPnl());
        Targets set = targets;
        if (set == null) {
            return;
        }
        List<Targets.Progress> now = set.progress(tracker.snapshot());
        for (int i = 0; i < now.size(); i++) {
            int at = i; // the set of targets, and its order, never change
            String tag = now.get(i).metric().tag();
            gauge(registry, "trading.target.progress", t -> set.progress(t.snapshot()).get(at).progress(),
                    "target", tag);
            gauge(registry, "trading.target.met", t -> set.progress(t.snapshot()).get(at).met() ? 1 : 0,
                    "target", tag);
        }
    }

    private static ToDoubleFunction<PerformanceTracker> snapshot(ToDoubleFunction<PerformanceSnapshot> value) {
        return t -> value.applyAsDouble(t.snapshot());
    }

    private static ToDoubleFunction<PerformanceTracker> returns(ToDoubleFunction<PerformanceSnapshot.Returns> value) {
        return t -> value.applyAsDouble(t.snapshot().returns());
    }

    private static ToDoubleFunction<PerformanceTracker> risk(ToDoubleFunction<PerformanceSnapshot.Risk> value) {
        return t -> value.applyAsDouble(t.snapshot().risk());
    }

    private static ToDoubleFunction<PerformanceTracker> trades(
            ToDoubleFunction<PerformanceSnapshot.TradeStats> value) {
        return t -> value.applyAsDouble(t.snapshot().tradeStats());
    }

    private static ToDoubleFunction<PerformanceTracker> exposure(ToDoubleFunction<Exposure> value) {
        return t -> value.applyAsDouble(t.exposure());
    }

    private void gauge(MeterRegistry registry, String name, ToDoubleFunction<PerformanceTracker> value,
            String... tags) {
        Gauge.builder(name, tracker, value).tag("strategy", tracker.strategy()).tags(tags).strongReference(true)
                .register(registry);
    }
}
