package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the exchange reports for one strategy's account, as the bot fetched it: positions, equity,
 * balances and open orders, for {@link Reconciliation} to compare with TradePulse's own book.
 *
 * <p>Immutable and thread-safe; the maps are copied and sorted by symbol.
 *
 * @param positions symbol to signed quantity (long positive, short negative); a symbol without a
 *     position may be left out or given 0
 * @param equity the account's equity (wallet balance plus unrealised P&amp;L) in the account
 *     currency, or NaN if the exchange did not say
 * @param balances asset to wallet balance, such as {@code USDT}; empty if the bot does not report them
 * @param openOrders symbol to the number of open orders; empty if the bot does not report them
 */
public record ExchangeBook(Map<String, Double> positions, double equity, Map<String, Double> balances,
        Map<String, Integer> openOrders) {

    /**
     * Checks and copies the values; a lying peer's book is refused here, and the reconciliation
     * counts the fetch as failed.
     *
     * @throws NullPointerException if a map, a symbol or a value is null
     * @throws IllegalArgumentException if a quantity or balance is not finite, {@code equity} is
     *     infinite, or an order count is negative
     */
    public ExchangeBook {
        Map<String, Double> p = finite(Checks.notNull(positions, "positions"), "positions");
        Map<String, Double> b = finite(Checks.notNull(balances, "balances"), "balances");
        Checks.notNull(openOrders, "openOrders");
        if (Double.isInfinite(equity)) {
            throw new IllegalArgumentException("equity must be finite or NaN, got " + equity);
        }
        Map<String, Integer> o = new TreeMap<>();
        openOrders.forEach((symbol, n) -> {
            Checks.notNull(symbol, "symbol");
            Checks.notNull(n, "openOrders[" + symbol + "]");
            if (n < 0) {
                throw new IllegalArgumentException("openOrders[" + symbol + "] must not be negative, got " + n);
            }
            o.put(symbol, n);
        });
        positions = p;
        balances = b;
        openOrders = Collections.unmodifiableMap(o);
    }

    private static Map<String, Double> finite(Map<String, Double> values, String name) {
        Map<String, Double> copy = new TreeMap<>();
        values.forEach((key, v) -> {
            Checks.notNull(key, "symbol");
            Checks.notNull(v, name + "[" + key + "]");
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + "[" + key + "] must be finite, got " + v);
            }
            copy.put(key, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * A book of positions and equity, without balances or open orders.
     *
     * @param positions symbol to signed quantity
     * @param equity the equity, or NaN
     * @return the book
     * @throws NullPointerException if {@code positions}, a symbol or a value is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static ExchangeBook of(Map<String, Double> positions, double equity) {
        return new ExchangeBook(positions, equity, Map.of(), Map.of());
    }
}
