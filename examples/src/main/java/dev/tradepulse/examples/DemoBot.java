package dev.tradepulse.examples;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSubscriptions;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditEvent;
import dev.tradepulse.compliance.AuditLevel;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.RiskRules;
import dev.tradepulse.trading.Targets;
import dev.tradepulse.trading.Trade;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A simulated trading bot: two strategies trade BTCUSDT through an instrumented exchange client
 * that suffers latency spikes, 5xx bursts, an outage and a flash crash, while TradePulse watches.
 * Run it with {@code --duration 60 --seed 7} and open the printed URL.
 */
public final class DemoBot {

    /** Command-line options. */
    record Options(Duration duration, long seed, int port, Path dataDir) {

        static Options parse(String... args) {
            Duration duration = Duration.ofSeconds(20);
            long seed = 7;
            int port = 8080;
            Path dataDir = Path.of("data");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(require(args[i], value)));
                    case "--seed" -> seed = Long.parseLong(require(args[i], value));
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    case "--data-dir" -> dataDir = Path.of(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]
                            + " (known: --duration SECONDS, --seed N, --port N, --data-dir DIR)");
                }
                i++;
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration must be positive");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535");
            }
            return new Options(duration, seed, port, dataDir);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** What a run did, for the summary and for tests. */
    record Report(int orders, int rejectedByBreaker, int failedOrders, List<String> breakerTransitions,
            int exhaustedRetries, long orderTimerCount, long instrumentationFailures, Path auditDir,
            MeterRegistry registry, List<String> halted, long tradesInDatabase) {
    }

    /** Handed to tests and to the shutdown hook once the server is up. */
    record Started(URI uri, String token, AlertDispatcher alerts, AtomicBoolean stop) {
    }

    /** One market tick of wall time. */
    static final Duration TICK = Duration.ofMillis(50);

    private DemoBot() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AtomicReference<AtomicBoolean> stop = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C: stop trading, then let run() close everything (journal checkpoint, resolve notifications).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            AtomicBoolean s = stop.get();
            if (s != null) {
                s.set(true);
                try {
                    finished.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "demo-shutdown"));
        try {
            run(options, System.out, started -> stop.set(started.stop()));
        } catch (IOException | SQLException e) {
            System.err.println("Cannot start: " + e.getMessage() + " (is the port taken? try --port 0)");
            System.exit(1);
        } finally {
            finished.countDown();
        }
    }

    static Report run(Options options, PrintStream out, Consumer<Started> started) throws IOException, SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> transitions = new CopyOnWriteArrayList<>();
        AtomicInteger exhausted = new AtomicInteger();
        long durationMillis = options.duration().toMillis();
        Path auditDir = options.dataDir().resolve("audit");
        TradeHistory history = new TradeHistory(options.dataDir().resolve("trades.db"));
        try (AlertDispatcher alerts = DemoAlerts.dispatcher(registry, System.getenv());
                ComplianceLogger audit = ComplianceLogger.builder().directory(auditDir).app("tradepulse-demo")
                        .durability(Durability.GROUP_COMMIT).keepRecent(50)
                        .signer(Checkpoints.hmacSigner(DemoKeys.auditKey(options.dataDir())))
                        // A real bot keeps this on another volume or host; see docs/compliance-format.md.
                        .witness(Witnesses.file(options.dataDir().resolve("audit.witness")))
                        .build();
                Monitoring monitoring = monitoring(registry, durationMillis, alerts, transitions, exhausted, audit)) {
            audit.bindTo(registry); // tradepulse.audit.* meters
            SimulatedExchange.Scenario scenario = SimulatedExchange.Scenario.over(
                    (int) Math.max(1, durationMillis / TICK.toMillis()));
            SimulatedExchange raw = new SimulatedExchange(options.seed(), scenario);
            AtomicReference<Instant> lastTick = new AtomicReference<>();
            ExchangeClient exchange = new TickRecorder(monitoring.instrument(ExchangeClient.class, raw), lastTick);
            audit.configChange(Actor.of("demo"), "session", null, Map.of("seed", options.seed(),
                    "duration_s", options.duration().toSeconds()));
            List<Strategy> strategies = List.of(
                    new Strategy("momentum", 0.05, false, options.seed() * 31, tracker("momentum", registry)),
                    new Strategy("mean-reversion", 3.0, true, options.seed() * 37, tracker("mean-reversion", registry)));
            AtomicBoolean stop = new AtomicBoolean();
            for (Strategy s : strategies) {
                s.killSwitch = KillSwitch.create(s.name(), (rule, reason) -> out.println("HALT " + s.name() + ": "
                        + reason + " (trading stopped; the position is closed on the next tick)"), audit, alerts);
            }
            out.printf(Locale.ROOT, "TradePulse demo bot: trading BTCUSDT for %d ticks of %d ms (seed %d); a flash "
                    + "crash at %.1fs, an exchange outage from %.1fs to %.1fs.%n", scenario.ticks(), TICK.toMillis(),
                    options.seed(), seconds(scenario.crashStart()), seconds(scenario.outageStart()),
                    seconds(scenario.outageEnd()));
            String token = DemoWeb.newToken();
            try (HealthRegistry health = DemoHealth.registry(monitoring, registry, lastTick, audit);
                    RuleEngine rules = rules(alerts, registry, strategies)) {
                health.register("trade-history", HealthChecks.jdbc(history.dataSource(), "SELECT 1",
                        Duration.ofMillis(200)), CheckOptions.builder().groups(HealthRegistry.READINESS).build());
                health.addListener(AlertSubscriptions.health(alerts));
                alerts.sinkHealthChecks().forEach((name, check) -> health.register(name, check,
                        CheckOptions.builder().nonCritical().build()));
                try (HealthServer server = DemoWeb.start(options.port(), token, health, registry, monitoring, alerts,
                        audit, strategies)) {
                    URI uri = server.uri();
                    out.println("Status page: " + uri + "/#token=" + token);
                    out.println("Health:      " + uri + "/health  (also /health/live and /health/ready)");
                    out.println("Metrics:     " + uri + "/metrics  ·  JSON: " + uri + "/status  ·  SSE: " + uri + "/events");
                    started.accept(new Started(uri, token, alerts, stop));
                    Report report = trade(raw, exchange, scenario, stop, strategies, history, audit, transitions,
                            exhausted, registry, monitoring, auditDir, rules);
                    Summary.print(out, registry, report, strategies);
                    out.println("Final health: " + health.check().status());
                    out.println("Audit journal: " + auditDir + " (verify: java -jar monitoring-compliance/target/"
                            + "monitoring-compliance-0.1.0-SNAPSHOT-cli.jar verify " + auditDir + " --hmac-key-file "
                            + options.dataDir().resolve("audit.key") + " --witness "
                            + options.dataDir().resolve("audit.witness") + ")");
                    // Stopping cleanly: what is still firing gets its resolve notification.
                    alerts.activeAlerts().forEach(a -> alerts.resolve(a.key()));
                    return report;
                }
            }
        }
    }

    private static PerformanceTracker tracker(String name, MeterRegistry registry) {
        PerformanceTracker tracker = PerformanceTracker.builder(name).config(PerformanceTrackerConfig.custom()
                .periodsPerYear(365).varWindow(20).targets(Targets.seeds()).equityCurve(120, Duration.ofHours(1))
                .build()).build();
        tracker.bindTo(registry);
        return tracker;
    }

    private static Monitoring monitoring(MeterRegistry registry, long durationMillis, AlertDispatcher alerts,
            List<String> transitions, AtomicInteger exhausted, ComplianceLogger audit) {
        return Monitoring.builder()
                .meterRegistry(registry)
                .retry("exchange", RetryConfig.custom().maxAttempts(3)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5))
                        .ignoreExceptions(CallNotPermittedException.class).build())
                .circuitBreaker("exchange", CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMillis(Math.max(500, durationMillis / 10)))
                        .permittedNumberOfCallsInHalfOpenState(3).build())
                .slowCallThreshold(Duration.ofMillis(250))
                .listener(AlertSubscriptions.resilience(alerts))
                .listener(new MonitoringListener() {
                    @Override
                    public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                        transitions.add(event.from() + " -> " + event.to());
                        audit.record(AuditEvent.builder("CIRCUIT_BREAKER").level(AuditLevel.WARNING)
                                .actor("monitoring").action(event.from() + " -> " + event.to())
                                .detail("breaker", event.name()).detail("failure_rate", event.failureRate()).build());
                    }

                    @Override
                    public void onRetryExhausted(RetryExhausted event) {
                        exhausted.incrementAndGet();
                    }
                })
                .build();
    }

    /** The seeds' limits, per strategy, plus the exchange's error budget. */
    private static RuleEngine rules(AlertDispatcher alerts, MeterRegistry registry, List<Strategy> strategies) {
        RuleEngine.Builder b = RuleEngine.builder(alerts).interval(Duration.ofMillis(250))
                .rule(dev.tradepulse.alerts.rules.Rules.errorRateAbove(registry, "exchange.requests", 0.10,
                        Duration.ofSeconds(10)).build())
                .rule(RiskRules.apiErrorsAbove(registry, "exchange.requests", 5, Duration.ofMinutes(10)).build());
        for (Strategy s : strategies) {
            b.rule(RiskRules.dailyLossWarning(s.tracker, -0.10).build())
                    .rule(RiskRules.dailyLossHalt(s.tracker, -0.15, s.killSwitch).build())
                    .rule(RiskRules.balanceDropHalt(s.tracker, 0.20, Duration.ofHours(1), s.killSwitch).build())
                    .rule(RiskRules.maxDrawdownAbove(s.tracker, 0.15).build())
                    .rule(RiskRules.winRateBelow(s.tracker, 0.40, 20).build())
                    .rule(RiskRules.openPositionsAbove(s.tracker, 1).build())
                    .rule(RiskRules.noDecisionFor(s.tracker, Duration.ofSeconds(30)).build());
        }
        return b.build();
    }

    private static Report trade(SimulatedExchange market, ExchangeClient exchange, SimulatedExchange.Scenario scenario,
            AtomicBoolean stop, List<Strategy> strategies, TradeHistory history, ComplianceLogger audit,
            List<String> transitions, AtomicInteger exhausted, MeterRegistry registry, Monitoring monitoring,
            Path auditDir, RuleEngine rules) throws SQLException {
        // Simulated market time: 5 minutes per tick, so a one-minute run spans a few trading days.
        Instant simulated = Instant.parse("2026-01-05T00:00:00Z");
        int rejected = 0;
        int failed = 0;
        long start = System.nanoTime();
        for (int tick = 0; tick < scenario.ticks() && !stop.get(); tick++) {
            // Paced, never skipped: a tick that ran late (a latency spike) is followed at once by
            // the next, so every run sees the same market and only the wall time stretches.
            waitUntil(start + tick * TICK.toNanos());
            market.advance();
            simulated = simulated.plus(Duration.ofMinutes(5));
            try {
                double price = exchange.lastPrice("BTCUSDT");
                for (Strategy s : strategies) {
                    Strategy.Signal signal = s.halted() && s.hasPosition() ? Strategy.Signal.CLOSE
                            : s.onPrice(price, simulated);
                    if (signal == Strategy.Signal.NONE) {
                        continue;
                    }
                    s.audit(audit, signal, price);
                    String side = signal == Strategy.Signal.CLOSE ? "CLOSE" : signal.name();
                    ExchangeClient.Fill fill = exchange.placeOrder("BTCUSDT", side, s.orderQuantity(price));
                    audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of(s.name()), fill.orderId(),
                            fill.symbol(), fill.side(), fill.quantity(), fill.price(), "simulated");
                    Trade closed = s.onFill(signal, fill.price(), simulated);
                    if (closed != null) {
                        history.record(s.name(), closed);
                    }
                }
            } catch (CallNotPermittedException e) {
                rejected++; // the breaker is open: this tick is lost, the next one tries again
            } catch (IOException e) {
                failed++;
            }
            // Risk limits are checked on the trading thread after every tick, so a breach halts
            // trading before the next order; the engine's own schedule covers the time between.
            rules.evaluate();
        }
        exchange.cancelAll("BTCUSDT");
        var orderTimer = registry.find("exchange.requests").tags("endpoint", "order", "outcome", "success").timer();
        return new Report(strategies.stream().mapToInt(s -> s.orders).sum(), rejected, failed, List.copyOf(transitions),
                exhausted.get(), orderTimer == null ? 0 : orderTimer.count(), monitoring.instrumentationFailures(),
                auditDir, registry, strategies.stream().filter(Strategy::halted).map(Strategy::name).toList(),
                history.count());
    }

    private static double seconds(int tick) {
        return tick * TICK.toMillis() / 1000.0;
    }

    private static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
