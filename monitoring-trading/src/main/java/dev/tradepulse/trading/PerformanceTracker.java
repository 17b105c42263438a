package dev.tradepulse.trading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.ToDoubleFunction;

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

    private static final double Z95 = 1.6448536269514722;

    private final String strategy;
    private final java.time.zone.ZoneRules rules;
    private final double periodsPerYear;
    private final double riskFreePerPeriod;
    private final StampedLock lock = new StampedLock();
    private final PositionBook positions = new PositionBook();
    private final EquityHistory history;
    private final TradeTape tape = new TradeTape(100_000);
    private final java.time.Clock clock;
    private volatile Instant lastDecision;

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
    private long returns;
    private double mean;
    private double m2;
    private double downsideSquares;
    private double peak;
    private Instant peakAt;
    private Instant lastAt;
    private double maxDrawdown;

    // rolling window of daily returns for VaR: arrival order and sorted order
    private final double[] window;
    private final double[] sorted;
    private int windowSize;
    private int windowHead;
    private double var95 = Double.NaN;
    private double parametricVar95 = Double.NaN;
    private double cvar95 = Double.NaN;

    private PerformanceTracker(Builder b) {
        this.history = new EquityHistory(b.curvePoints, b.curveResolution.toSeconds());
        this.clock = b.clock;
        this.strategy = b.strategy;
        this.rules = b.zone.getRules();
        this.periodsPerYear = b.periodsPerYear;
        this.riskFreePerPeriod = b.riskFreeAnnual / b.periodsPerYear;
        this.window = new double[b.varWindow];
        this.sorted = new double[b.varWindow];
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
                    addReturn(equity / prevClose - 1);
                } else {
                    firstClose = equity;
                    haveClose = true;
                }
                prevClose = equity;
                dayOpen = equity;
                // Days with no snapshot: the equity did not change (forward fill).
                for (long d = day + 1; d < today; d++) {
                    addReturn(0);
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
            if (!started) {
                return 0;
            }
            double high = history.highSince(lastAt.getEpochSecond(), window.toSeconds());
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
    public Instant lastDecision() {
        return lastDecision;
    }

    private void addReturn(double r) {
        returns++;
        double delta = r - mean;
        mean += delta / returns;
        m2 += delta * (r - mean);
        if (r < 0) {
            downsideSquares += r * r;
        }
        addToWindow(r);
    }

    /** Slides the VaR window by one return and recomputes VaR and CVaR, once per closed day. */
    private void addToWindow(double r) {
        int capacity = window.length;
        if (windowSize == capacity) {
            double oldest = window[windowHead];
            int at = Arrays.binarySearch(sorted, 0, windowSize, oldest);
            System.arraycopy(sorted, at + 1, sorted, at, windowSize - at - 1);
            windowSize--;
        }
        window[windowHead] = r;
        windowHead = (windowHead + 1) % capacity;
        int insert = Arrays.binarySearch(sorted, 0, windowSize, r);
        if (insert < 0) {
            insert = -insert - 1;
        }
        System.arraycopy(sorted, insert, sorted, insert + 1, windowSize - insert);
        sorted[insert] = r;
        windowSize++;
        var95 = percentile(0.05);
        int cutoff = (int) ((windowSize - 1) * 0.05);
        double tail = 0;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < windowSize; i++) {
            if (i <= cutoff) {
                tail += sorted[i];
            }
            sum += sorted[i];
            squares += sorted[i] * sorted[i];
        }
        cvar95 = tail / (cutoff + 1);
        if (windowSize > 1) {
            double m = sum / windowSize;
            double sd = Math.sqrt(Math.max(0, (squares - windowSize * m * m) / (windowSize - 1)));
            parametricVar95 = m - Z95 * sd;
        }
    }

    /** Linear-interpolated percentile of the sorted window, as numpy's default. */
    private double percentile(double p) {
        double pos = p * (windowSize - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, windowSize - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
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
        double sd = returns > 1 ? Math.sqrt(m2 / (returns - 1)) : Double.NaN;
        double annual = Math.sqrt(periodsPerYear);
        double sharpe = returns > 1 && sd > 0 ? (mean - riskFreePerPeriod) / sd * annual : Double.NaN;
        double downside = returns > 0 ? Math.sqrt(downsideSquares / returns) : Double.NaN;
        double sortino = returns > 0 && downside > 0 ? mean * periodsPerYear / (downside * annual) : Double.NaN;
        double cumulative = haveClose ? prevClose / firstClose - 1 : 0;
        double cagr = returns > 0 ? Math.pow(1 + cumulative, periodsPerYear / returns) - 1 : Double.NaN;
        double currentDd = started ? (peak - equity) / peak : 0;
        long ddSeconds = started && equity < peak ? lastAt.getEpochSecond() - peakAt.getEpochSecond() : 0;
        double avgWin = wins > 0 ? grossProfit / wins : Double.NaN;
        double avgLoss = losses > 0 ? grossLoss / losses : Double.NaN;
        return new PerformanceSnapshot(trades, wins, losses, realizedPnl, started ? equity : Double.NaN,
                started ? equity - dayOpen : 0, cumulative, cagr, returns > 1 ? sd * annual : Double.NaN, sharpe,
                sortino, maxDrawdown > 0 ? cagr / maxDrawdown : Double.NaN, currentDd, maxDrawdown, ddSeconds,
                var95, parametricVar95, cvar95, trades > 0 ? (double) wins / trades : Double.NaN,
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
     * {@code trading.positions.open} and {@code trading.leverage}.
     *
     * @param registry the registry
     * @return this tracker
     */
    public PerformanceTracker bindTo(MeterRegistry registry) {
        gauge(registry, "trading.pnl.realized", PerformanceSnapshot::realizedPnl);
        gauge(registry, "trading.pnl.today", PerformanceSnapshot::pnlToday);
        gauge(registry, "trading.equity", PerformanceSnapshot::equity);
        gauge(registry, "trading.return.cumulative", PerformanceSnapshot::cumulativeReturn);
        gauge(registry, "trading.drawdown.current", PerformanceSnapshot::currentDrawdown);
        gauge(registry, "trading.drawdown.max", PerformanceSnapshot::maxDrawdown);
        gauge(registry, "trading.win.rate", PerformanceSnapshot::winRate);
        gauge(registry, "trading.profit.factor", PerformanceSnapshot::profitFactor);
        gauge(registry, "trading.sharpe", PerformanceSnapshot::sharpe);
        gauge(registry, "trading.sortino", PerformanceSnapshot::sortino);
        gauge(registry, "trading.calmar", PerformanceSnapshot::calmar);
        gauge(registry, "trading.volatility", PerformanceSnapshot::volatility);
        gauge(registry, "trading.var95", PerformanceSnapshot::var95);
        gauge(registry, "trading.trades", s -> s.trades());
        exposureGauge(registry, "trading.pnl.unrealized", Exposure::unrealizedPnl);
        exposureGauge(registry, "trading.positions.open", Exposure::openPositions);
        exposureGauge(registry, "trading.leverage", Exposure::leverage);
        Gauge.builder("trading.pnl.total", this, t -> t.snapshot().realizedPnl() + t.exposure().unrealizedPnl())
                .tag("strategy", strategy).strongReference(true).register(registry);
        return this;
    }

    private void exposureGauge(MeterRegistry registry, String name, ToDoubleFunction<Exposure> value) {
        Gauge.builder(name, this, t -> value.applyAsDouble(t.exposure())).tag("strategy", strategy)
                .strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, ToDoubleFunction<PerformanceSnapshot> value) {
        Gauge.builder(name, this, t -> value.applyAsDouble(t.snapshot())).tag("strategy", strategy)
                .strongReference(true).register(registry);
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
         * Builds the tracker.
         *
         * @return the tracker
         */
        public PerformanceTracker build() {
            return new PerformanceTracker(this);
        }
    }
}
