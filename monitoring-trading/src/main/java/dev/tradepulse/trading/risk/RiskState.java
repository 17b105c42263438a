package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.compliance.ComplianceLogger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The trading state of one scope (a strategy, or an account spanning strategies):
 * {@link TradingState#ACTIVE}, {@link TradingState#REDUCING} or {@link TradingState#HALTED},
 * after NautilusTrader's trading states.
 *
 * <p><b>Holds.</b> A state is held down by causes ({@link Cause}: a rule, a health mapping, an
 * operator, TradePulse itself). Its own state is the safest of its {@link #holds()}, ACTIVE when
 * it has none. {@link #restrict} places or deepens a cause's hold and takes effect at once: going
 * down is automatic. Going up is manual: {@link #lift} (an operator, with who and why) clears
 * every hold; {@link #recover} lifts one cause's hold, and only if that cause was marked
 * {@link Cause#recovering()} when it placed it, so the state rises only when nothing else holds
 * it down. A strategy built with an {@link Builder#account account} is as safe as the safer of
 * its own state and its account's ({@link #current()}).
 *
 * <p><b>Every transition</b> of its own state is journalled ({@code TRADING_STATE} events, with the
 * cause as {@code Actor}), alerted (key {@code trading-state:<scope>}, CRITICAL for HALTED, HIGH
 * for REDUCING, resolved at ACTIVE), published as a status event for the {@code trading-states}
 * section ({@link #statusEvents()}), counted in the gauge {@code tradepulse.trading.state}
 * ({@link #bindTo}) and handed to the {@link Listener}s, in that order. Concurrent triggers make
 * exactly one transition per change of state: the second thread to report the same breach finds
 * the hold in place and changes nothing, and a REDUCING to HALTED move is never lost.
 *
 * <p><b>Restarts.</b> With a {@link Builder#stateStore StateStore}, the state and its holds are
 * written (atomically, forced to disk) before a transition's method returns, and read back at
 * {@link Builder#build()}: a restored state is journalled as {@code restored}. A record that is
 * damaged, unreadable or of an unknown version lands in {@link RiskStateConfig#failedReadState()}
 * (HALTED by default), logged at ERROR, journalled as {@code restore_failed} and alerted CRITICAL;
 * an absent record is a fresh start in ACTIVE.
 *
 * <p><b>Threads.</b> Thread-safe. {@link #current()} is a volatile read: no lock, no allocation.
 * Transitions are serialised on a private lock, under which the record is written and the journal
 * and alert calls are made; status events and listeners run after it, on the thread that made the
 * transition. A failing journal, dispatcher, store or listener never throws into the caller: it is
 * counted and logged at a bounded rate. It owns no thread and nothing to close (the store is the
 * caller's).
 */
public final class RiskState implements MeterBinder {

    private static final Logger LOG = StateAnnouncer.LOG;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String KEY_PREFIX = "risk-state.";

    /**
     * Told of each transition of a state's own level, including the one {@link Builder#build()}
     * restores. Runs on the thread that made the transition, after it took effect and outside any
     * lock; whatever it throws is caught, counted ({@link #listenerFailures()}) and logged at a
     * bounded rate. Implementations must be thread-safe: transitions may come from any thread.
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * A transition happened.
         *
         * @param transition what changed
         */
        void onTransition(Transition transition);
    }

    private final String scope;
    private final String key;
    private final @Nullable RiskState account;
    private final @Nullable StateStore store;
    private final Clock clock;
    private final RiskStateConfig config;
    private final List<Listener> listeners;
    private final StateAnnouncer announcer;
    private final StatusEventPublisher events = new StatusEventPublisher();
    private final Object lock = new Object();
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong persistFailures = new AtomicLong();
    private final Map<String, Hold> holdMap = new LinkedHashMap<>(); // guarded by lock
    private long sequence; // guarded by lock
    private final long journalledSequence; // -1: not given
    private final TradingState journalledState;
    private volatile TradingState own = TradingState.ACTIVE;
    private volatile List<Hold> holds = List.of();
    private volatile @Nullable Transition last;

    private RiskState(Builder b) {
        this.journalledSequence = b.journalledSequence;
        this.journalledState = b.journalledState;
        this.scope = b.scope;
        this.key = b.stateKey != null ? b.stateKey : defaultKey(b.scope);
        this.account = b.account;
        this.store = b.store;
        this.clock = b.clock;
        this.config = b.config;
        this.listeners = List.copyOf(b.listeners);
        this.announcer = new StateAnnouncer(b.scope, b.audit, b.alerts);
    }

    /**
     * Starts configuring a state.
     *
     * @param scope what it governs: a strategy or account name
     * @param audit the compliance journal
     * @param alerts where its alerts go
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scope} is blank
     */
    public static Builder builder(String scope, ComplianceLogger audit, AlertDispatcher alerts) {
        return new Builder(scope, audit, alerts);
    }

    /**
     * The state orders are checked against: the safer of this scope's own state and its
     * account's. A volatile read, no lock, no allocation.
     *
     * @return the effective state
     */
    public TradingState current() {
        TradingState s = own;
        RiskState a = account;
        if (a == null) {
            return s;
        }
        TradingState up = a.current();
        return up.compareTo(s) > 0 ? up : s;
    }

    /** @return this scope's own state, without its account's */
    public TradingState own() {
        return own;
    }

    /** @return what holds this scope's own state down, in the order the holds were placed */
    public List<Hold> holds() {
        return holds;
    }

    /** @return the last transition of the own state, including the one restored at build, if any */
    public Optional<Transition> lastTransition() {
        return Optional.ofNullable(last);
    }

    /** @return the account this scope trades under, if any */
    public Optional<RiskState> account() {
        return Optional.ofNullable(account);
    }

    /**
     * Holds the state at {@code level} or safer for {@code cause}, at once. A cause that already
     * holds it at that level or safer changes nothing; one that holds it less safe is deepened.
     * With a store, the holds are on disk when this returns; if they cannot be written the state is
     * still lowered in memory (the safe way), and the failure is logged, counted and alerted.
     *
     * @param cause what lowers it; {@link Cause#recovering()} lets the same cause lift it again
     * @param level {@link TradingState#REDUCING} or {@link TradingState#HALTED}
     * @param reason why, for people
     * @return true if this call changed the state (false when it was already that safe)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code level} is ACTIVE (going up is {@link #lift} or {@link #recover})
     */
    public boolean restrict(Cause cause, TradingState level, String reason) {
        Checks.notNull(cause, "cause");
        Checks.notNull(level, "level");
        Checks.notNull(reason, "reason");
        if (level == TradingState.ACTIVE) {
            throw new IllegalArgumentException("level must be REDUCING or HALTED; use lift or recover to go up");
        }
        Transition t;
        synchronized (lock) {
            Hold existing = holdMap.get(cause.id());
            if (existing != null && !level.isSaferThan(existing.level())) {
                return false;
            }
            TradingState before = own;
            holdMap.put(cause.id(), new Hold(cause, level, reason, clock.instant()));
            TradingState after = safest(holdMap.values());
            if (after != before) {
                own = after; // going down takes effect before the record is written: orders stop at once
            }
            holds = List.copyOf(holdMap.values());
            long seq = after != before ? sequence + 1 : sequence;
            if (!save(after, seq, holds)) {
                announcer.persistFailed("the move to " + after + " is in effect but not on disk");
            }
            if (after == before) {
                return false;
            }
            sequence = seq;
            t = new Transition(scope, seq, Transition.Type.DOWN, before, after, cause, reason, holds, clock.instant());
            last = t;
            announce(t, "down");
        }
        publish(t);
        return true;
    }

    /**
     * Lifts the hold {@code cause} placed, if it was placed by a {@link Cause#recovering()} cause;
     * the state rises only if nothing else holds it down. With a store the change is written first:
     * if the write fails, nothing is lifted.
     *
     * @param cause the cause whose hold to lift (matched by {@link Cause#id()})
     * @param reason why, for people
     * @return true if the cause's hold was lifted (whether or not the state rose)
     * @throws NullPointerException if an argument is null
     */
    public boolean recover(Cause cause, String reason) {
        Checks.notNull(cause, "cause");
        Checks.notNull(reason, "reason");
        Transition t;
        synchronized (lock) {
            Hold h = holdMap.get(cause.id());
            if (h == null) {
                return false;
            }
            if (!h.cause().recovers()) {
                if (throttle.tryAcquire(System.nanoTime())) {
                    LOG.warn("Trading state '{}': {} may not lift its own hold; an operator must lift it",
                            clean(scope), clean(cause.id()));
                }
                return false;
            }
            Map<String, Hold> next = new LinkedHashMap<>(holdMap);
            next.remove(cause.id());
            t = rise(next, cause, reason);
            if (holdMap.containsKey(cause.id())) {
                return false; // not written: nothing lifted
            }
            if (t == null) {
                return true; // lifted, but another cause still holds the state where it was
            }
        }
        publish(t);
        return true;
    }

    /**
     * An operator lifts every hold: the state goes back to ACTIVE (its account may still hold it
     * down, see {@link #current()}). Journalled with the operator as actor. With a store the change
     * is written first: if the write fails, nothing is lifted and this returns false.
     *
     * @param who the operator
     * @param why their reason
     * @return true if the state was held down and is now ACTIVE
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code who} is blank
     */
    public boolean lift(String who, String why) {
        Cause operator = Cause.operator(Checks.notBlank(who, "who"));
        Checks.notNull(why, "why");
        Transition t;
        synchronized (lock) {
            if (holdMap.isEmpty()) {
                return false;
            }
            t = rise(new LinkedHashMap<>(), operator, why);
            if (t == null) {
                return false;
            }
        }
        publish(t);
        return true;
    }

    /**
     * Replaces the holds with {@code next}, written first; under the lock.
     *
     * @return the transition, or null if the state did not change or the write failed (then
     *     nothing changed at all when the state would have)
     */
    private @Nullable Transition rise(Map<String, Hold> next, Cause cause, String reason) {
        TradingState before = own;
        TradingState after = safest(next.values());
        List<Hold> view = List.copyOf(next.values());
        long seq = after != before ? sequence + 1 : sequence;
        if (!save(after, seq, view)) {
            LOG.error("Trading state '{}': {} by {} refused: the state could not be saved, it stays {}", clean(scope),
                    after != before ? "going up to " + after : "the lift", clean(cause.id()), before);
            announcer.persistFailed("a lift to " + after + " was refused");
            return null;
        }
        holdMap.clear();
        holdMap.putAll(next);
        holds = view;
        if (after == before) {
            return null;
        }
        own = after;
        sequence = seq;
        Transition t = new Transition(scope, seq, Transition.Type.UP, before, after, cause, reason, view, clock.instant());
        last = t;
        announce(t, "up");
        return t;
    }

    /** Writes the record; false (logged, counted) if it could not be. Under the lock. */
    private boolean save(TradingState state, long seq, List<Hold> view) {
        StateStore s = store;
        if (s == null) {
            return true;
        }
        try {
            s.write(key, StateCodec.VERSION, StateCodec.encode(scope, state, seq, view));
            return true;
        } catch (Throwable e) { // a full disk, a closed store: the state in memory is still the safe one
            persistFailures.incrementAndGet();
            LOG.error("Trading state '{}': could not save it to {}: {}", clean(scope), s.directory(), clean(e.toString()));
            return false;
        }
    }

    /** Under the lock, so the journal and the alert see transitions in their order. */
    private void announce(Transition t, String action) {
        if (config.announceTransitions()) {
            announcer.journal(t, action, Map.of());
            announcer.alert(t, "Trading " + t.to() + " for " + scope + " (" + t.cause().id() + "): " + t.reason());
        } else if (t.to() == TradingState.ACTIVE) {
            announcer.alert(t, ""); // a restored halt's alert is resolved even when another component alerts
        }
        if (t.type() == Transition.Type.DOWN) {
            LOG.warn("Trading state '{}' {} -> {} by {}: {}", clean(scope), t.from(), t.to(), clean(t.cause().id()),
                    clean(t.reason()));
        } else {
            LOG.warn("Trading state '{}' {} -> {}, lifted by {}: {}", clean(scope), t.from(), t.to(),
                    clean(t.cause().id()), clean(t.reason()));
        }
    }

    /** Status event and listeners: after the lock, on the caller's thread. */
    private void publish(Transition t) {
        try {
            events.publish(announcer.event(t));
        } catch (Throwable e) {
            failed("a status event", e);
        }
        for (Listener l : listeners) {
            try {
                l.onTransition(t);
            } catch (Throwable e) { // user code: never into the trading thread
                listenerFailures.incrementAndGet();
                failed("a transition listener", e);
            }
        }
    }

    private void failed(String what, Throwable e) {
        if (throttle.tryAcquire(System.nanoTime())) {
            LOG.warn("Trading state '{}': {} failed ({} failures so far): {}", clean(scope), what,
                    listenerFailures.get(), clean(e.toString()));
        }
    }

    /** Reads the saved record at build: restored, fresh, or the safe state when it cannot be read. */
    private void restore() {
        StateStore s = store;
        if (s == null) {
            return;
        }
        StateRecord rec;
        String problem;
        try {
            rec = s.read(key);
            problem = rec.problem();
        } catch (Throwable e) {
            rec = null;
            problem = "the read failed: " + e;
        }
        if (rec != null && rec.status() == StateRecord.Status.ABSENT && journalledState != TradingState.ACTIVE) {
            failedRead(s, "ABSENT", "there is no saved record, but the journal's last transition (#" + journalledSequence
                    + ") left it " + journalledState);
            return;
        }
        if (rec != null && rec.status() == StateRecord.Status.ABSENT) {
            sequence = Math.max(0, journalledSequence); // numbering goes on from the journal's
            LOG.info("Trading state '{}': no saved state in {}; a fresh start in ACTIVE", clean(scope), s.directory());
            return;
        }
        if (rec != null && rec.status() == StateRecord.Status.OK) {
            if (rec.version() != StateCodec.VERSION) {
                problem = "unknown record version " + rec.version() + " (this version reads " + StateCodec.VERSION + ")";
            } else {
                try {
                    StateCodec.Saved saved = StateCodec.decode(scope, rec.payload());
                    if (saved.sequence() >= journalledSequence) {
                        restored(saved, rec.savedAt() == null ? clock.instant() : rec.savedAt());
                        return;
                    }
                    problem = "the saved record (#" + saved.sequence() + ", " + saved.state() + ") is older than the "
                            + "journal's last transition (#" + journalledSequence + ", " + journalledState
                            + "): replayed or restored from an old copy";
                    failedRead(s, "STALE", problem);
                    return;
                } catch (RuntimeException e) {
                    problem = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
        }
        failedRead(s, rec == null ? "UNREADABLE" : rec.status().name(), problem);
    }

    private void restored(StateCodec.Saved saved, Instant savedAt) {
        Transition t;
        synchronized (lock) {
            for (Hold h : saved.holds()) {
                holdMap.put(h.cause().id(), h);
            }
            holds = saved.holds();
            own = saved.state();
            sequence = saved.sequence();
            t = new Transition(scope, sequence, Transition.Type.RESTORED, TradingState.ACTIVE, saved.state(),
                    Cause.system("state-store"), "restored the state saved at " + savedAt, holds, clock.instant());
            last = t;
            announcer.journal(t, "restored", StateAnnouncer.restoredDetails(savedAt));
            if (saved.state() != TradingState.ACTIVE) {
                announcer.alert(t, "Trading still " + saved.state() + " for " + scope + " after a restart ("
                        + StateAnnouncer.holds(holds) + ")");
            }
        }
        LOG.warn("Trading state '{}': restored {} (held by {}, saved at {})", clean(scope), saved.state(),
                clean(StateAnnouncer.holds(saved.holds())), savedAt);
        publish(t);
    }

    private void failedRead(StateStore s, String status, String problem) {
        TradingState safe = journalledState.isSaferThan(config.failedReadState()) ? journalledState
                : config.failedReadState();
        long base = Math.max(0, journalledSequence); // later transitions number on from the journal's last
        String reason = "the saved trading state could not be read (" + status + ": " + problem + ")";
        Transition t;
        synchronized (lock) {
            Hold h = new Hold(Cause.system("state-record"), safe, reason, clock.instant());
            holdMap.put(h.cause().id(), h);
            holds = List.of(h);
            own = safe;
            sequence = base;
            t = new Transition(scope, base, Transition.Type.RESTORED, TradingState.ACTIVE, safe, h.cause(), reason, holds,
                    clock.instant());
            last = t;
            announcer.journal(t, "restore_failed", Map.of("record_status", status, "problem", problem));
            announcer.alert(t, "Trading " + safe + " for " + scope + ": " + reason);
        }
        LOG.error("Trading state '{}': the saved state in {} could not be read ({}: {}); starting in {} until an "
                + "operator lifts it", clean(scope), s.directory(), status, clean(problem), safe);
        publish(t);
    }

    /**
     * The safest level of the given holds.
     *
     * @param holds the holds
     * @return ACTIVE for none
     */
    static TradingState safest(Collection<Hold> holds) {
        TradingState s = TradingState.ACTIVE;
        for (Hold h : holds) {
            if (h.level().isSaferThan(s)) {
                s = h.level();
            }
        }
        return s;
    }

    /**
     * What this state publishes: one event per transition for the {@code trading-states}
     * section, with the scope as subject and the state as its state ({@code HALTED} events for
     * HALTED, {@code REARMED} for a lift to ACTIVE, {@code CHANGED} otherwise); the cause, reason
     * and holds are details. Listeners run on the thread that made the transition.
     *
     * @return the events
     */
    public StatusEventSource statusEvents() {
        return events;
    }

    /**
     * Registers {@code tradepulse.trading.state{scope}} (the effective state: 0 ACTIVE, 1
     * REDUCING, 2 HALTED), and the counters {@code tradepulse.trading.state.listener.failures{scope}}
     * and {@code tradepulse.trading.state.save.failures{scope}}.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        Gauge.builder("tradepulse.trading.state", this, s -> s.current().ordinal()).tag("scope", scope)
                .description("The trading state: 0 ACTIVE, 1 REDUCING, 2 HALTED").strongReference(true)
                .register(registry);
        FunctionCounter.builder("tradepulse.trading.state.listener.failures", listenerFailures, AtomicLong::get)
                .tag("scope", scope).description("Transition listeners that threw").register(registry);
        FunctionCounter.builder("tradepulse.trading.state.save.failures", persistFailures, AtomicLong::get)
                .tag("scope", scope).description("Trading states that could not be saved").register(registry);
    }

    /** @return how many times a transition listener threw */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** @return how many times the state could not be saved to its store */
    public long saveFailures() {
        return persistFailures.get();
    }

    /** @return the scope this state governs */
    public String scope() {
        return scope;
    }

    /** @return the key its record has in the store */
    public String stateKey() {
        return key;
    }

    /** @return its settings */
    public RiskStateConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "RiskState[" + scope + ", " + own + (account != null ? ", account " + account.scope() : "") + "]";
    }

    private static String clean(String text) {
        return StateAnnouncer.clean(text);
    }

    /** {@code risk-state.<scope>}, made a valid key; a hash of the scope is added when it had to be changed. */
    static String defaultKey(String scope) {
        String lower = scope.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lower.length() && b.length() < 44; i++) {
            char c = lower.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ? c : '-');
        }
        String cleaned = b.toString();
        if (!cleaned.equals(scope)) {
            byte[] h;
            try {
                h = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            cleaned = cleaned + "-" + HexFormat.of().formatHex(h, 0, 4);
        }
        return KEY_PREFIX + cleaned;
    }

    /** Configures a state. Not thread-safe: confine a builder to one thread. */
    public static final class Builder {
        private final String scope;
        private final ComplianceLogger audit;
        private final AlertDispatcher alerts;
        private RiskStateConfig config = RiskStateConfig.ofDefaults();
        private @Nullable RiskState account;
        private @Nullable StateStore store;
        private @Nullable String stateKey;
        private Clock clock = Clock.systemUTC();
        private final List<Listener> listeners = new ArrayList<>();
        private long journalledSequence = -1;
        private TradingState journalledState = TradingState.ACTIVE;

        private Builder(String scope, ComplianceLogger audit, AlertDispatcher alerts) {
            this.scope = Checks.notBlank(scope, "scope");
            this.audit = Checks.notNull(audit, "audit");
            this.alerts = Checks.notNull(alerts, "alerts");
        }

        /**
         * The settings; the default is {@link RiskStateConfig#ofDefaults()}.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(RiskStateConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * The account or portfolio this scope trades under: {@link RiskState#current()} is the
         * safer of the two.
         *
         * @param account the account's state
         * @return this builder
         * @throws NullPointerException if {@code account} is null
         */
        public Builder account(RiskState account) {
            this.account = Checks.notNull(account, "account");
            return this;
        }

        /**
         * Where the state survives restarts; none by default (every start is ACTIVE). The store is
         * the caller's: the state does not close it.
         *
         * @param store the store
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder stateStore(StateStore store) {
            this.store = Checks.notNull(store, "store");
            return this;
        }

        /**
         * The key of its record in the store; by default {@code risk-state.<scope>} (a scope that
         * is not a valid key is lower-cased, its other characters replaced, and a hash added).
         *
         * @param key 1 to 64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalArgumentException if {@code key} is not a valid key
         */
        public Builder stateKey(String key) {
            Checks.notNull(key, "key");
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("key must be 1 to 64 characters of a-z 0-9 . _ - starting with a"
                        + " letter or digit, but was \"" + clean(key) + "\"");
            }
            this.stateKey = key;
            return this;
        }

        /**
         * The clock of holds and transitions; the default is the system UTC clock.
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
         * The last transition the audit journal recorded for this scope (its {@code sequence}
         * and {@code to}), read at start by whoever owns the journal. The state store is only
         * checksummed, the journal is authenticated: a saved record older than this transition
         * (replayed, or restored from an old backup), or missing while the journal says REDUCING
         * or HALTED, is not trusted, and the state starts in the safer of the journal's state and
         * {@link RiskStateConfig#failedReadState()}, until an operator lifts it.
         *
         * @param sequence the transition's sequence, {@code >= 0}
         * @param state the state it moved to
         * @return this builder
         * @throws NullPointerException if {@code state} is null
         * @throws IllegalArgumentException if {@code sequence} is negative
         */
        public Builder journalled(long sequence, TradingState state) {
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence must be >= 0, but was " + sequence);
            }
            this.journalledState = Checks.notNull(state, "state");
            this.journalledSequence = sequence;
            return this;
        }

        /**
         * Adds a listener for every transition, from the one restored at build on.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(Listener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the state and, with a store, restores what it saved (see the class description).
         *
         * @return the state, live
         */
        public RiskState build() {
            RiskState s = new RiskState(this);
            s.restore();
            return s;
        }
    }
}
