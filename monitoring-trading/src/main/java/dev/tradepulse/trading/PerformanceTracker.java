package dev.tradepulse.trading;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
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
 */
public final class PerformanceTracker {

    private final String strategy;
    private final java.time.zone.ZoneRules rules;
    private final double periodsPerYear;
    private final double riskFreePerPeriod;
    private final StampedLock lock = new StampedLock();
    private final PositionBook positions = new PositionBook();
    private final EquityHistory history;
    private final TradeTape tape = new TradeTape(100_000);
    private final java.time.Clock clock;
    private volatile @Nullable Instant lastDecision;

    // trades
    private long trades;
    private long wins;
    private long losses;
    private double grossProfit;
    private double grossLoss;
    private double realizedPnl;
    private int winStreak;
    private int lossStreak;
    private int longestWinStreak;
    private int longestLossStreak;

    // equity and daily returns
    private boolean started;
    private double equity;
    /** The previous day's closing equity, once a day has closed. */
    private double prevClose;
    /** Today's opening equity: yesterday's close, or on the first day the first snapshot. */
    private double dayOpen;
    private double firstClose;
    private boolean haveClose;
    /** The current day, as days since the epoch in the tracker's zone. */
    private long day;
    private final DailyReturns daily;
    private final @Nullable Targets targets;
    private double peak;
    private @Nullable Instant peakAt;
    private @Nullable Instant lastAt;
    private double maxDrawdown;

    private PerformanceTracker(Builder b) {
        this.history = new EquityHistory(b.curvePoints, b.curveResolution.toSeconds());
        this.clock = b.clock;
        this.strategy = b.strategy;
        this.rules = b.zone.getRules();
        this.periodsPerYear = b.periodsPerYear;
        this.riskFreePerPeriod = b.riskFreeAnnual / b.periodsPerYear;
        this.daily = new DailyReturns(b.varWindow);
        this.targets = b.targets;
    }

    /**
     * Starts a tracker.
     *
     * @param strategy the strategy's name, the {@code strategy} tag of its gauges
     * @return a builder
     */
    public static Builder builder(String strategy) {
        return new Builder(strategy);
    }

    /** @return the strategy's name */
    public String strategy() {
        return strategy;
    }

    /**
     * Records a closed trade.
     *
     * @param trade the trade
     */
    public void recordTrade(Trade trade) {
        Objects.requireNonNull(trade, "trade must not be null");
        long stamp = lock.writeLock();
        try {
            trades++;
            double pnl = trade.realizedPnl();
            tape.add(trade.closedAt().getEpochSecond(), pnl);
            realizedPnl += pnl;
            if (pnl > 0) {
                wins++;
                grossProfit += pnl;
                winStreak++;
                lossStreak = 0;
                longestWinStreak = Math.max(longestWinStreak, winStreak);
            } else if (pnl < 0) {
                losses++;
                grossLoss += pnl;
                lossStreak++;
                winStreak = 0;
                longestLossStreak = Math.max(longestLossStreak, lossStreak);
            } else {
                winStreak = 0;
                lossStreak = 0;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Records the account's equity at a moment; snapshots must come in time order.
     *
     * @param at when
     * @param value the equity, positive
     * @throws IllegalArgumentException for a non-positive value or a snapshot older than the last
     */
    public void recordEquity(Instant at, double value) {
        Objects.requireNonNull(at, "at must not be null");
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a positive finite equity, got " + value);
        }
        long stamp = lock.writeLock();
        try {
            if (started && at.isBefore(lastAt)) {
                throw new IllegalArgumentException("equity snapshots must come in time order: " + at + " is before "
                        + lastAt);
            }
            // Day number without allocating a LocalDate: the zone's rules hand back cached offsets.
            long today = Math.floorDiv(at.getEpochSecond() + rules.getOffset(at).getTotalSeconds(), 86_400L);
            if (!started) {
                started = true;
                day = today;
                dayOpen = value;
                peak = value;
                peakAt = at;
            } else if (today > day) {
                // Close the day: its return is close over the previous close; the first day has none.
                if (haveClose) {
                    daily.add(equity / prevClose - 1);
                } else {
                    firstClose = equity;
                    haveClose = true;
                }
                prevClose = equity;
                dayOpen = equity;
                // Days with no snapshot: the equity did not change (forward fill).
                for (long d = day + 1; d < today; d++) {
                    daily.add(0);
                }
                day = today;
            }
            equity = value;
            lastAt = at;
            history.sample(at.getEpochSecond(), value);
            history.point(at.getEpochSecond(), value);
            if (value >= peak) {
                peak = value;
                peakAt = at;
            }
            maxDrawdown = Math.max(maxDrawdown, (peak - value) / peak);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Records or replaces the open position in a symbol, marked to market.
     *
     * @param position the position
     */
    public void updatePosition(Position position) {
        Objects.requireNonNull(position, "position must not be null");
        positions.put(position);
    }

    /**
     * Removes the position in a symbol (it closed; record the {@link Trade} too).
     *
     * @param symbol the instrument
     */
    public void closePosition(String symbol) {
        positions.remove(Objects.requireNonNull(symbol, "symbol must not be null"));
    }

    /**
     * The open positions, by symbol.
     *
     * @return the positions
     */
    public java.util.List<Position> positions() {
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
        double value = started ? equity : Double.NaN;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                value = started ? equity : Double.NaN;
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
     */
    public double dropWithin(java.time.Duration window) {
        Objects.requireNonNull(window, "window must not be null");
        long stamp = lock.readLock();
        try {
            Instant last = lastAt; // set with the first equity point, as started is
            if (!started || last == null) {
                return 0;
            }
            double high = history.highSince(last.getEpochSecond(), window.toSeconds());
            return Double.isNaN(high) || high <= 0 ? 0 : Math.max(0, (high - equity) / high);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The latest period closes (see {@link Builder#equityCurve}) and the current equity, oldest first.
     *
     * @return the equity curve
     */
    public java.util.List<Double> equityCurve() {
        long stamp = lock.readLock();
        try {
            return history.curve(equity, started);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Trades closed within [from, to), from the latest 100,000 trades.
     *
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @return the period's statistics
     */
    public PeriodStats tradesBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        long stamp = lock.readLock();
        try {
            return tape.between(from.getEpochSecond(), to.getEpochSecond());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Records that the strategy made a decision now (by the tracker's clock), for the dead man's switch. */
    public void recordDecision() {
        lastDecision = clock.instant();
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
     * Progress against the configured targets ({@link Builder#targets}); empty without targets.
     *
     * @return one entry per set target
     */
    public java.util.List<Targets.Progress> targetProgress() {
        return targets == null ? java.util.List.of() : targets.progress(snapshot());
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

    private PerformanceSnapshot read() {
        long returns = daily.count;
        double mean = daily.mean;
        double sd = daily.sd();
        double annual = Math.sqrt(periodsPerYear);
        double sharpe = returns > 1 && sd > 0 ? (mean - riskFreePerPeriod) / sd * annual : Double.NaN;
        double downside = returns > 0 ? Math.sqrt(daily.downsideSquares / returns) : Double.NaN;
        double sortino = returns > 0 && downside > 0 ? mean * periodsPerYear / (downside * annual) : Double.NaN;
        double cumulative = haveClose ? prevClose / firstClose - 1 : 0;
        double cagr = returns > 0 ? Math.pow(1 + cumulative, periodsPerYear / returns) - 1 : Double.NaN;
        double currentDd = started ? (peak - equity) / peak : 0;
        long ddSeconds = started && equity < peak && lastAt != null && peakAt != null
                ? lastAt.getEpochSecond() - peakAt.getEpochSecond() : 0;
        double avgWin = wins > 0 ? grossProfit / wins : Double.NaN;
        double avgLoss = losses > 0 ? grossLoss / losses : Double.NaN;
        return new PerformanceSnapshot(trades, wins, losses, realizedPnl, started ? equity : Double.NaN,
                started ? equity - dayOpen : 0, cumulative, cagr, returns > 1 ? sd * annual : Double.NaN, sharpe,
                sortino, maxDrawdown > 0 ? cagr / maxDrawdown : Double.NaN, currentDd, maxDrawdown, ddSeconds,
                daily.var95, daily.parametricVar95, daily.cvar95, trades > 0 ? (double) wins / trades : Double.NaN,
                losses > 0 ? grossProfit / -grossLoss : wins > 0 ? Double.POSITIVE_INFINITY : Double.NaN,
                wins > 0 && losses > 0 ? avgWin / -avgLoss : Double.NaN, trades > 0 ? realizedPnl / trades : Double.NaN,
                longestWinStreak, longestLossStreak, returns);
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
     *
     * @param registry the registry
     * @return this tracker
     */
    public PerformanceTracker bindTo(MeterRegistry registry) {
        TrackerGauges.bind(this, targets, Objects.requireNonNull(registry, "registry must not be null"));
        return this;
    }

    @Override
    public String toString() {
        return "PerformanceTracker[" + strategy + "]";
    }

    /** Configures a tracker. */
    public static final class Builder {
        private final String strategy;
        private ZoneId zone = ZoneId.of("UTC");
        private double periodsPerYear = 252;
        private double riskFreeAnnual;
        private int varWindow = 252;
        private int curvePoints = 90;
        private java.time.Duration curveResolution = java.time.Duration.ofDays(1);
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private @Nullable Targets targets;

        private Builder(String strategy) {
            Objects.requireNonNull(strategy, "strategy must not be null");
            if (strategy.isBlank()) {
                throw new IllegalArgumentException("strategy must not be blank");
            }
            this.strategy = strategy;
        }

        /**
         * Where days begin, for daily returns and today's P&amp;L; the default is UTC.
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone must not be null");
            return this;
        }

        /**
         * Periods per year for annualising: 252 for equities (the default), 365 for crypto.
         *
         * @param periods positive
         * @return this builder
         */
        public Builder periodsPerYear(double periods) {
            if (!(periods > 0)) {
                throw new IllegalArgumentException("periods must be positive, got " + periods);
            }
            this.periodsPerYear = periods;
            return this;
        }

        /**
         * The annual risk-free rate for Sharpe; the default is 0.
         *
         * @param rate such as 0.04
         * @return this builder
         */
        public Builder riskFreeRate(double rate) {
            if (!Double.isFinite(rate)) {
                throw new IllegalArgumentException("rate must be a finite number, got " + rate);
            }
            this.riskFreeAnnual = rate;
            return this;
        }

        /**
         * How many recent daily returns VaR looks at; the default is 252.
         *
         * @param days at least 20
         * @return this builder
         */
        public Builder varWindow(int days) {
            if (days < 20) {
                throw new IllegalArgumentException("days must be at least 20, got " + days);
            }
            this.varWindow = days;
            return this;
        }

        /**
         * The equity curve for status pages: how many points {@link PerformanceTracker#equityCurve()}
         * keeps (default 90) and the period each point closes (default one day, on UTC boundaries).
         *
         * @param points 1 to 3,650
         * @param resolution at least one second
         * @return this builder
         */
        public Builder equityCurve(int points, java.time.Duration resolution) {
            if (points < 1 || points > 3_650) {
                throw new IllegalArgumentException("points must be between 1 and 3650, got " + points);
            }
            Objects.requireNonNull(resolution, "resolution must not be null");
            if (resolution.toSeconds() < 1) {
                throw new IllegalArgumentException("resolution must be at least one second, got " + resolution);
            }
            this.curvePoints = points;
            this.curveResolution = resolution;
            return this;
        }

        /**
         * The clock for {@link PerformanceTracker#recordDecision()}; the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Targets to report progress against, such as {@link Targets#seeds()}; none by default.
         *
         * @param targets the targets
         * @return this builder
         */
        public Builder targets(Targets targets) {
            this.targets = Objects.requireNonNull(targets, "targets must not be null");
            return this;
        }

        /**
         * Builds the tracker.
         *
         * @return the tracker
         */
        public PerformanceTracker build() {
            return new PerformanceTracker(this);
        }
    }
}
