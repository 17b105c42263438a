package dev.tradepulse.trading;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.status.StatusEventPublisher;
import dev.tradepulse.api.status.StatusEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * <p>Thread-safe: any number of threads may record and read at once. Writers take a short write
 * lock; {@link #snapshot()} reads optimistically and never blocks a writer; the position book is
 * a concurrent map of its own.
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
            days.record(at, value);
            history.sample(at.getEpochSecond(), value);
            history.point(at.getEpochSecond(), value);
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
        positions.put(Checks.notNull(position, "position"));
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
        positions.remove(Checks.notNull(symbol, "symbol"));
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
         * Builds the tracker, ready to record. It allocates its fixed-size history (VaR window,
         * equity curve, trade tape) here, once.
         *
         * @return the tracker
         */
        public PerformanceTracker build() {
            return new PerformanceTracker(this);
        }
    }
}
