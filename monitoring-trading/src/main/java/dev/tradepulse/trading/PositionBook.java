package dev.tradepulse.trading;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** A tracker's open positions, one per symbol, and what they add up to against an equity. Thread-safe (a concurrent map). */
final class PositionBook {

    private final ConcurrentHashMap<String, Position> bySymbol = new ConcurrentHashMap<>();

    void put(Position position) {
        bySymbol.put(position.symbol(), position);
    }

    void remove(String symbol) {
        bySymbol.remove(symbol);
    }

    List<Position> sorted() {
        return bySymbol.values().stream().sorted(Comparator.comparing(Position::symbol)).toList();
    }

    Exposure against(double equity) {
        int count = 0;
        double unrealized = 0;
        double gross = 0;
        double largest = 0;
        double nearest = Double.NaN;
        for (Position p : bySymbol.values()) {
            count++;
            unrealized += p.unrealizedPnl();
            double notional = Math.abs(p.notional());
            gross += notional;
            largest = Math.max(largest, notional);
            double d = p.liquidationDistance();
            if (!Double.isNaN(d)) {
                nearest = Double.isNaN(nearest) ? d : Math.min(nearest, d);
            }
        }
        return new Exposure(count, unrealized, gross, equity > 0 ? gross / equity : Double.NaN,
                count > 0 ? largest / gross : Double.NaN, nearest);
    }
}
