package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A lock on new exposure: one symbol, or every symbol (a global lock), until an end time.
 * Reduce-only orders pass it. Locks stack: a symbol is locked while any of its locks, or any
 * global lock, has not ended.
 *
 * <p>Immutable and thread-safe.
 *
 * @param symbol the locked symbol, or null for a global lock
 * @param reason why, in words
 * @param source what placed it: a protection's name, or {@code operator:<who>}
 * @param since when it was placed
 * @param until when it ends
 */
public record TradingLock(@Nullable String symbol, String reason, String source, Instant since, Instant until) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code reason}, {@code source}, {@code since} or {@code until} is null
     * @throws IllegalArgumentException if {@code symbol} is blank, or {@code until} is not after {@code since}
     */
    public TradingLock {
        if (symbol != null) {
            Checks.notBlank(symbol, "symbol");
        }
        Checks.notNull(reason, "reason");
        Checks.notNull(source, "source");
        Checks.notNull(since, "since");
        Checks.notNull(until, "until");
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("until must be after since, got " + until + " <= " + since);
        }
    }

    /** @return whether it locks every symbol */
    public boolean global() {
        return symbol == null;
    }

    /**
     * @param now the time
     * @return whether it is still in force at {@code now}
     * @throws NullPointerException if {@code now} is null
     */
    public boolean activeAt(Instant now) {
        return until.isAfter(now);
    }

    /** @return {@code "all symbols"} or the symbol */
    public String scope() {
        return symbol == null ? "all symbols" : symbol;
    }
}
