package dev.tradepulse.examples;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A simulated strategy: flat or long/short one position in BTCUSDT, sized as a fraction of its
 * equity. Momentum follows the last six ticks with a small size; mean reversion buys dips below
 * the 20-tick average with leverage, which is what the flash crash punishes. What it does is
 * reported to its TradePulse {@link Strategy} (tracker, kill switch, risk rules). Used by the
 * trading thread only.
 */
final class SimulatedStrategy {

    /** What the strategy wants to do on this tick. */
    enum Signal { BUY, SELL, CLOSE, NONE }

    private final String name;
    private final double sizeOfEquity;
    private final boolean meanReversion;
    private final Random random;
    private final ArrayDeque<Double> window = new ArrayDeque<>();
    final Strategy monitored;
    private boolean haltReported;
    private double cash = 10_000;
    private @Nullable Side side;
    private double quantity;
    private double entry;
    private @Nullable Instant openedAt;
    private long cycle;
    int orders;
    int gateRefusals;

    SimulatedStrategy(Strategy monitored, double sizeOfEquity, boolean meanReversion, long seed) {
        this.name = monitored.name();
        this.sizeOfEquity = sizeOfEquity;
        this.meanReversion = meanReversion;
        this.random = new Random(seed);
        this.monitored = monitored;
    }

    String name() {
        return name;
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

    /** Marks to market and decides; the caller places the order and reports the fill back. */
    Signal onPrice(double price, Instant at) {
        window.addLast(price);
        if (window.size() > 20) {
            window.removeFirst();
        }
        double equity = equity(price);
        monitored.recordEquity(at, Math.max(equity, 0.01));
        if (side != null) {
            monitored.updatePosition(Position.of("BTCUSDT", side, quantity, entry, price));
        }
        // Momentum looks at the market on about one tick in three; mean reversion watches every
        // tick for a dip, so it is always in the market when the flash crash comes.
        if (halted() || window.size() < 20 || (!meanReversion && random.nextInt(3) != 0)) {
            return Signal.NONE;
        }
        monitored.recordDecision();
        cycle++;
        double average = window.stream().mapToDouble(Double::doubleValue).average().orElse(price);
        if (meanReversion) {
            if (side == null && price < average * 0.9995) {
                return Signal.BUY;
            }
            return side != null && price > average ? Signal.CLOSE : Signal.NONE;
        }
        double momentum = price - window.toArray(new Double[0])[window.size() - 6];
        Side want = momentum > 0 ? Side.BUY : Side.SELL;
        return want == side ? Signal.NONE : want == Side.BUY ? Signal.BUY : Signal.SELL;
    }

    double orderQuantity(double price) {
        return Math.max(0.001, Math.round(equity(price) * sizeOfEquity / price * 1000) / 1000.0);
    }

    void audit(ComplianceLogger audit, Signal signal, double price) {
        audit.tradeDecision(Actor.of(name), cycle,
                List.of(Map.of("symbol", "BTCUSDT", "signal", signal.name(), "price", price)), meanReversion ? "price vs 20-tick mean" : "6-tick momentum");
    }

    /** Applies a fill: closes the open position (a trade) and, unless closing only, opens the new one. */
    @Nullable Trade onFill(Signal signal, double fillPrice, Instant at) {
        @Nullable Trade closed = null;
        orders++;
        if (side != null) {
            double pnl = (fillPrice - entry) * quantity * side.sign();
            cash += pnl;
            closed = new Trade("BTCUSDT", side, entry, fillPrice, quantity, pnl, 0, openedAt == null ? at : openedAt, at);
            monitored.recordTrade(closed);
            monitored.closePosition("BTCUSDT");
            side = null;
        }
        if (signal == Signal.BUY || signal == Signal.SELL) {
            side = signal == Signal.BUY ? Side.BUY : Side.SELL;
            quantity = orderQuantity(fillPrice);
            entry = fillPrice;
            openedAt = at;
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
