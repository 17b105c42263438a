package dev.tradepulse.trading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The tracker's Micrometer gauges; each reads an optimistic snapshot when scraped. */
final class TrackerGauges {

    private TrackerGauges() {
    }

    static void bind(PerformanceTracker tracker, Targets targets, MeterRegistry registry) {
        String strategy = tracker.strategy();
        gauge(registry, tracker, "trading.pnl.realized", PerformanceSnapshot::realizedPnl);
        gauge(registry, tracker, "trading.pnl.today", PerformanceSnapshot::pnlToday);
        gauge(registry, tracker, "trading.equity", PerformanceSnapshot::equity);
        gauge(registry, tracker, "trading.return.cumulative", PerformanceSnapshot::cumulativeReturn);
        gauge(registry, tracker, "trading.drawdown.current", PerformanceSnapshot::currentDrawdown);
        gauge(registry, tracker, "trading.drawdown.max", PerformanceSnapshot::maxDrawdown);
        gauge(registry, tracker, "trading.win.rate", PerformanceSnapshot::winRate);
        gauge(registry, tracker, "trading.profit.factor", PerformanceSnapshot::profitFactor);
        gauge(registry, tracker, "trading.sharpe", PerformanceSnapshot::sharpe);
        gauge(registry, tracker, "trading.sortino", PerformanceSnapshot::sortino);
        gauge(registry, tracker, "trading.calmar", PerformanceSnapshot::calmar);
        gauge(registry, tracker, "trading.volatility", PerformanceSnapshot::volatility);
        gauge(registry, tracker, "trading.var95", PerformanceSnapshot::var95);
        gauge(registry, tracker, "trading.trades", s -> s.trades());
        exposureGauge(registry, tracker, "trading.pnl.unrealized", Exposure::unrealizedPnl);
        exposureGauge(registry, tracker, "trading.positions.open", Exposure::openPositions);
        exposureGauge(registry, tracker, "trading.leverage", Exposure::leverage);
        Gauge.builder("trading.pnl.total", tracker, t -> t.snapshot().realizedPnl() + t.exposure().unrealizedPnl())
                .tag("strategy", strategy).strongReference(true).register(registry);
        if (targets == null) {
            return;
        }
        for (Targets.Progress p : targets.progress(tracker.snapshot())) {
            String name = p.name();
            Gauge.builder("trading.target.progress", tracker, t -> progressOf(t, targets, name).progress())
                    .tags("strategy", strategy, "target", name).strongReference(true).register(registry);
            Gauge.builder("trading.target.met", tracker, t -> progressOf(t, targets, name).met() ? 1 : 0)
                    .tags("strategy", strategy, "target", name).strongReference(true).register(registry);
        }
    }

    private static Targets.Progress progressOf(PerformanceTracker tracker, Targets targets, String name) {
        for (Targets.Progress p : targets.progress(tracker.snapshot())) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("no target " + name); // the set of targets never changes
    }

    private static void exposureGauge(MeterRegistry registry, PerformanceTracker tracker, String name,
            ToDoubleFunction<Exposure> value) {
        Gauge.builder(name, tracker, t -> value.applyAsDouble(t.exposure())).tag("strategy", tracker.strategy())
                .strongReference(true).register(registry);
    }

    private static void gauge(MeterRegistry registry, PerformanceTracker tracker, String name,
            ToDoubleFunction<PerformanceSnapshot> value) {
        Gauge.builder(name, tracker, t -> value.applyAsDouble(t.snapshot())).tag("strategy", tracker.strategy())
                .strongReference(true).register(registry);
    }
}
