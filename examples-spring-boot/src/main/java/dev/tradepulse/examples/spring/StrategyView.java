package dev.tradepulse.examples.spring;

import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.TradingState;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /bot/strategies} shows of one strategy, as of the end of its last tick.
 * Immutable and thread-safe.
 *
 * @param name the strategy's name
 * @param state its trading state
 * @param equity its equity at the last tick
 * @param position the quantity it holds
 * @param orders orders the gate let through
 * @param refusals orders the gate refused
 * @param lastRefusal why the gate last refused, or null
 * @param halt the kill switch's reason, or null unless halted
 */
public record StrategyView(String name, TradingState state, double equity, double position, long orders,
        long refusals, GateDecision.@Nullable Reason lastRefusal, @Nullable String halt) {

    static StrategyView initial(String name, double cash) {
        return new StrategyView(name, TradingState.ACTIVE, cash, 0, 0, 0, null, null);
    }

    StrategyView with(Strategy s, double newEquity, double newPosition) {
        String reason = s.killSwitch().halt().map(KillSwitch.Halt::reason).orElse(null);
        return new StrategyView(name, s.state(), newEquity, newPosition, orders, refusals, lastRefusal, reason);
    }

    StrategyView ordered() {
        return new StrategyView(name, state, equity, position, orders + 1, refusals, lastRefusal, halt);
    }

    StrategyView refused(GateDecision d) {
        return new StrategyView(name, state, equity, position, orders, refusals + 1, d.reason(), halt);
    }
}
