package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locks on new exposure, per symbol and global, that the {@link PreTradeGate} honours and
 * the {@link Protections} and operators place. Locks stack and end by the injected clock: nothing
 * needs to remove an expired lock, though {@link #active()} no longer lists it and the next
 * change drops it.
 *
 * <pre>{@code
 * LockBook locks = LockBook.builder().clock(clock).audit(audit).build();
 * locks.operatorLock(Actor.of("alice"), "BTCUSDT", Duration.ofHours(1), "exchange maintenance");
 * locks.operatorUnlock(Actor.of("alice"), "BTCUSDT", "maintenance over");
 * }</pre>
 *
 * <p>Every lock placed and every unlock is written to the compliance journal when the book has
 * one ({@code LIMIT_BREACH} with rule {@code lock}, {@code REARM} with rule {@code unlock}); a
 * journal that fails is logged at a bounded rate and the lock stands.
 *
 * <p>Thread-safe. Reads ({@link #blocking}, used by the gate on every order) are lock-free and
 * allocate nothing: they read an immutable snapshot that changes replace under a lock.
 */
public final class LockBook {

    /** The longest lock: ten years (an operator who wants "until further notice"). */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);

    private static final Logger LOG = LoggerFactory.getLogger(LockBook.class);
    private static final Entry[] NONE = new Entry[0];

    private final Clock clock;
    private final @Nullable ComplianceLogger audit;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(NONE, Map.of(), Long.MIN_VALUE);

    private LockBook(Builder b) {
        this.clock = b.clock;
        this.audit = b.audit;
    }

    /**
     * Starts a builder: the system UTC clock, no journal.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the clock locks end by */
    public Clock clock() {
        return clock;
    }

    /**
     * Locks a symbol, or every symbol, from now for a while.
     *
     * @param symbol the symbol, or null for all
     * @param duration how long
     * @param reason why
     * @param source what places it, such as a protection's name
     * @return the lock placed
     * @throws NullPointerException if {@code duration}, {@code reason} or {@code source} is null
     * @throws IllegalArgumentException if {@code symbol} is blank, or {@code duration} is not
     *     positive or is longer than {@link #MAX_DURATION}
     */
    public TradingLock lock(@Nullable String symbol, Duration duration, String reason, String source) {
        TradingLock lock = place(symbol, duration, reason, source);
        journal(ComplianceLogger.RiskKind.LIMIT_BREACH, Actor.of(source), "lock", lockDetails(lock));
        return lock;
    }

    /**
     * An operator locks a symbol, or every symbol; audited with who and why.
     *
     * @param who the operator
     * @param symbol the symbol, or null for all
     * @param duration how long
     * @param why the reason
     * @return the lock placed, with source {@code operator:<who>}
     * @throws NullPointerException if {@code who}, {@code duration} or {@code why} is null
     * @throws IllegalArgumentException if {@code symbol} is blank, or {@code duration} is out of range
     */
    public TradingLock operatorLock(Actor who, @Nullable String symbol, Duration duration, String why) {
        Checks.notNull(who, "who");
        TradingLock lock = place(symbol, duration, why, "operator:" + who.id());
        journal(ComplianceLogger.RiskKind.LIMIT_BREACH, who, "lock", lockDetails(lock));
        return lock;
    }

    /**
     * An operator lifts every lock on a symbol (not the global ones), or with a null symbol every
     * global lock; audited with who, why and what was lifted.
     *
     * @param who the operator
     * @param symbol the symbol, or null for the global locks
     * @param why the reason
     * @return the locks lifted that were still in force
     * @throws NullPointerException if {@code who} or {@code why} is null
     */
    public List<TradingLock> operatorUnlock(Actor who, @Nullable String symbol, String why) {
        Checks.notNull(who, "who");
        Checks.notNull(why, "why");
        long now = clock.millis();
        List<TradingLock> lifted = new ArrayList<>();
        synchronized (writeLock) {
            Snapshot s = snapshot;
            Entry[] removed = symbol == null ? s.global : s.bySymbol.getOrDefault(symbol, NONE);
            for (Entry e : removed) {
                if (e.untilMillis > now) {
                    lifted.add(e.lock);
                }
            }
            snapshot = symbol == null ? rebuild(NONE, s.bySymbol, now)
                    : rebuild(s.global, without(s.bySymbol, symbol), now);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", symbol == null ? "all symbols" : symbol);
        details.put("reason", why);
        details.put("lifted", lifted.size());
        details.put("sources", lifted.stream().map(TradingLock::source).distinct().toList());
        journal(ComplianceLogger.RiskKind.REARM, who, "unlock", details);
        return lifted;
    }

    /**
     * The locks in force now, global first, then by symbol, each group by end time.
     *
     * @return the locks
     */
    public List<TradingLock> active() {
        long now = clock.millis();
        Snapshot s = snapshot;
        List<TradingLock> out = new ArrayList<>();
        for (Entry e : s.global) {
            if (e.untilMillis > now) {
                out.add(e.lock);
            }
        }
        List<TradingLock> symbols = new ArrayList<>();
        s.bySymbol.values().forEach(entries -> {
            for (Entry e : entries) {
                if (e.untilMillis > now) {
                    symbols.add(e.lock);
                }
            }
        });
        symbols.sort(Comparator.comparing((TradingLock l) -> String.valueOf(l.symbol())).thenComparing(TradingLock::until));
        out.sort(Comparator.comparing(TradingLock::until));
        out.addAll(symbols);
        return List.copyOf(out);
    }

    /**
     * The lock that refuses new exposure on a symbol now: the global lock that ends last, else
     * the symbol's that ends last.
     *
     * @param symbol the symbol
     * @return the lock, or empty when the symbol is free
     * @throws NullPointerException if {@code symbol} is null
     */
    public Optional<TradingLock> lockOn(String symbol) {
        return Optional.ofNullable(blocking(Checks.notNull(symbol, "symbol"), clock.millis()));
    }

    /**
     * The gate's read: lock-free and allocation-free.
     *
     * @param symbol the symbol
     * @param nowMillis the time, in the clock's milliseconds
     * @return the lock in force that ends last, global ones first, or null
     */
    @Nullable TradingLock blocking(String symbol, long nowMillis) {
        Snapshot s = snapshot;
        if (nowMillis >= s.endsBy) {
            return null; // no lock at all, or all ended: the common case
        }
        TradingLock found = latest(s.global, nowMillis);
        if (found != null) {
            return found;
        }
        Entry[] mine = s.bySymbol.get(symbol);
        return mine == null ? null : latest(mine, nowMillis);
    }

    private static @Nullable TradingLock latest(Entry[] entries, long now) {
        Entry best = null;
        for (Entry e : entries) {
            if (e.untilMillis > now && (best == null || e.untilMillis > best.untilMillis)) {
                best = e;
            }
        }
        return best == null ? null : best.lock;
    }

    private TradingLock place(@Nullable String symbol, Duration duration, String reason, String source) {
        Checks.positive(duration, "duration");
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be at most " + MAX_DURATION.toDays() + " days, got "
                    + duration);
        }
        Checks.notNull(reason, "reason");
        Checks.notNull(source, "source");
        Instant now = clock.instant();
        TradingLock lock = new TradingLock(symbol, reason, source, now, now.plus(duration));
        Entry entry = new Entry(lock, lock.until().toEpochMilli());
        long nowMillis = now.toEpochMilli();
        synchronized (writeLock) {
            Snapshot s = snapshot;
            if (symbol == null) {
                snapshot = rebuild(append(s.global, entry), s.bySymbol, nowMillis);
            } else {
                Map<String, Entry[]> copy = new HashMap<>(s.bySymbol);
                copy.put(symbol, append(copy.getOrDefault(symbol, NONE), entry));
                snapshot = rebuild(s.global, copy, nowMillis);
            }
        }
        return lock;
    }

    /** A new snapshot without the locks that ended by {@code now}. */
    private static Snapshot rebuild(Entry[] global, Map<String, Entry[]> bySymbol, long now) {
        Entry[] g = live(global, now);
        Map<String, Entry[]> m = new HashMap<>();
        long endsBy = Long.MIN_VALUE;
        for (Entry e : g) {
            endsBy = Math.max(endsBy, e.untilMillis);
        }
        for (Map.Entry<String, Entry[]> kv : bySymbol.entrySet()) {
            Entry[] l = live(kv.getValue(), now);
            if (l.length > 0) {
                m.put(kv.getKey(), l);
                for (Entry e : l) {
                    endsBy = Math.max(endsBy, e.untilMillis);
                }
            }
        }
        return new Snapshot(g, Map.copyOf(m), endsBy);
    }

    private static Entry[] live(Entry[] entries, long now) {
        int n = 0;
        for (Entry e : entries) {
            if (e.untilMillis > now) {
                n++;
            }
        }
        if (n == entries.length) {
            return entries;
        }
        Entry[] out = new Entry[n];
        int i = 0;
        for (Entry e : entries) {
            if (e.untilMillis > now) {
                out[i++] = e;
            }
        }
        return out;
    }

    private static Entry[] append(Entry[] entries, Entry more) {
        Entry[] out = new Entry[entries.length + 1];
        System.arraycopy(entries, 0, out, 0, entries.length);
        out[entries.length] = more;
        return out;
    }

    private static Map<String, Entry[]> without(Map<String, Entry[]> m, String symbol) {
        Map<String, Entry[]> copy = new HashMap<>(m);
        copy.remove(symbol);
        return copy;
    }

    private static Map<String, Object> lockDetails(TradingLock lock) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", lock.scope());
        details.put("reason", lock.reason());
        details.put("source", lock.source());
        details.put("until", lock.until().toString());
        return details;
    }

    private final Throttle journalFailures = new Throttle();

    private void journal(ComplianceLogger.RiskKind kind, Actor actor, String rule, Map<String, Object> details) {
        ComplianceLogger a = audit;
        if (a == null) {
            return;
        }
        try {
            a.riskEvent(kind, actor, rule, details);
        } catch (Throwable e) { // the lock stands whatever the journal does
            long dropped = journalFailures.failed();
            if (dropped >= 0) {
                LOG.error("Lock book: could not write to the compliance journal ({} failures since the last line): {}",
                        dropped, LogText.clean(e.toString(), 500));
            }
        }
    }

    /** A count of journal failures and a one-line-a-minute gate on logging them. */
    private static final class Throttle {
        private final LogThrottle gate = new LogThrottle(Duration.ofMinutes(1));
        private long since;

        /** @return the failures since the last logged line if this one may be logged, otherwise -1 */
        synchronized long failed() {
            since++;
            if (gate.tryAcquire(System.nanoTime())) {
                long n = since;
                since = 0;
                return n;
            }
            return -1;
        }
    }

    private record Entry(TradingLock lock, long untilMillis) {
    }

    private record Snapshot(Entry[] global, Map<String, Entry[]> bySymbol, long endsBy) {
    }

    /** Collects the book's parts. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private @Nullable ComplianceLogger audit;

        private Builder() {
        }

        /**
         * The clock locks start and end by; the default is the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * The journal every lock and unlock is written to; none by default.
         *
         * @param audit the compliance logger
         * @return this builder
         * @throws NullPointerException if {@code audit} is null
         */
        public Builder audit(ComplianceLogger audit) {
            this.audit = Checks.notNull(audit, "audit");
            return this;
        }

        /**
         * Builds an empty book.
         *
         * @return the book
         */
        public LockBook build() {
            return new LockBook(this);
        }
    }
}
