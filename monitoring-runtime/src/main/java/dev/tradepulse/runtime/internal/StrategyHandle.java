package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.ExitReason;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.OrderGuard;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.PreTradeGate;
import dev.tradepulse.trading.risk.Protections;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Instant;
import java.util.Map;

/** A strategy's parts; the record methods delegate straight to the tracker (its hot paths). */
final class StrategyHandle implements Strategy {

    private final PerformanceTracker tracker;
    private final KillSwitch killSwitch;
    private final RuleEngine rules;

    private final PreTradeGate gate;
    private final LockBook locks;
    private final Protections protections;

    StrategyHandle(PerformanceTracker tracker, KillSwitch killSwitch, RuleEngine rules, PreTradeGate gate, LockBook locks,
            Protections protections) {
        this.tracker = tracker;
        this.killSwitch = killSwitch;
        this.rules = rules;
        this.gate = gate;
        this.locks = locks;
        this.protections = protections;
    }

    @Override
    public void recordTrade(Trade trade, ExitReason exit) {
        tracker.recordTrade(trade);
        protections.onTrade(trade, exit); // a protection's lock lands in the shared lock book, audited
    }

    @Override
    public Protections protections() {
        return protections;
    }

    @Override
    public GateDecision check(OrderIntent intent) {
        return gate.check(intent);
    }

    @Override
    public <T> T guard(Class<T> type, T client, Map<String, OrderGuard.IntentExtractor> orders) {
        return OrderGuard.wrap(type, client, gate, orders);
    }

    @Override
    public PreTradeGate gate() {
        return gate;
    }

    @Override
    public LockBook locks() {
        return locks;
    }

    @Override
    public String name() {
        return tracker.strategy();
    }

    @Override
    public void recordTrade(Trade trade) {
        tracker.recordTrade(trade);
    }

    @Override
    public void recordEquity(Instant at, double equity) {
        tracker.recordEquity(at, equity);
    }

    @Override
    public void updatePosition(Position position) {
        tracker.updatePosition(position);
    }

    @Override
    public void closePosition(String symbol) {
        tracker.closePosition(symbol);
    }

    @Override
    public void recordDecision() {
        tracker.recordDecision();
    }

    @Override
    public void afterTick() {
        rules.evaluate(); // the engine catches and counts what a rule throws
    }

    @Override
    public boolean isHalted() {
        return killSwitch.isHalted();
    }

    @Override
    public TradingState state() {
        return killSwitch.riskState().current();
    }

    @Override
    public RiskState riskState() {
        return killSwitch.riskState();
    }

    @Override
    public PerformanceTracker tracker() {
        return tracker;
    }

    @Override
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    RuleEngine rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "Strategy[" + name() + ", " + state() + "]";
    }
}
