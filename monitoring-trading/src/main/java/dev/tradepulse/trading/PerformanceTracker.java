package dev.tradepulse.trading;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * Trading performance for one strategy, account or agent, updated in O(1) per trade and per
 * equity snapshot (Welford's running moments, a running peak), with a rolling VaR window kept
 * sorted so it is never re-sorted. Readers take an optimistic snapshot and never block writers;
 * writers allocate nothing in steady state.
 *
 * <p>Conventions (empyrical's, see {@code docs/metrics.md}): daily returns come from the last
 * equity of each day in the tracker's zone, and days without a snapshot count as unchanged;
 * volatility and Sharpe use the sample standard deviation (ddof 1); Sortino's downside deviation
 * is the root mean square of the negative returns over all N days; CAGR uses N / periods-per-year
 * years; the risk-free rate is annual, divided evenly across periods.
 *
 * <p>Settings live in a {@link PerformanceTrackerConfig}; the tracker's meters are bound with
 * {@link #bindTo(MeterRegistry)} (it is a Micrometer {@link MeterBinder}). It owns no thread, file
 * or socket, so it needs no closing: {@link Builder#build()} returns it ready.
 *
 * <p><b>State that survives a restart.</b> Built with {@link Builder#stateStore(StateStore)}, the
 * tracker restores at {@link Builder#build()} what it saved last: today's opening equity (the
 * daily-loss baseline), the peak and drawdowns, the trade statistics and tape, the daily returns and
 * VaR window, the equity curve, the open positions and the last decision. It never writes from
 * {@link #recordTrade} or {@link #recordEquity} (they stay allocation-free); the runtime calls
 * {@link #saveState()} from a background thread every few seconds, at once when
 * {@link #baselineUnsaved()} says the day's baseline moved, and at close. A SIGKILL loses at most
 * what changed since the last acknowledged save (the trades, snapshots and positions of that
 * interval); a saved baseline is never lost. A kill after a day rolled but before the next save
 * rolls the day again at the first snapshot after the restart, from the last saved equity (older
 * than the true close by at most one interval: save promptly when {@link #baselineUnsaved()}). A
 * restart on a later day uses the saved last equity as yesterday's close, as if the process had
 * lived. A record that is damaged, unreadable,
 * of an unknown version or another strategy's is logged at ERROR, reported by
 * {@link #restoreResult()} and {@link #restoreProblem()}, and the tracker starts empty with
 * {@link #dailyBudgetLost()} true: today's loss budget counts as spent (see
 * {@link TrackerStateRules#stateLostHalt}) until a day closes under this tracker's own watch.
 *
 * <p>Thread-safe: any number of threads may record and read at once. Writers take a short write
 * lock; {@link #snapshot()} reads optimistically and never blocks a writer; the position book is
 * a concurrent map of its own. {@link #saveState()} copies the state optimistically too (falling
 * back to a read lock after a few racing writes) and does its I/O outside the lock.
 */
public final class PerformanceTracker implements MeterBinder {

    private final String strategy;
    private final PerformanceTrackerConfig config;
    private final Clock clock;
    private final double periodsPerYear;
    private final double riskFreePerPeriod;
    private final StampedLock lock = new StampedLock();
    private final PositionBook positions = new PositionBook();
    private final EquityHistory history;
    private final TradeTape tape;
    private final TradeCounts counts = new TradeCounts();
    private final StatusEventPublisher events = new StatusEventPublisher();
    private final DailyReturns daily;
    private final EquityDays days;
    private volatile @Nullable Instant lastDecision;
    private final @Nullable TrackerPersistence persistence;
    private final TrackerRestore restore;
    /** Bumped by every change to saved state, under the write lock. */
    private long generation;
    /** The generation at which today's baseline (opening equity) was last set, under the write lock. */
    private long baselineGeneration;
    private volatile boolean budgetLost;

    private PerformanceTracker(Builder b) {
        PerformanceTrackerConfig c = b.config;
        this.strategy = b.strategy;
        this.config = c;
        this.clock = b.clock;
        this.periodsPerYear = c.periodsPerYear();
        this.riskFreePerPeriod = c.riskFreeRate() / c.periodsPerYear();
        this.history = new EquityHistory(c.curvePoints(), c.curveResolution().toSeconds());
        this.tape = new TradeTape(c.tradeTape());
        this.daily = new DailyReturns(c.varWindow());
        this.days = new EquityDays(c.zone().getRules(), daily);
        StateStore store = b.store;
        if (store == null) {
            this.persistence = null;
            this.restore = new TrackerRestore(TrackerRestore.Outcome.NOT_PERSISTED, "", null, "");
            return;
        }
        TrackerPersistence p = new TrackerPersistence(store, strategy);
        this.persistence = p;
        TrackerPersistence.Loaded loaded = p.load();
        this.restore = loaded.restore();
        TrackerImage image = loaded.image();
        long stamp = lock.writeLock();
        try {
            if (image != null) {
                apply(image);
            } else if (restore.outcome() == TrackerRestore.Outcome.LOST) {
                budgetLost = true;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Restores a checked image into the fresh parts; runs in the constructor under the write lock. */
    private void apply(TrackerImage image) {
        days.restoreFrom(image, image.zone.equals(config.zone().getId()));
        daily.restoreFrom(image);
        counts.restoreFrom(image);
        tape.restoreFrom(image);
        history.restoreFrom(image);
        for (Position position : image.positions) {
            positions.put(position);
        }
        lastDecision = image.lastDecision;
        budgetLost = image.budgetLost;
    }

    /**
     * Starts a tracker.
     *
     * @param strategy the strategy's name, the {@code strategy} tag of its gauges
     * @return a builder
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalArgumentException if {@code strategy} is blank
     */
    public static Builder builder(String strategy) {
        return new Builder(strategy);
    }

    /** @return the strategy's name */
    public String strategy() {
        return strategy;
    }

    /** @return the tracker's settings */
    public PerformanceTrackerConfig config() {
        return config;
    }

    /**
     * Records a closed trade.
     *
     * @param trade the trade
     * @throws NullPointerException if {@code trade} is null
     */
    public void recordTrade(Trade trade) {
        Checks.notNull(trade, "trade");
        long stamp = lock.writeLock();
        try {
            double pnl = trade.realizedPnl();
            tape.add(trade.closedAt().getEpochSecond(), pnl);
            counts.add(pnl);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
        if (events.hasListeners()) { // builds nothing, allocates nothing, when nobody listens
            events.publish(StrategyEvents.trade(strategy, trade));
        }
    }

    /**
     * Records the account's equity at a moment; snapshots must come in time order.
     *
     * @param at when
     * @param value the equity, positive
     * @throws NullPointerException if {@code at} is null
     * @throws IllegalArgumentException for a non-positive or non-finite value, or a snapshot older than the last
     */
    public void recordEquity(Instant at, double value) {
        Checks.notNull(at, "at");
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a positive finite equity, got " + value);
        }
        long stamp = lock.writeLock();
        try {
            if (days.isBeforeLast(at)) {
                throw new IllegalArgumentException("equity snapshots must come in time order: " + at + " is before "
                        + days.lastAt());
            }
            boolean wasStarted = days.started;
            long dayBefore = days.day();
            days.record(at, value);
            history.sample(at.getEpochSecond(), value);
            history.point(at.getEpochSecond(), value);
            generation++;
            if (!wasStarted || days.day() != dayBefore) { // the first snapshot, or a day closed: a new baseline
                baselineGeneration = generation;
                if (wasStarted && budgetLost) {
                    budgetLost = false; // a day closed under this tracker's watch: its close is a known baseline
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        if (events.hasListeners()) { // builds nothing, allocates nothing, when nobody listens
            events.publish(StrategyEvents.account(strategy, at));
        }
    }

    /**
     * Records or replaces the open position in a symbol, marked to market.
     *
     * @param position the position
     * @throws NullPointerException if {@code position} is null
     */
    public void updatePosition(Position position) {
        Checks.notNull(position, "position");
        long stamp = lock.writeLock();
        try {
            positions.put(position);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
        if (events.hasListeners()) { // builds nothing, allocates nothing, when nobody listens
            events.publish(StrategyEvents.positions(strategy, "position updated", clock.instant()));
        }
    }

    /**
     * Removes the position in a symbol (it closed; record the {@link Trade} too).
     *
     * @param symbol the instrument
     * @throws NullPointerException if {@code symbol} is null
     */
    public void closePosition(String symbol) {
        Checks.notNull(symbol, "symbol");
        long stamp = lock.writeLock();
        try {
            positions.remove(symbol);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
        if (events.hasListeners()) { // builds nothing, allocates nothing, when nobody listens
            events.publish(StrategyEvents.positions(strategy, "position closed", clock.instant()));
        }
    }

    /**
     * The open positions, by symbol.
     *
     * @return the positions
     */
    public List<Position> positions() {
        return positions.sorted();
    }

    /**
     * The open book against the latest equity: unrealised P&amp;L, leverage, concentration and
     * the nearest liquidation.
     *
     * @return the exposure
     */
    public Exposure exposure() {
        return positions.against(latestEquity());
    }

    /** The latest equity snapshot, NaN before the first; read without computing a whole snapshot. */
    private double latestEquity() {
        long stamp = lock.tryOptimisticRead();
        double value = days.started ? days.equity : Double.NaN;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                value = days.started ? days.equity : Double.NaN;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return value;
    }

    /**
     * The fall from the highest equity seen within {@code window} (in snapshot time) to the
     * latest equity, 0 to 1: "balance dropped 20% within an hour". Looks back at most 24 hours.
     *
     * @param window such as one hour
     * @return the drop, or 0 before any snapshot
     * @throws NullPointerException if {@code window} is null
     */
    public double dropWithin(Duration window) {
        Checks.notNull(window, "window");
        long stamp = lock.readLock();
        try {
            if (!days.started) {
                return 0;
            }
            double high = history.highSince(days.lastAtSecond, window.toSeconds());
            return Double.isNaN(high) || high <= 0 ? 0 : Math.max(0, (high - days.equity) / high);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The latest period closes (see {@link PerformanceTrackerConfig.Builder#equityCurve}) and the
     * current equity, oldest first.
     *
     * @return the equity curve
     */
    public List<Double> equityCurve() {
        long stamp = lock.readLock();
        try {
            return history.curve(days.equity, days.started);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Trades closed within [from, to), from the latest {@link PerformanceTrackerConfig#tradeTape()} trades.
     *
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @return the period's statistics
     * @throws NullPointerException if {@code from} or {@code to} is null
     */
    public PeriodStats tradesBetween(Instant from, Instant to) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        long stamp = lock.readLock();
        try {
            return tape.between(from.getEpochSecond(), to.getEpochSecond());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Records that the strategy made a decision now (by the tracker's clock), for the dead man's switch. */
    public void recordDecision() {
        Instant now = clock.instant();
        lastDecision = now;
        if (events.hasListeners()) { // builds nothing, allocates nothing, when nobody listens
            events.publish(StrategyEvents.decision(strategy, now));
        }
    }

    /**
     * What this tracker publishes, each with the strategy's name as subject: {@code TRADE} for
     * each recorded trade (its figures as details), {@code ACCOUNT} for each equity snapshot,
     * {@code POSITIONS} for each position change, {@code DECISION} for each recorded decision. Listeners run on the
     * recording thread; see {@link StatusEventPublisher}. With no listener, recording builds
     * no event.
     *
     * @return the events
     */
    public StatusEventSource statusEvents() {
        return events;
    }

    /**
     * When the strategy last decided, by the tracker's clock; null before the first decision.
     *
     * @return the instant, or null
     */
    public @Nullable Instant lastDecision() {
        return lastDecision;
    }

    /**
     * Progress against the configured targets ({@link PerformanceTrackerConfig#targets()}); empty without targets.
     *
     * @return one entry per set target
     */
    public List<Targets.Progress> targetProgress() {
        return config.targets().map(targets -> targets.progress(snapshot())).orElse(List.of());
    }

    /**
     * Every metric now. Never blocks a writer: it reads optimistically and retries.
     *
     * @return the snapshot
     */
    public PerformanceSnapshot snapshot() {
        long stamp = lock.tryOptimisticRead();
        PerformanceSnapshot s = read();
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                s = read();
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return s;
    }

    /** Reads primitives only, so that an optimistic read racing a writer cannot throw. */
    private PerformanceSnapshot read() {
        EquityDays d = days;
        long returns = daily.count;
        double mean = daily.mean;
        double sd = daily.sd();
        double annual = Math.sqrt(periodsPerYear);
        double sharpe = returns > 1 && sd > 0 ? (mean - riskFreePerPeriod) / sd * annual : Double.NaN;
        double downside = returns > 0 ? Math.sqrt(daily.downsideSquares / returns) : Double.NaN;
        double sortino = returns > 0 && downside > 0 ? mean * periodsPerYear / (downside * annual) : Double.NaN;
        double cumulative = d.haveClose ? d.prevClose / d.firstClose - 1 : 0;
        double cagr = returns > 0 ? Math.pow(1 + cumulative, periodsPerYear / returns) - 1 : Double.NaN;
        double maxDrawdown = d.maxDrawdown;
        double currentDd = d.started ? (d.peak - d.equity) / d.peak : 0;
        long ddSeconds = d.started && d.equity < d.peak ? d.lastAtSecond - d.peakAtSecond : 0;
        PerformanceSnapshot.Returns r = new PerformanceSnapshot.Returns(returns, cumulative, cagr,
                returns > 1 ? sd * annual : Double.NaN, sharpe, sortino,
                maxDrawdown > 0 ? cagr / maxDrawdown : Double.NaN);
        PerformanceSnapshot.Risk risk = new PerformanceSnapshot.Risk(currentDd, maxDrawdown, ddSeconds, daily.var95,
                daily.parametricVar95, daily.cvar95);
        return new PerformanceSnapshot(d.started ? d.equity : Double.NaN, d.started ? d.equity - d.dayOpen : 0, r, risk,
                counts.stats());
    }

    /**
     * The state record key of a strategy in a {@link StateStore}: {@code tracker.<strategy>} when the
     * name is already a valid key (lower-case {@code a-z 0-9 . _ -}, at most 56 characters);
     * otherwise the name lower-cased with every other character replaced by {@code -}, cut to 39
     * characters, then {@code -} and the first 16 hex digits of the SHA-256 of the exact name
     * ({@code "Momentum BTC/USDT"} becomes {@code tracker.momentum-btc-usdt-} and 16 hex digits), so
     * names that differ only in case or punctuation still get different records.
     *
     * @param strategy the strategy's name, as given to {@link #builder(String)}
     * @return the key, a valid {@link StateStore} key
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalArgumentException if {@code strategy} is blank
     */
    public static String stateKey(String strategy) {
        return TrackerPersistence.keyFor(Checks.notBlank(strategy, "strategy"));
    }

    /**
     * What the tracker found in its state store when it was built.
     *
     * @return the outcome; {@link TrackerRestore.Outcome#NOT_PERSISTED} without a store
     */
    public TrackerRestore restoreResult() {
        return restore;
    }

    /**
     * Why the saved state could not be restored, if it could not: a damaged, unreadable,
     * unknown-version or foreign record. Empty after a restore, a first start, or without a store.
     * The runtime halts the strategy when this is present (see {@link TrackerStateRules}).
     *
     * @return the problem in words, or empty
     */
    public Optional<String> restoreProblem() {
        return restore.lostBecause();
    }

    /**
     * Whether today's loss budget counts as spent because today's baseline is unknown: the saved
     * state was lost at build ({@link #restoreProblem()}), and no day has closed since under this
     * tracker's watch. It stays true across restarts (it is saved) until a snapshot on a later day
     * closes the day; then the baseline is that day's close and the budget is real again.
     *
     * @return true while the daily loss budget must be treated as spent
     */
    public boolean dailyBudgetLost() {
        return budgetLost;
    }

    /**
     * Writes the tracker's state to its store now, durably (see {@link StateStore#write}). Safe to call
     * from any thread while others record: the state is copied at one consistent moment (never a mix
     * of before and after a trade), and concurrent saves are serialised so that the newer copy is the
     * one on disk. Call it from a background scheduler, never from the trading thread: it does I/O
     * and an fsync.
     *
     * @throws IllegalStateException if the tracker has no state store, or the store is closed
     * @throws IOException if the record could not be made durable (the previous record is then intact),
     *     or the state does not fit in a record (more than 1 MiB, from tens of thousands of open positions)
     */
    public void saveState() throws IOException {
        TrackerPersistence p = persistence;
        if (p == null) {
            throw new IllegalStateException("tracker '" + strategy + "' has no state store: build it with "
                    + "stateStore(store) to save its state");
        }
        p.save(this::capture);
    }

    /**
     * A counter that changes with every change to the saved state (trades, equity snapshots,
     * positions), for a scheduler that saves only when something changed. Decisions alone do not
     * move it; the last decision time is saved with the next save.
     *
     * @return the generation, starting at 0 at build
     */
    public long stateGeneration() {
        long stamp = lock.tryOptimisticRead();
        long g = generation;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                g = generation;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return g;
    }

    /**
     * Whether the state changed since the last successful {@link #saveState()} (or since build).
     * Always false without a store.
     *
     * @return true if a save would write something new
     */
    public boolean stateDirty() {
        TrackerPersistence p = persistence;
        return p != null && stateGeneration() != p.savedGeneration();
    }

    /**
     * Whether today's baseline (the opening equity the daily loss is measured from) was set since the
     * last successful save: the first snapshot, or the first snapshot of a new day. A scheduler should
     * save at once rather than at its next interval. Always false without a store.
     *
     * @return true if the day's baseline is not yet on disk
     */
    public boolean baselineUnsaved() {
        TrackerPersistence p = persistence;
        if (p == null) {
            return false;
        }
        long stamp = lock.tryOptimisticRead();
        long b = baselineGeneration;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                b = baselineGeneration;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return b > p.savedGeneration();
    }

    /** Copies the state at one moment: optimistically (a racing writer means another try), then under the read lock. */
    private TrackerImage capture() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait();
                continue;
            }
            try {
                TrackerImage image = copy();
                if (lock.validate(stamp)) {
                    return image;
                }
            } catch (RuntimeException tornRead) {
                // a read racing a writer saw inconsistent indexes; the validation would have failed too
            }
        }
        long stamp = lock.readLock();
        try {
            return copy();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private TrackerImage copy() {
        TrackerImage image = new TrackerImage();
        image.strategy = strategy;
        image.zone = config.zone().getId();
        image.budgetLost = budgetLost;
        days.exportTo(image);
        daily.exportTo(image);
        counts.exportTo(image);
        tape.exportTo(image, TrackerPersistence.TAPE_LIMIT);
        history.exportTo(image);
        image.positions = positions.sorted();
        image.lastDecision = lastDecision;
        image.generation = generation;
        return image;
    }

    /**
     * Publishes the metrics as gauges tagged {@code strategy}: {@code trading.pnl.realized},
     * {@code trading.pnl.today}, {@code trading.equity}, {@code trading.return.cumulative},
     * {@code trading.drawdown.current}, {@code trading.drawdown.max}, {@code trading.win.rate},
     * {@code trading.profit.factor}, {@code trading.sharpe}, {@code trading.sortino},
     * {@code trading.calmar}, {@code trading.volatility}, {@code trading.var95},
     * {@code trading.trades}, {@code trading.pnl.unrealized}, {@code trading.pnl.total},
     * {@code trading.positions.open} and {@code trading.leverage}; with targets, also
     * {@code trading.target.progress} and {@code trading.target.met} (1 or 0) tagged {@code target}.
     * Each gauge reads the tracker when scraped; binding again to the same registry registers nothing
     * new (Micrometer notes the duplicate once in its log).
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        new TrackerGauges(this, config.targets().orElse(null)).bindTo(Checks.notNull(registry, "registry"));
    }

    @Override
    public String toString() {
        return "PerformanceTracker[" + strategy + "]";
    }

    /**
     * Configures a tracker: its settings ({@link #config}) and its clock. Not thread-safe:
     * confine a builder to one thread.
     */
    public static final class Builder {
        private final String strategy;
        private PerformanceTrackerConfig config = PerformanceTrackerConfig.ofDefaults();
        private Clock clock = Clock.systemUTC();
        private @Nullable StateStore store;

        private Builder(String strategy) {
            this.strategy = Checks.notBlank(strategy, "strategy");
        }

        /**
         * The settings; the default is {@link PerformanceTrackerConfig#ofDefaults()}.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(PerformanceTrackerConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * The clock for {@link PerformanceTracker#recordDecision()}; the default is the system clock.
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
         * Persists the tracker's state in {@code store} under {@link PerformanceTracker#stateKey(String)}:
         * {@link #build()} restores it, {@link PerformanceTracker#saveState()} writes it. The tracker
         * does not own the store (it does not close it); one tracker per strategy name and store.
         *
         * @param store the store, open
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder stateStore(StateStore store) {
            this.store = Checks.notNull(store, "store");
            return this;
        }

        /**
         * Builds the tracker, ready to record. It allocates its fixed-size history (VaR window,
         * equity curve, trade tape) here, once. With a {@link #stateStore(StateStore) state store}
         * it restores the saved state first (see {@link PerformanceTracker}); what it found is
         * {@link PerformanceTracker#restoreResult()}.
         *
         * @return the tracker
         * @throws IllegalStateException if the state store is closed
         */
        public PerformanceTracker build() {
            return new PerformanceTracker(this);
        }
    }
}
