package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation: compares what the exchange reports (fetched by the bot's {@link Source}) with
 * TradePulse's own book ({@link PerformanceTracker#positions()} and the latest equity, and the
 * bot's balances and open orders if it supplies them) within the {@link ReconciliationConfig} tolerances.
 *
 * <ul>
 *   <li><b>Drift</b> ({@link ReconciliationResult.Outcome#DRIFTED}): the health result is UNHEALTHY
 *       when a position drifted (unknown exposure), DEGRADED when only equity, balances or open orders did,
 *       naming the drifted fields. After {@link ReconciliationConfig#confirmations()} drifted runs
 *       in a row, a HIGH alert ({@code risk.reconciliation:<strategy>}) fires and the target is
 *       lowered to {@link TradingState#REDUCING} with the cause {@value #CAUSE}.</li>
 *   <li><b>Match</b>: the alert resolves, and if {@link ReconciliationConfig#recoverWhenMatched()}
 *       the cause is lifted.</li>
 *   <li><b>Cannot reconcile</b> (the fetch failed, timed out, returned null or a book that does
 *       not validate, or is still running from the last run): a distinct outcome. Nothing is lifted
 *       and no drift is cleared; the health result is at least DEGRADED and keeps the last drift;
 *       a MEDIUM alert ({@code risk.reconciliation.unavailable:<strategy>}) fires until a fetch
 *       works again.</li>
 * </ul>
 *
 * <p>Run it as a health check ({@code health.register("reconciliation", reconciliation,
 * CheckOptions.builder().refreshEvery(Duration.ofSeconds(30)).build())}), or call
 * {@link #reconcile()} on the bot's own schedule.
 *
 * <p>Secrets: the fetch's exception is reported by its class name only (an exchange client's
 * message may hold a signed URL); results and alerts carry symbols and numbers.
 *
 * <p>Lifecycle: {@link Builder#build()} creates the fetch thread ({@code tradepulse-reconcile-n},
 * a daemon, started on the first run). {@link #close()} stops it within a second; idempotent, never
 * throws. Thread-safe: runs are serialised, so a second caller waits at most the fetch timeout.
 */
public final class Reconciliation implements HealthCheck, AutoCloseable {

    /** The cause under which a drift lowers the target. */
    public static final String CAUSE = "reconciliation";

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);
    private static final int MAX_LISTED = 10;

    /**
     * The bot's fetch of the exchange's book, such as Binance's {@code /fapi/v3/account} and
     * {@code /fapi/v1/openOrders} mapped to an {@link ExchangeBook}. It runs on the reconciliation's
     * own thread, bounded by {@link ReconciliationConfig#fetchTimeout()}, and should answer an
     * interrupt. Whatever it throws counts as "cannot reconcile". Threads: called on the fetch
     * thread, one call at a time; a call that overran its timeout may still be running when the
     * next run starts (which then reports "still running" without calling again).
     */
    @FunctionalInterface
    public interface Source {
        /**
         * Fetches the exchange's book.
         *
         * @return the book
         * @throws Exception any failure
         */
        ExchangeBook fetch() throws Exception;
    }

    private final PerformanceTracker tracker;
    private final RiskTarget target;
    private final AlertDispatcher dispatcher;
    private final Source source;
    private final @Nullable Supplier<Map<String, Integer>> ourOpenOrders;
    private final @Nullable Supplier<Map<String, Double>> ourBalances;
    private final Clock clock;
    private final ReconciliationConfig config;
    private final BoundedFetch fetch = new BoundedFetch("reconcile");
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final String driftKey;
    private final String unavailableKey;

    // guarded by this
    private @Nullable ReconciliationResult last;
    private @Nullable ReconciliationResult lastCompared;
    private int driftStreak;
    private boolean lowered;
    private long failedFetches;
    private long consecutiveFailures;

    private Reconciliation(Builder b, Source source) {
        this.tracker = b.tracker;
        this.target = b.target;
        this.dispatcher = b.dispatcher;
        this.source = source;
        this.ourOpenOrders = b.ourOpenOrders;
        this.ourBalances = b.ourBalances;
        this.clock = b.clock;
        this.config = b.config;
        this.driftKey = "risk.reconciliation:" + tracker.strategy();
        this.unavailableKey = "risk.reconciliation.unavailable:" + tracker.strategy();
    }

    /**
     * Starts a reconciliation of one strategy's book.
     *
     * @param tracker TradePulse's book of the strategy
     * @param target what a drift lowers, such as the strategy's trading state
     * @param dispatcher where the drift and "cannot reconcile" alerts go
     * @return a builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(PerformanceTracker tracker, RiskTarget target, AlertDispatcher dispatcher) {
        return new Builder(Checks.notNull(tracker, "tracker"), Checks.notNull(target, "target"),
                Checks.notNull(dispatcher, "dispatcher"));
    }

    /** @return the settings */
    public ReconciliationConfig config() {
        return config;
    }

    /** @return the last run's result, if there was one */
    public synchronized Optional<ReconciliationResult> lastResult() {
        return Optional.ofNullable(last);
    }

    /** @return how many fetches failed, timed out or were refused, since the start */
    public synchronized long failedFetches() {
        return failedFetches;
    }

    /**
     * Fetches the exchange's book and compares it with TradePulse's, acting as the class
     * description says. Never throws.
     *
     * @return what the run found
     */
    public synchronized ReconciliationResult reconcile() {
        BoundedFetch.Fetched<ExchangeBook> fetched = fetch.call(source::fetch, config.fetchTimeout());
        ExchangeBook theirs = fetched.value();
        if (theirs == null) {
            return cannotReconcile(fetched.problem() == null ? "no book" : fetched.problem());
        }
        List<ReconciliationResult.Drift> drifts;
        try {
            drifts = compare(theirs);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t); // the bot's balance or open-order supplier threw
            return cannotReconcile("our own book failed with " + t.getClass().getSimpleName());
        }
        consecutiveFailures = 0;
        safely(() -> dispatcher.resolve(unavailableKey));
        ReconciliationResult result;
        if (drifts.isEmpty()) {
            driftStreak = 0;
            result = new ReconciliationResult(ReconciliationResult.Outcome.MATCHED, drifts, null, clock.instant());
            safely(() -> dispatcher.resolve(driftKey));
            if (lowered && config.recoverWhenMatched()) {
                lowered = false;
                safely(() -> target.lift(CAUSE));
            }
        } else {
            driftStreak++;
            result = new ReconciliationResult(ReconciliationResult.Outcome.DRIFTED, drifts, null, clock.instant());
            if (driftStreak >= config.confirmations()) {
                String text = "drifted from the exchange: " + describe(drifts);
                lowered = true;
                safely(() -> target.lower(TradingState.REDUCING, CAUSE, text));
                safely(() -> dispatcher.fire(Alert.builder(driftKey, Severity.HIGH,
                        "Book of '" + tracker.strategy() + "' " + text).source("reconciliation")
                        .detail("drifted", fields(drifts)).build()));
            }
        }
        last = result;
        lastCompared = result;
        return result;
    }

    private ReconciliationResult cannotReconcile(String problem) {
        failedFetches++;
        consecutiveFailures++;
        List<ReconciliationResult.Drift> kept = lastCompared == null ? List.of() : lastCompared.drifts();
        ReconciliationResult result = new ReconciliationResult(ReconciliationResult.Outcome.CANNOT_RECONCILE, kept,
                problem, clock.instant());
        last = result;
        safely(() -> dispatcher.fire(Alert.builder(unavailableKey, Severity.MEDIUM,
                "Cannot reconcile the book of '" + tracker.strategy() + "': the exchange fetch " + problem)
                .source("reconciliation").build()));
        return result;
    }

    private List<ReconciliationResult.Drift> compare(ExchangeBook theirs) {
        List<ReconciliationResult.Drift> drifts = new ArrayList<>();
        Map<String, Double> ours = new TreeMap<>();
        for (Position p : tracker.positions()) {
            ours.merge(p.symbol(), p.side() == Side.BUY ? p.quantity() : -p.quantity(), Double::sum);
        }
        TreeSet<String> symbols = new TreeSet<>(ours.keySet());
        symbols.addAll(theirs.positions().keySet());
        for (String symbol : symbols) {
            double a = ours.getOrDefault(symbol, 0.0);
            double b = theirs.positions().getOrDefault(symbol, 0.0);
            if (!config.positions().within(a, b)) {
                drifts.add(new ReconciliationResult.Drift("position:" + symbol, a, b));
            }
        }
        double ourEquity = tracker.snapshot().equity();
        if (!Double.isNaN(ourEquity) && !Double.isNaN(theirs.equity())
                && !config.equity().within(ourEquity, theirs.equity())) {
            drifts.add(new ReconciliationResult.Drift("equity", ourEquity, theirs.equity()));
        }
        Supplier<Map<String, Double>> balances = ourBalances;
        if (balances != null) {
            Map<String, Double> mine = Checks.notNull(balances.get(), "balances");
            TreeSet<String> assets = new TreeSet<>(mine.keySet());
            assets.addAll(theirs.balances().keySet());
            for (String asset : assets) {
                double a = mine.getOrDefault(asset, 0.0);
                double b = theirs.balances().getOrDefault(asset, 0.0);
                if (!config.balances().within(a, b)) {
                    drifts.add(new ReconciliationResult.Drift("balance:" + asset, a, b));
                }
            }
        }
        Supplier<Map<String, Integer>> orders = ourOpenOrders;
        if (orders != null) {
            Map<String, Integer> mine = Checks.notNull(orders.get(), "openOrders");
            TreeSet<String> all = new TreeSet<>(mine.keySet());
            all.addAll(theirs.openOrders().keySet());
            for (String symbol : all) {
                int a = mine.getOrDefault(symbol, 0);
                int b = theirs.openOrders().getOrDefault(symbol, 0);
                if (Math.abs((long) a - b) > config.openOrders()) {
                    drifts.add(new ReconciliationResult.Drift("open_orders:" + symbol, a, b));
                }
            }
        }
        return drifts;
    }

    /**
     * Runs {@link #reconcile()} and reports it as a health result (see the class description).
     *
     * @return the result
     */
    @Override
    public synchronized HealthResult check() {
        return toHealth(reconcile());
    }

    private HealthResult toHealth(ReconciliationResult r) {
        switch (r.outcome()) {
            case MATCHED:
                return HealthResult.builder(HealthStatus.HEALTHY).detail("outcome", "matched").build();
            case DRIFTED: {
                boolean confirmed = driftStreak >= config.confirmations();
                return HealthResult.builder(statusOf(r.drifts())).message("drifted from the exchange: "
                        + describe(r.drifts()) + (confirmed ? "" : " (not yet confirmed)"))
                        .detail("outcome", "drifted").detail("drifted", fields(r.drifts()))
                        .detail("confirmed", confirmed).build();
            }
            default: {
                ReconciliationResult compared = lastCompared;
                HealthStatus before = compared == null || compared.drifts().isEmpty() ? HealthStatus.HEALTHY
                        : statusOf(compared.drifts());
                String lastText = compared == null ? "no reconciliation has run yet"
                        : compared.drifts().isEmpty() ? "the last reconciliation matched"
                        : "the last reconciliation drifted: " + describe(compared.drifts());
                HealthResult.Builder h = HealthResult.builder(HealthStatus.DEGRADED.worst(before))
                        .message("cannot reconcile: the exchange fetch " + r.problemText().orElse("failed") + "; "
                                + lastText)
                        .detail("outcome", "cannot_reconcile").detail("consecutive_failures", consecutiveFailures);
                if (compared != null) {
                    h.detail("last_outcome", compared.outcome().name().toLowerCase(Locale.ROOT))
                            .detail("drifted", fields(compared.drifts()));
                }
                return h.build();
            }
        }
    }

    private static HealthStatus statusOf(List<ReconciliationResult.Drift> drifts) {
        return drifts.stream().anyMatch(ReconciliationResult.Drift::isPosition) ? HealthStatus.UNHEALTHY
                : HealthStatus.DEGRADED;
    }

    private static List<String> fields(List<ReconciliationResult.Drift> drifts) {
        return drifts.stream().limit(MAX_LISTED).map(d -> LogText.clean(d.field(), 60)).toList();
    }

    private static String describe(List<ReconciliationResult.Drift> drifts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < drifts.size() && i < MAX_LISTED; i++) {
            ReconciliationResult.Drift d = drifts.get(i);
            s.append(i == 0 ? "" : ", ").append(LogText.clean(d.field(), 60))
                    .append(String.format(Locale.ROOT, " (ours %s, exchange %s)", num(d.ours()), num(d.theirs())));
        }
        if (drifts.size() > MAX_LISTED) {
            s.append(" and ").append(drifts.size() - MAX_LISTED).append(" more");
        }
        return s.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void safely(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("Reconciliation of '{}' could not act: {}", LogText.clean(tracker.strategy()),
                        LogText.describe(t));
            }
        }
    }

    /** Stops the fetch thread, waiting at most a second. Idempotent; never throws. */
    @Override
    public void close() {
        fetch.close();
    }

    @Override
    public String toString() {
        return "Reconciliation[" + tracker.strategy() + ", " + config + "]";
    }

    /** Configures a reconciliation. Not thread-safe. */
    public static final class Builder {
        private final PerformanceTracker tracker;
        private final RiskTarget target;
        private final AlertDispatcher dispatcher;
        private @Nullable Source source;
        private @Nullable Supplier<Map<String, Integer>> ourOpenOrders;
        private @Nullable Supplier<Map<String, Double>> ourBalances;
        private Clock clock = Clock.systemUTC();
        private ReconciliationConfig config = ReconciliationConfig.ofDefaults();

        private Builder(PerformanceTracker tracker, RiskTarget target, AlertDispatcher dispatcher) {
            this.tracker = tracker;
            this.target = target;
            this.dispatcher = dispatcher;
        }

        /**
         * The bot's fetch of the exchange's book; required.
         *
         * @param source the fetch
         * @return this builder
         * @throws NullPointerException if {@code source} is null
         */
        public Builder exchange(Source source) {
            this.source = Checks.notNull(source, "source");
            return this;
        }

        /**
         * The bot's own open orders per symbol, to compare with the exchange's; without it, open
         * orders are not compared (TradePulse does not track orders itself).
         *
         * @param openOrders symbol to the number of open orders the bot believes it has
         * @return this builder
         * @throws NullPointerException if {@code openOrders} is null
         */
        public Builder ourOpenOrders(Supplier<Map<String, Integer>> openOrders) {
            this.ourOpenOrders = Checks.notNull(openOrders, "openOrders");
            return this;
        }

        /**
         * The bot's own balances per asset, to compare with the exchange's; without it, balances
         * are not compared (TradePulse tracks equity, not per-asset balances).
         *
         * @param balances asset to the balance the bot believes it has
         * @return this builder
         * @throws NullPointerException if {@code balances} is null
         */
        public Builder ourBalances(Supplier<Map<String, Double>> balances) {
            this.ourBalances = Checks.notNull(balances, "balances");
            return this;
        }

        /**
         * The clock results are stamped with; the system UTC clock by default.
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
         * The tolerances and timing; {@link ReconciliationConfig#ofDefaults()} unless set.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(ReconciliationConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Builds the live reconciliation (see the class description's lifecycle).
         *
         * @return the reconciliation
         * @throws NullPointerException if no {@linkplain #exchange source} was given
         */
        public Reconciliation build() {
            return new Reconciliation(this, Checks.notNull(source, "source"));
        }
    }
}
