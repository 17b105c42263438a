package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.trading.PerformanceTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A rule that locks a symbol, or every symbol, after what closed trades (or the equity curve)
 * show; after Freqtrade's protections. {@link Protections} feeds it and places the locks it asks
 * for in a {@link LockBook}, with its {@link #name()} as the lock's source.
 *
 * <p>The built-in ones, each immutable and thread-safe:
 * <ul>
 *   <li>{@link #stopLossGuard}: N losing stop-loss exits within a window;</li>
 *   <li>{@link #cooldown}: a pause on a symbol after a losing trade in it;</li>
 *   <li>{@link #maxDrawdown}: the account's equity drawdown, not summed trade P&amp;L;</li>
 *   <li>{@link #lowProfit}: symbols whose trades over a window made too little;</li>
 *   <li>{@link #lossStreak}: N losing trades in a row.</li>
 * </ul>
 *
 * <p>An implementation is called under the {@link Protections}' lock, one call at a time; it
 * should be quick and must not call back into the {@link Protections}. One that throws is
 * logged at a bounded rate and skipped.
 */
public interface Protection {

    /** @return its name: the source of the locks it places, as in the journal and on the status page */
    String name();

    /** @return how far back, in trade close time, it looks; the {@link Protections} keep that much */
    Duration lookback();

    /**
     * Decides whether to lock.
     *
     * @param last the trade that just closed, or null when {@link Protections#check()} asks
     *     without a trade (only equity-based protections answer then)
     * @param recent the trades closed within the longest lookback of all protections, newest
     *     first, {@code last} included
     * @param now the clock's time
     * @return the lock to place, or empty
     */
    Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now);

    /**
     * A lock a protection asks for. Immutable and thread-safe.
     *
     * @param symbol the symbol, or null for every symbol
     * @param duration how long, from now
     * @param reason why, in words
     */
    record LockRequest(@Nullable String symbol, Duration duration, String reason) {

        /**
         * Checks the values.
         *
         * @throws NullPointerException if {@code duration} or {@code reason} is null
         * @throws IllegalArgumentException if {@code duration} is not positive
         */
        public LockRequest {
            Checks.positive(duration, "duration");
            Checks.notNull(reason, "reason");
        }
    }

    /**
     * Locks after {@code trades} losing stop-loss exits ({@link ExitReason#stopLoss()}) closed
     * within {@code lookback}: the symbol of the latest one, counting only its own, or every
     * symbol, counting all. It answers only to a stop-loss exit.
     *
     * @param trades how many stop-losses, at least 1
     * @param lookback the window
     * @param lockFor how long to lock
     * @param perSymbol lock the symbol (true) or every symbol (false)
     * @return the protection, named {@code stoploss-guard}
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code trades} is below 1 or a duration is not positive
     */
    static Protection stopLossGuard(int trades, Duration lookback, Duration lockFor, boolean perSymbol) {
        return new BuiltInProtections.StopLossGuard(atLeastOne(trades, "trades"), Checks.positive(lookback, "lookback"),
                Checks.positive(lockFor, "lockFor"), perSymbol);
    }

    /**
     * Locks a symbol for {@code lockFor} after a trade in it closed at a loss.
     *
     * @param lockFor the pause
     * @return the protection, named {@code cooldown}
     * @throws NullPointerException if {@code lockFor} is null
     * @throws IllegalArgumentException if {@code lockFor} is not positive
     */
    static Protection cooldown(Duration lockFor) {
        return new BuiltInProtections.Cooldown(Checks.positive(lockFor, "lockFor"));
    }

    /**
     * Locks every symbol while the account's equity is {@code maxDrawdown} or more below its
     * running peak. It reads the drawdown of the equity curve, open positions marked to market
     * included, not the sum of closed trades' P&amp;L (see {@code docs/risk.md}). It answers on
     * every trade and on every {@link Protections#check()}.
     *
     * @param maxDrawdown the drawdown that locks, above 0 and below 1 (0.15 for 15%)
     * @param lockFor how long to lock
     * @param drawdown the current equity drawdown, 0 to 1, such as the tracker's
     * @return the protection, named {@code max-drawdown}
     * @throws NullPointerException if {@code lockFor} or {@code drawdown} is null
     * @throws IllegalArgumentException if {@code maxDrawdown} is out of range or {@code lockFor} not positive
     */
    static Protection maxDrawdown(double maxDrawdown, Duration lockFor, DoubleSupplier drawdown) {
        if (!(maxDrawdown > 0 && maxDrawdown < 1)) {
            throw new IllegalArgumentException("maxDrawdown must be above 0 and below 1, got " + maxDrawdown);
        }
        return new BuiltInProtections.MaxDrawdown(maxDrawdown, Checks.positive(lockFor, "lockFor"),
                Checks.notNull(drawdown, "drawdown"));
    }

    /**
     * {@link #maxDrawdown(double, Duration, DoubleSupplier)} on a tracker's current drawdown (of
     * its equity snapshots).
     *
     * @param maxDrawdown the drawdown that locks, above 0 and below 1
     * @param lockFor how long to lock
     * @param tracker the tracker whose equity it reads
     * @return the protection
     * @throws NullPointerException if {@code lockFor} or {@code tracker} is null
     * @throws IllegalArgumentException if {@code maxDrawdown} is out of range or {@code lockFor} not positive
     */
    static Protection maxDrawdown(double maxDrawdown, Duration lockFor, PerformanceTracker tracker) {
        Checks.notNull(tracker, "tracker");
        return maxDrawdown(maxDrawdown, lockFor, () -> tracker.snapshot().risk().currentDrawdown());
    }

    /**
     * Locks a symbol when its trades closed within {@code lookback}, at least {@code minTrades}
     * of them, made less than {@code minProfit} together, as the sum of each trade's
     * {@linkplain ClosedTrade#profitRatio() profit ratio}.
     *
     * @param minTrades how many trades it takes to judge, at least 1
     * @param lookback the window
     * @param minProfit the least summed profit ratio, such as 0 (lock symbols that lost money)
     * @param lockFor how long to lock
     * @return the protection, named {@code low-profit}
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code minTrades} is below 1, {@code minProfit} is not
     *     finite, or a duration is not positive
     */
    static Protection lowProfit(int minTrades, Duration lookback, double minProfit, Duration lockFor) {
        if (!Double.isFinite(minProfit)) {
            throw new IllegalArgumentException("minProfit must be finite, got " + minProfit);
        }
        return new BuiltInProtections.LowProfit(atLeastOne(minTrades, "minTrades"), Checks.positive(lookback, "lookback"),
                minProfit, Checks.positive(lockFor, "lockFor"));
    }

    /**
     * Locks after the latest {@code losses} trades, all closed within {@code lookback}, all lost:
     * on their symbol, counting only its trades, or on every symbol, counting all.
     *
     * @param losses how many in a row, at least 1
     * @param lookback the window the streak must fall in
     * @param lockFor how long to lock
     * @param perSymbol lock the symbol (true) or every symbol (false)
     * @return the protection, named {@code loss-streak}
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code losses} is below 1 or a duration is not positive
     */
    static Protection lossStreak(int losses, Duration lookback, Duration lockFor, boolean perSymbol) {
        return new BuiltInProtections.LossStreak(atLeastOne(losses, "losses"), Checks.positive(lookback, "lookback"),
                Checks.positive(lockFor, "lockFor"), perSymbol);
    }

    private static int atLeastOne(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        }
        return n;
    }
}
