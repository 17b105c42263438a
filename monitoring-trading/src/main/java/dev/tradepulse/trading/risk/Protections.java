package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.trading.Trade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds closed trades to {@link Protection}s and places the locks they ask for in a
 * {@link LockBook}, which the {@link PreTradeGate} honours.
 *
 * <pre>{@code
 * Protections protections = Protections.builder(locks)
 *     .add(Protection.stopLossGuard(3, Duration.ofHours(1), Duration.ofMinutes(30), true))
 *     .add(Protection.cooldown(Duration.ofMinutes(5)))
 *     .add(Protection.maxDrawdown(0.15, Duration.ofHours(12), tracker))
 *     .build();
 * protections.onTrade(trade, ExitReason.STOP_LOSS);   // after each close
 * protections.check();                                 // after each equity update, for the drawdown
 * }</pre>
 *
 * <p>A protection that already holds a lock in force on a scope does not stack another on it:
 * a drawdown that lasts does not pile up one lock per check. Its settings are the protections
 * themselves (each immutable); there is no other config. The clock is the lock book's.
 *
 * <p>Thread-safe: calls are serialized by a lock, off the order path (the gate reads only the
 * lock book). A protection that throws is logged at a bounded rate and skipped; nothing here
 * throws into the caller but argument errors.
 */
public final class Protections {

    /** The most closed trades kept, whatever the lookbacks. */
    public static final int MAX_HISTORY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Protections.class);

    private final LockBook locks;
    private final Clock clock;
    private final List<Protection> protections;
    private final Duration lookback;
    private final ArrayDeque<ClosedTrade> history = new ArrayDeque<>(); // newest first
    private final LogThrottle failures = new LogThrottle(Duration.ofMinutes(1));

    private Protections(Builder b) {
        this.locks = b.locks;
        this.clock = b.locks.clock();
        this.protections = List.copyOf(b.protections);
        this.lookback = protections.stream().map(Protection::lookback).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * Starts a builder.
     *
     * @param locks where the locks go
     * @return a builder without protections
     * @throws NullPointerException if {@code locks} is null
     */
    public static Builder builder(LockBook locks) {
        return new Builder(Checks.notNull(locks, "locks"));
    }

    /**
     * A trade closed for a reason; the protections decide on it. Only the stop-loss guard needs
     * the reason.
     *
     * @param trade the trade
     * @param reason why it closed
     * @return the locks placed
     * @throws NullPointerException if an argument is null
     */
    public List<TradingLock> onTrade(Trade trade, ExitReason reason) {
        return onTrade(new ClosedTrade(trade, reason));
    }

    /**
     * A trade closed, the reason unknown ({@link ExitReason#OTHER}): the stop-loss guard does not
     * count it. A listener on a tracker's trades can call this.
     *
     * @param trade the trade
     * @return the locks placed
     * @throws NullPointerException if {@code trade} is null
     */
    public List<TradingLock> onTrade(Trade trade) {
        return onTrade(trade, ExitReason.OTHER);
    }

    /**
     * A trade closed; the protections decide on it.
     *
     * @param trade the trade and its exit reason
     * @return the locks placed
     * @throws NullPointerException if {@code trade} is null
     */
    public synchronized List<TradingLock> onTrade(ClosedTrade trade) {
        Checks.notNull(trade, "trade");
        Instant now = clock.instant();
        history.addFirst(trade);
        prune(now);
        return evaluate(trade, now);
    }

    /**
     * Asks the protections without a trade, for those that read the equity curve (the
     * drawdown): call it after equity updates.
     *
     * @return the locks placed
     */
    public synchronized List<TradingLock> check() {
        Instant now = clock.instant();
        prune(now);
        return evaluate(null, now);
    }

    /** @return the protections, in the order they are asked */
    public List<Protection> protections() {
        return protections;
    }

    private List<TradingLock> evaluate(@Nullable ClosedTrade last, Instant now) {
        List<ClosedTrade> recent = List.copyOf(history);
        List<TradingLock> placed = new ArrayList<>();
        for (Protection p : protections) {
            try {
                Optional<Protection.LockRequest> request = p.evaluate(last, recent, now);
                if (request.isPresent() && !alreadyLocked(p.name(), request.get().symbol())) {
                    Protection.LockRequest r = request.get();
                    Duration d = r.duration().compareTo(LockBook.MAX_DURATION) > 0 ? LockBook.MAX_DURATION : r.duration();
                    placed.add(locks.lock(r.symbol(), d, r.reason(), p.name()));
                }
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                if (failures.tryAcquire(System.nanoTime())) {
                    LOG.error("Protection '{}' failed and was skipped: {}", LogText.clean(p.name(), 100),
                            LogText.clean(e.toString(), 500));
                }
            }
        }
        return placed;
    }

    private boolean alreadyLocked(String source, @Nullable String symbol) {
        for (TradingLock l : locks.active()) {
            if (l.source().equals(source) && (symbol == null ? l.symbol() == null : symbol.equals(l.symbol()))) {
                return true;
            }
        }
        return false;
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(lookback);
        while (history.size() > MAX_HISTORY) {
            history.removeLast();
        }
        Iterator<ClosedTrade> it = history.descendingIterator();
        while (it.hasNext() && !it.next().trade().closedAt().isAfter(oldest)) {
            it.remove();
        }
    }

    /** Collects the protections. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private final LockBook locks;
        private final List<Protection> protections = new ArrayList<>();

        private Builder(LockBook locks) {
            this.locks = locks;
        }

        /**
         * Adds a protection; they are asked in the order added.
         *
         * @param protection the protection
         * @return this builder
         * @throws NullPointerException if {@code protection} is null, or its lookback or name is
         * @throws IllegalArgumentException if its name is blank
         */
        public Builder add(Protection protection) {
            Checks.notNull(protection, "protection");
            Checks.notBlank(protection.name(), "protection.name()");
            Checks.notNull(protection.lookback(), "protection.lookback()");
            protections.add(protection);
            return this;
        }

        /** @return the protections, ready for trades */
        public Protections build() {
            return new Protections(this);
        }
    }
}
