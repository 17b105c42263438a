package dev.tradepulse.examples;

import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.http.HealthServer;

/**
 * A simulated trading bot: a momentum strategy trades through an instrumented exchange
 * client that suffers latency spikes, 5xx bursts and an outage, then prints what the
 * monitoring saw. Run it with {@code --duration 20 --seed 7}.
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
            io.micrometer.core.instrument.MeterRegistry registry) {
    }

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
        try {
            run(options, System.out, uri -> { });
        } catch (IOException e) {
            System.err.println("Cannot start the health endpoint: " + e.getMessage()
                    + " (is the port taken? try --port 0)");
            System.exit(1);
        }
    }

    static Report run(Options options, PrintStream out, Consumer<URI> started) throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> transitions = new CopyOnWriteArrayList<>();
        AtomicInteger exhausted = new AtomicInteger();
        long durationMillis = options.duration().toMillis();
        Path auditDir = options.dataDir().resolve("audit");
        try (AlertDispatcher alerts = DemoAlerts.dispatcher(registry, System.getenv());
                ComplianceLogger audit = ComplianceLogger.builder()
                .directory(auditDir)
                .app("tradepulse-demo")
                .durability(Durability.GROUP_COMMIT)
                .signer(Checkpoints.hmacSigner(DemoKeys.auditKey(options.dataDir())))
                .build();
                Monitoring monitoring = Monitoring.builder()
                .meterRegistry(registry)
                .retry("exchange", RetryConfig.custom()
                        .maxAttempts(3)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5))
                        .ignoreExceptions(CallNotPermittedException.class)
                        .build())
                .circuitBreaker("exchange", CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMillis(Math.max(500, durationMillis / 10)))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .slowCallThreshold(Duration.ofMillis(250))
                .listener(dev.tradepulse.alerts.AlertSubscriptions.resilience(alerts))
                .listener(new MonitoringListener() {
                    @Override
                    public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                        transitions.add(event.from() + " -> " + event.to());
                        audit.record(dev.tradepulse.compliance.AuditEvent.builder("CIRCUIT_BREAKER")
                                .level(dev.tradepulse.compliance.AuditLevel.WARNING).actor("monitoring")
                                .action(event.from() + " -> " + event.to()).detail("breaker", event.name())
                                .detail("failure_rate", event.failureRate()).build());
                    }

                    @Override
                    public void onRetryExhausted(RetryExhausted event) {
                        exhausted.incrementAndGet();
                    }
                })
                .build()) {

            long start = System.nanoTime();
            SimulatedExchange raw = new SimulatedExchange(options.seed(),
                    () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    durationMillis * 35 / 100, durationMillis * 65 / 100);
            ExchangeClient exchange = monitoring.instrument(ExchangeClient.class, raw);
            AtomicReference<Instant> lastTick = new AtomicReference<>();
            ExchangeClient ticking = new TickRecorder(exchange, lastTick);
            audit.configChange("demo", "session", null, java.util.Map.of("seed", options.seed(),
                    "duration_s", options.duration().toSeconds()));

            out.printf(Locale.ROOT, "TradePulse demo bot: trading BTCUSDT for %ds (seed %d); an outage is scheduled "
                    + "from %.1fs to %.1fs.%n", options.duration().toSeconds(), options.seed(),
                    durationMillis * 0.35 / 1000, durationMillis * 0.65 / 1000);
            try (HealthRegistry health = DemoHealth.registry(monitoring, registry, lastTick, audit);
                    HealthServer server = HealthServer.builder(health).port(options.port()).start()) {
                health.addListener(dev.tradepulse.alerts.AlertSubscriptions.health(alerts));
                AtomicReference<Instant> lastDecision = new AtomicReference<>(Instant.now());
                dev.tradepulse.alerts.rules.RuleEngine rules = dev.tradepulse.alerts.rules.RuleEngine.builder(alerts)
                        .interval(Duration.ofSeconds(2))
                        .rule(dev.tradepulse.alerts.rules.Rules.errorRateAbove(registry, "exchange.requests", 0.10,
                                Duration.ofSeconds(10)).build())
                        .rule(dev.tradepulse.alerts.rules.Rules.noEventFor("decision", lastDecision::get,
                                Duration.ofSeconds(30)).build())
                        .build().start();
                alerts.sinkHealthChecks().forEach((name, check) -> health.register(name, check,
                        dev.tradepulse.health.CheckOptions.builder().nonCritical().build()));
                out.println("Health: " + server.uri() + "/health  (also /health/live and /health/ready)");
                started.accept(server.uri());
                dev.tradepulse.trading.PerformanceTracker performance = dev.tradepulse.trading.PerformanceTracker
                        .builder("momentum").periodsPerYear(365).build().bindTo(registry);
                Report report = trade(ticking, options, start, transitions, exhausted, registry, monitoring, audit,
                        auditDir, lastDecision, performance);
                rules.close();
                printSummary(out, registry, report);
                out.println("Final health: " + health.check().status());
                out.println("Audit journal: " + auditDir + " (verify: java -jar monitoring-compliance/target/"
                        + "monitoring-compliance-0.1.0-SNAPSHOT-cli.jar verify " + auditDir + " --hmac-key-file "
                        + options.dataDir().resolve("audit.key") + ")");
                return report;
            }
        }
    }

    private static Report trade(ExchangeClient exchange, Options options, long start, List<String> transitions,
            AtomicInteger exhausted, SimpleMeterRegistry registry, Monitoring monitoring, ComplianceLogger audit,
            Path auditDir, AtomicReference<Instant> lastDecision,
            dev.tradepulse.trading.PerformanceTracker performance) {
        Random strategy = new Random(options.seed() * 31);
        // Simulated market time: an hour per tick, so a short run spans several trading days.
        Instant simulated = Instant.parse("2026-01-05T00:00:00Z");
        double cash = 10_000;
        String openSide = null;
        double openPrice = 0;
        Instant openedAt = simulated;
        List<Double> prices = new ArrayList<>();
        int orders = 0;
        int rejected = 0;
        int failed = 0;
        long deadline = start + options.duration().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                double price = exchange.lastPrice("BTCUSDT");
                prices.add(price);
                simulated = simulated.plusSeconds(3600);
                double unrealized = openSide == null ? 0
                        : (price - openPrice) * 0.01 * ("BUY".equals(openSide) ? 1 : -1);
                performance.recordEquity(simulated, cash + unrealized);
                if (prices.size() > 5 && strategy.nextInt(3) == 0) {
                    double momentum = price - prices.get(prices.size() - 6);
                    String side = momentum > 0 ? "BUY" : "SELL";
                    lastDecision.set(Instant.now());
                    audit.tradeDecision("momentum", prices.size(), List.of(java.util.Map.of("symbol", "BTCUSDT",
                            "side", side, "momentum", momentum)), "6-tick momentum " + (momentum > 0 ? "up" : "down"));
                    ExchangeClient.Fill fill = exchange.placeOrder("BTCUSDT", side, 0.01);
                    audit.orderEvent(ComplianceLogger.OrderStage.FILLED, "momentum", fill.orderId(), fill.symbol(),
                            fill.side(), fill.quantity(), fill.price(), "simulated");
                    orders++;
                    if (openSide != null) { // the new order closes the open position
                        double pnl = (fill.price() - openPrice) * 0.01 * ("BUY".equals(openSide) ? 1 : -1);
                        cash += pnl;
                        performance.recordTrade(new dev.tradepulse.trading.Trade("BTCUSDT", openSide, openPrice,
                                fill.price(), 0.01, pnl, 0, openedAt, simulated));
                    }
                    openSide = side;
                    openPrice = fill.price();
                    openedAt = simulated;
                }
            } catch (CallNotPermittedException e) {
                rejected++;
                pause(50); // the breaker is open: back off instead of spinning
            } catch (IOException e) {
                failed++;
            }
        }
        exchange.cancelAll("BTCUSDT");
        Timer orderTimer = registry.find("exchange.requests").tags("endpoint", "order", "outcome", "success").timer();
        return new Report(orders, rejected, failed, List.copyOf(transitions), exhausted.get(),
                orderTimer == null ? 0 : orderTimer.count(), monitoring.instrumentationFailures(), auditDir, registry);
    }

    private static void printSummary(PrintStream out, SimpleMeterRegistry registry, Report report) {
        out.println();
        out.println("=== Summary ===");
        out.printf(Locale.ROOT, "Orders filled: %d, failed after retries: %d, rejected by open breaker: %d%n",
                report.orders(), report.failedOrders(), report.rejectedByBreaker());
        out.println("Timers (exchange.requests):");
        registry.find("exchange.requests").timers().stream()
                .sorted((a, b) -> a.getId().toString().compareTo(b.getId().toString()))
                .forEach(t -> out.printf(Locale.ROOT, "  %-8s %-8s %-13s count=%5d mean=%7.1fms max=%7.1fms%s%n",
                        t.getId().getTag("endpoint"), t.getId().getTag("outcome"), t.getId().getTag("exception"),
                        t.count(), t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS), p95(t)));
        out.println("Retries (resilience4j.retry.calls):");
        registry.find("resilience4j.retry.calls").functionCounters().forEach(c -> out.printf(Locale.ROOT,
                "  %-26s %5.0f%n", c.getId().getTag("kind"), c.count()));
        out.println("Circuit breaker 'exchange' transitions: "
                + (report.breakerTransitions().isEmpty() ? "none" : String.join(", ", report.breakerTransitions())));
        registry.find("trading.trades").gauges().forEach(g -> {
            String strategy = g.getId().getTag("strategy");
            java.util.function.ToDoubleFunction<String> value = name -> {
                var gauge = registry.find(name).tag("strategy", strategy).gauge();
                return gauge == null ? Double.NaN : gauge.value();
            };
            out.printf(Locale.ROOT, "Strategy %s: %.0f trades, win rate %.2f, profit factor %.2f, Sharpe %.2f, "
                    + "max drawdown %.2f%%, P&L %.2f%n", strategy, value.applyAsDouble("trading.trades"),
                    value.applyAsDouble("trading.win.rate"), value.applyAsDouble("trading.profit.factor"),
                    value.applyAsDouble("trading.sharpe"), 100 * value.applyAsDouble("trading.drawdown.max"),
                    value.applyAsDouble("trading.pnl.realized"));
        });
        out.println("Retries exhausted: " + report.exhaustedRetries()
                + ", instrumentation failures contained: " + report.instrumentationFailures());
    }

    private static String p95(Timer timer) {
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.95) {
                return String.format(Locale.ROOT, " p95=%7.1fms", v.value(TimeUnit.MILLISECONDS));
            }
        }
        return "";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
