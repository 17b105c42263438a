package dev.tradepulse.examples;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.ExitReason;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A simulated strategy: flat or long/short one position in BTCUSDT, sized as a fraction of its
 * equity. Momentum follows the last six ticks with a small size and a 1% stop-loss; mean
 * reversion buys dips below the 20-tick average with leverage and averages down when the dip
 * deepens, which is what the flash crash punishes. What it does is reported to its TradePulse
 * {@link Strategy} (tracker, kill switch, risk rules, protections). Used by the trading thread only.
 */
final class SimulatedStrategy {

    /** What the strategy wants to do on this tick. */
    enum Signal {
        /** Go long (closing a short first). */
        BUY,
        /** Go short (closing a long first). */
        SELL,
        /** Buy more of a long that is under water: averaging down. */
        ADD,
        /** Close the position: the exit signal, or the halt's flatten. */
        CLOSE,
        /** Close the position: its stop-loss was hit. */
        STOP,
        /** Nothing. */
        NONE
    }

    /** Momentum closes a position that has lost this much of its entry price. */
    static final double STOP_LOSS = 0.01;

    /** Mean reversion buys more once the price is this far under its average entry. */
    static final double AVERAGE_DOWN = 0.015;

    /** Mean reversion averages down at most this many times per position. */
    static final int MAX_ADDS = 3;

    private final String name;
    private final double sizeOfEquity;
    private final boolean meanReversion;
    private final Clock clock;
    private final ArrayDeque<Double> window = new ArrayDeque<>();
    final Strategy monitored;
    /** The exchange client behind this strategy's pre-trade gate: a refused order throws OrderDeniedException. */
    private @Nullable ExchangeClient guarded;
    private boolean haltReported;
    private long transitionsSeen;
    private final Set<GateDecision.Reason> refusalsPrinted = EnumSet.noneOf(GateDecision.Reason.class);
    private double cash = 10_000;
    private @Nullable Side side;
    private double quantity;
    private double entry;
    private int adds;
    private @Nullable Instant openedAt;
    private long cycle;
    int orders;
    int gateRefusals;
    int stopLosses;

    SimulatedStrategy(Strategy monitored, double sizeOfEquity, boolean meanReversion, Clock clock) {
        this.name = monitored.name();
        this.sizeOfEquity = sizeOfEquity;
        this.meanReversion = meanReversion;
        this.clock = clock;
        this.monitored = monitored;
        this.transitionsSeen = monitored.riskState().lastTransition().map(Transition::sequence).orElse(0L);
    }

    String name() {
        return name;
    }

    /**
     * Puts this strategy's pre-trade gate in front of the client: opening and adding orders are
     * checked as they are, closing orders as reduce-only (they pass locks and REDUCING, not HALTED).
     */
    void guard(ExchangeClient client) {
        this.guarded = monitored.guard(ExchangeClient.class, client, Map.of(
                "placeOrder", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2], (double) args[3]),
                "closePosition", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2], Double.NaN)
                        .asReduceOnly()));
    }

    /** @return the guarded client */
    ExchangeClient orders() {
        ExchangeClient o = guarded;
        if (o == null) {
            throw new IllegalStateException("guard(client) first");
        }
        return o;
    }

    boolean halted() {
        return monitored.isHalted();
    }

    /** @return the kill switch's reason, once: the first time this is asked after the strategy was halted */
    Optional<String> newHalt() {
        if (haltReported || !halted()) {
            return Optional.empty();
        }
        haltReported = true;
        return Optional.of(monitored.killSwitch().halt().map(KillSwitch.Halt::reason).orElse("halted"));
    }

    /**
     * @return the trading state's transition since the last call, if there was one, and how many
     *     others came between (they are in the journal)
     */
    Optional<Map.Entry<Transition, Long>> newTransition() {
        Optional<Transition> last = monitored.riskState().lastTransition();
        if (last.isEmpty() || last.get().sequence() <= transitionsSeen) {
            return Optional.empty();
        }
        long skipped = last.get().sequence() - transitionsSeen - 1;
        transitionsSeen = last.get().sequence();
        return Optional.of(Map.entry(last.get(), skipped));
    }

    /**
     * Counts a refusal by the gate.
     *
     * @return whether it is this strategy's first for this reason (the demo prints only those)
     */
    boolean countRefusal(GateDecision.Reason reason) {
        gateRefusals++;
        return refusalsPrinted.add(reason);
    }

    /**
     * Marks to market and decides; the caller places the order and reports the fill back.
     *
     * @param tick the market's tick: momentum looks at the market on every third one
     */
    Signal onPrice(double price, Instant at, int tick) {
        // The decision is made on the state as it was before this mark: a halt the mark brings
        // about lands after it, and the gate refuses what was decided (the order racing the halt).
        boolean halted = halted();
        window.addLast(price);
        if (window.size() > 20) {
            window.removeFirst();
        }
        double equity = equity(price);
        monitored.recordEquity(at, Math.max(equity, 0.01));
        if (side != null) {
            monitored.updatePosition(Position.of("BTCUSDT", side, quantity, entry, price));
        }
        if (halted) {
            return side != null ? Signal.CLOSE : Signal.NONE; // the halt's flatten
        }
        // A stop-loss rests on the exchange in real life: it is checked on every tick.
        if (!meanReversion && side != null && (price - entry) * side.sign() / entry <= -STOP_LOSS) {
            return Signal.STOP;
        }
        // Momentum looks at the market on every third tick; mean reversion watches every tick for a
        // dip, so it is always in the market when the flash crash comes.
        if (window.size() < 20 || (!meanReversion && tick % 3 != 0)) {
            return Signal.NONE;
        }
        monitored.recordDecision();
        cycle++;
        double average = window.stream().mapToDouble(Double::doubleValue).average().orElse(price);
        if (meanReversion) {
            if (side == null) {
                return price < average * 0.9995 ? Signal.BUY : Signal.NONE;
            }
            if (price > average) {
                return Signal.CLOSE;
            }
            return price < entry * (1 - AVERAGE_DOWN) && adds < MAX_ADDS ? Signal.ADD : Signal.NONE;
        }
        double momentum = price - window.toArray(new Double[0])[window.size() - 6];
        Side want = momentum > 0 ? Side.BUY : Side.SELL;
        return want == side ? Signal.NONE : want == Side.BUY ? Signal.BUY : Signal.SELL;
    }

    /** @return the side of the order a signal sends */
    Side orderSide(Signal signal) {
        return switch (signal) {
            case BUY, ADD -> Side.BUY;
            case SELL -> Side.SELL;
            case CLOSE, STOP -> side == Side.SELL ? Side.BUY : Side.SELL;
            case NONE -> throw new IllegalArgumentException("no order for NONE");
        };
    }

    /** @return the order's quantity: the whole position for a close, a fraction of equity otherwise */
    double orderQuantity(Signal signal, double price) {
        if ((signal == Signal.CLOSE || signal == Signal.STOP) && side != null) {
            return quantity;
        }
        return Math.max(0.001, Math.round(equity(price) * sizeOfEquity / price * 1000) / 1000.0);
    }

    void audit(ComplianceLogger audit, Signal signal, double price) {
        audit.tradeDecision(Actor.of(name), cycle,
                List.of(Map.of("symbol", "BTCUSDT", "signal", signal.name(), "price", price)),
                meanReversion ? "price vs 20-tick mean" : "6-tick momentum");
    }

    /**
     * Applies a fill: closes the open position (a trade, with its exit reason, which feeds the
     * protections), adds to it, or opens the new one.
     */
    @Nullable Trade onFill(Signal signal, double fillPrice, double filledQuantity) {
        orders++;
        Instant now = clock.instant();
        if (signal == Signal.ADD && side != null) {
            entry = (entry * quantity + fillPrice * filledQuantity) / (quantity + filledQuantity);
            quantity += filledQuantity;
            adds++;
            monitored.updatePosition(Position.of("BTCUSDT", side, quantity, entry, fillPrice));
            return null;
        }
        @Nullable Trade closed = null;
        if (side != null) {
            double pnl = (fillPrice - entry) * quantity * side.sign();
            cash += pnl;
            // Stamped with the runtime's clock, which the protections' lookback and locks run on.
            closed = new Trade("BTCUSDT", side, entry, fillPrice, quantity, pnl, 0, openedAt == null ? now : openedAt, now);
            ExitReason exit = signal == Signal.STOP ? ExitReason.STOP_LOSS
                    : halted() ? ExitReason.OTHER : ExitReason.SIGNAL;
            if (exit == ExitReason.STOP_LOSS) {
                stopLosses++;
            }
            monitored.recordTrade(closed, exit);
            monitored.closePosition("BTCUSDT");
            side = null;
            adds = 0;
        }
        if (signal == Signal.BUY || signal == Signal.SELL) {
            side = signal == Signal.BUY ? Side.BUY : Side.SELL;
            quantity = filledQuantity;
            entry = fillPrice;
            openedAt = now;
            monitored.updatePosition(Position.of("BTCUSDT", side, quantity, entry, fillPrice));
        }
        return closed;
    }

    boolean hasPosition() {
        return side != null;
    }

    private double equity(double price) {
        return side == null ? cash : cash + (price - entry) * quantity * side.sign();
    }
}
