package dev.tradepulse.trading;

import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.Tone;
import java.time.Instant;

/**
 * The status events a strategy's tracker and kill switch publish, all for the {@code strategies}
 * section and with the strategy's name as subject (its card shows the name without the token).
 * Figures and reasons go into the details, which need the token.
 */
final class StrategyEvents {

    /** The id of the section these events change ({@code TradingSections.strategies}). */
    static final String SECTION = "strategies";

    private StrategyEvents() {
    }

    static StatusEvent trade(String strategy, Trade trade) {
        double pnl = trade.realizedPnl();
        return StatusEvent.builder(StatusEvent.Kind.TRADE, SECTION).subject(strategy)
                .tone(pnl < 0 ? Tone.WARN : Tone.OK).state(pnl > 0 ? "win" : pnl < 0 ? "loss" : "flat")
                .detail("symbol", trade.symbol()).detail("side", trade.side()).detail("quantity", trade.quantity())
                .detail("entry price", trade.entryPrice()).detail("exit price", trade.exitPrice())
                .detail("realized P&L", pnl).detail("fees", trade.fees()).detail("closed at", trade.closedAt())
                .at(trade.closedAt()).build();
    }

    static StatusEvent account(String strategy, Instant at) {
        return StatusEvent.builder(StatusEvent.Kind.ACCOUNT, SECTION).subject(strategy).state("equity").at(at).build();
    }

    static StatusEvent positions(String strategy, String what, Instant at) {
        return StatusEvent.builder(StatusEvent.Kind.POSITIONS, SECTION).subject(strategy).state(what).at(at).build();
    }

    static StatusEvent decision(String strategy, Instant at) {
        return StatusEvent.builder(StatusEvent.Kind.DECISION, SECTION).subject(strategy).state("decided").at(at)
                .build();
    }

    static StatusEvent halted(String strategy, KillSwitch.Halt halt, Instant at) {
        boolean failed = halt.outcome() == KillSwitch.Outcome.FAILED || halt.outcome() == KillSwitch.Outcome.TIMED_OUT;
        return StatusEvent.builder(StatusEvent.Kind.HALTED, SECTION).subject(strategy).tone(Tone.CRITICAL)
                .state(failed ? "HALT FAILED" : "HALTED").label("outcome", halt.outcome())
                .detail("rule", halt.rule()).detail("reason", halt.reason()).at(at).build();
    }

    static StatusEvent rearmed(String strategy, String who, String why, Instant at) {
        return StatusEvent.builder(StatusEvent.Kind.REARMED, SECTION).subject(strategy).tone(Tone.OK)
                .state("running").detail("by", who).detail("reason", why).at(at).build();
    }
}
