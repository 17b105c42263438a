package dev.tradepulse.examples.spring;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.ExitReason;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One paper strategy, long or flat in one symbol, reporting to its TradePulse {@link Strategy}:
 * equity, positions and closed trades to the tracker, every order to the pre-trade gate first and
 * then to the audit journal. Momentum buys a rise over the last five ticks with half its equity;
 * the dip buyer buys a price below its ten-tick average with three times its equity, which is what
 * the flash crash punishes. Used by the trading loop's thread only (under its lock), except
 * {@link #view()}, which any thread may call.
 */
final class PaperTrader {

    /** How the trader decides. */
    enum Style { MOMENTUM, BUY_THE_DIP }

    private static final int WINDOW = 10;

    private final Strategy strategy;
    private final ComplianceLogger audit;
    private final String symbol;
    private final Style style;
    private final double leverage;
    private final ArrayDeque<Double> prices = new ArrayDeque<>();
    private double cash;
    private double quantity;
    private double entry;
    private @Nullable Instant openedAt;
    private long cycle;
    private volatile StrategyView view;

    /**
     * @param strategy the TradePulse strategy this trader reports to
     * @param audit the journal every order goes to
     * @param symbol the symbol traded
     * @param style how it decides
     * @param leverage its position's value as a multiple of its equity
     * @param cash its starting cash
     */
    PaperTrader(Strategy strategy, ComplianceLogger audit, String symbol, Style style, double leverage, double cash) {
        this.strategy = strategy;
        this.audit = audit;
        this.symbol = symbol;
        this.style = style;
        this.leverage = leverage;
        this.cash = cash;
        this.view = StrategyView.initial(strategy.name(), cash);
    }

    /** Marks to market, flattens after a halt, decides, and runs the strategy's rules. */
    void onTick(double price, Instant at) {
        prices.addLast(price);
        if (prices.size() > WINDOW) {
            prices.removeFirst();
        }
        if (quantity > 0 && strategy.state() == TradingState.HALTED) {
            close(price, at, ExitReason.OTHER);   // the kill switch's flatten: not an order the gate judges
        }
        if (quantity > 0) {
            strategy.updatePosition(Position.of(symbol, Side.BUY, quantity, entry, price));
        }
        strategy.recordEquity(at, Math.max(equity(price), 0.01));
        if (prices.size() == WINDOW) {
            decide(price, at);
        }
        strategy.afterTick();                     // a limit the last tick breached halts before the next order
        view = view.with(strategy, equity(price), quantity);
    }

    private void decide(double price, Instant at) {
        double fiveAgo = price;
        double sum = 0;
        int back = 0;
        for (Iterator<Double> newestFirst = prices.descendingIterator(); newestFirst.hasNext(); back++) {
            double p = newestFirst.next();
            sum += p;
            if (back == 5) {
                fiveAgo = p;
            }
        }
        double average = sum / WINDOW;
        boolean enter = style == Style.MOMENTUM ? price > fiveAgo * 1.001 : price < average * 0.998;
        boolean exit = style == Style.MOMENTUM ? price < fiveAgo : price > average;
        if (quantity == 0 && enter) {
            strategy.recordDecision();
            double qty = Math.max(0.001, Math.round(equity(price) * leverage / price * 1000) / 1000.0);
            order(OrderIntent.of(symbol, Side.BUY, qty, price), at);
        } else if (quantity > 0 && exit) {
            strategy.recordDecision();
            order(OrderIntent.of(symbol, Side.SELL, quantity, price).asReduceOnly(), at);
        }
    }

    private void order(OrderIntent intent, Instant at) {
        GateDecision decision = strategy.check(intent);   // trading state, locks, rate, notional, exposure
        if (!decision.allowed()) {
            view = view.refused(decision);                // HALTED after the kill switch: DENIED, never sent
            return;
        }
        audit.tradeDecision(Actor.of(strategy.name()), ++cycle, List.of(Map.of("symbol", intent.symbol(),
                "side", intent.side().name(), "quantity", intent.quantity(), "price", intent.price())), style.name());
        if (intent.side() == Side.BUY) {
            open(intent.quantity(), intent.price(), at);    // a paper fill at the intent's price
        } else {
            close(intent.price(), at, ExitReason.SIGNAL);   // recordTrade: P&L, win rate, protections
        }
        view = view.ordered();
    }

    private void open(double qty, double price, Instant at) {
        quantity = qty;
        entry = price;
        openedAt = at;
        strategy.updatePosition(Position.of(symbol, Side.BUY, quantity, entry, price));
    }

    private void close(double price, Instant at, ExitReason why) {
        double pnl = (price - entry) * quantity;
        cash += pnl;
        Instant opened = openedAt == null ? at : openedAt;
        strategy.recordTrade(new Trade(symbol, Side.BUY, entry, price, quantity, pnl, 0, opened, at), why);
        strategy.closePosition(symbol);
        quantity = 0;
        openedAt = null;
    }

    private double equity(double price) {
        return cash + (price - entry) * quantity;
    }

    /** @return what the trader did, as of the end of its last tick */
    StrategyView view() {
        return view;
    }
}
