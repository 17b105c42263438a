package dev.tradepulse.examples;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigException;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
import org.jspecify.annotations.Nullable;

/**
 * A simulated trading bot: two strategies trade BTCUSDT through an instrumented exchange client
 * that suffers latency spikes, 5xx bursts, an outage and a flash crash, while TradePulse watches.
 * The TradePulse wiring is in {@link DemoRuntime} and {@code demo.yml}; this class is the bot.
 * Run it with {@code --duration 60 --seed 7} and open the printed URL.
 */
public final class DemoBot {

    /** What {@code --help} and a bad option print. */
    static final String USAGE = """
            Usage: DemoBot [--duration SECONDS] [--seed N] [--port N] [--data-dir DIR]
              Configuration: demo.yml (on the classpath), overridden by TRADEPULSE_* variables and
              -Dtradepulse.* properties (docs/configuration.md); the options override both.
              Alerts also go to Slack with TRADEPULSE_ALERTS_SLACK_WEBHOOK, and to Telegram with
              TRADEPULSE_ALERTS_TELEGRAM_TOKEN and TRADEPULSE_ALERTS_TELEGRAM_CHAT_ID. These replace
              TRADEPULSE_SLACK_WEBHOOK, TRADEPULSE_TELEGRAM_TOKEN and TRADEPULSE_TELEGRAM_CHAT, and
              TRADEPULSE_AUDIT_HMAC_KEY replaces TRADEPULSE_AUDIT_KEY: the old names are now rejected
              as unknown keys. Without an audit key, DIR/audit.key is generated on the first run.""";

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

        private static String require(String option, @Nullable String value) {
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
            if (List.of(args).contains("--help")) {
                System.out.println(USAGE);
                return;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        AtomicReference<AtomicBoolean> stop = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C: stop trading, then let run() close everything (resolve notifications, journal
        // checkpoint, server). demo.yml turns TradePulse's own hook off so that this order holds.
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
        } catch (ConfigException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(1);
        } catch (StartupException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
        } catch (SQLException e) {
            System.err.println("Cannot open the trade history: " + e.getMessage());
            System.exit(1);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Runs the bot until the scenario ends or {@code stop} is set, then closes TradePulse. The
     * registry outlives the run, so that the report can be read.
     */
    static Report run(Options options, PrintStream out, Consumer<Started> started) throws SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String token = newToken();
        Config config = DemoRuntime.config(options, token, System.getenv(), System.getProperties());
        Path dataDir = config.path("data-dir").orElseThrow();
        TradeHistory history = new TradeHistory(dataDir.resolve("trades.db"));
        AtomicReference<Instant> lastTick = new AtomicReference<>();
        try (TradePulse tp = DemoRuntime.start(config, registry, history, lastTick)) {
            SimulatedExchange.Scenario scenario = SimulatedExchange.Scenario.over(
                    (int) Math.max(1, options.duration().toMillis() / TICK.toMillis()));
            SimulatedExchange raw = new SimulatedExchange(options.seed(), scenario);
            ExchangeClient exchange = new TickRecorder(tp.instrument(ExchangeClient.class, raw), lastTick);
            List<String> transitions = new CopyOnWriteArrayList<>();
            AtomicInteger exhausted = new AtomicInteger();
            // resilience4j's own events: the summary's breaker transitions and exhausted retries.
            tp.monitoring().circuitBreakerRegistry().circuitBreaker("exchange").getEventPublisher().onStateTransition(e ->
                    transitions.add(e.getStateTransition().getFromState() + " -> " + e.getStateTransition().getToState()));
            tp.monitoring().retryRegistry().retry("exchange").getEventPublisher().onError(e -> exhausted.incrementAndGet());
            tp.audit().configChange(Actor.of("demo"), "session", null, Map.of("seed", options.seed(),
                    "duration_s", options.duration().toSeconds()));
            List<SimulatedStrategy> strategies = List.of(
                    new SimulatedStrategy(tp.strategy("momentum"), 0.05, false, options.seed() * 31),
                    new SimulatedStrategy(tp.strategy("mean-reversion"), 3.0, true, options.seed() * 37));
            out.printf(Locale.ROOT, "TradePulse demo bot: trading BTCUSDT for %d ticks of %d ms (seed %d); a flash "
                    + "crash at %.1fs, an exchange outage from %.1fs to %.1fs.%n", scenario.ticks(), TICK.toMillis(),
                    options.seed(), seconds(scenario.crashStart()), seconds(scenario.outageStart()),
                    seconds(scenario.outageEnd()));
            URI uri = tp.uri().orElseThrow();
            out.println("Status page: " + uri + "/#token=" + token);
            out.println("Health:      " + uri + "/health  (also /health/live and /health/ready)");
            out.println("Metrics:     " + uri + "/metrics  ·  JSON: " + uri + "/status  ·  SSE: " + uri + "/events");
            AtomicBoolean stop = new AtomicBoolean();
            started.accept(new Started(uri, token, tp.alerts(), stop));
            Path auditDir = dataDir.resolve("audit");
            Report report = trade(tp, raw, exchange, scenario, stop, strategies, history, transitions, exhausted,
                    registry, auditDir, out);
            Summary.print(out, registry, report, strategies);
            out.println("Final health: " + tp.health().check().status());
            out.println("Audit journal: " + auditDir + " (verify: java -jar monitoring-compliance/target/"
                    + "monitoring-compliance-0.1.0-SNAPSHOT-cli.jar verify " + auditDir + " --hmac-key-file "
                    + dataDir.resolve("audit.key") + " --witness " + dataDir.resolve("audit.witness") + ")");
            return report; // closing TradePulse sends what is still firing its resolve notification
        }
    }

    /** A fresh random token per run: details on the page need it, as they would in production. */
    static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Report trade(TradePulse tp, SimulatedExchange market, ExchangeClient exchange,
            SimulatedExchange.Scenario scenario, AtomicBoolean stop, List<SimulatedStrategy> strategies,
            TradeHistory history, List<String> transitions, AtomicInteger exhausted, MeterRegistry registry,
            Path auditDir, PrintStream out) throws SQLException {
        ComplianceLogger audit = tp.audit();
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
            reportHalts(strategies, out);
            try {
                double price = exchange.lastPrice("BTCUSDT");
                for (SimulatedStrategy s : strategies) {
                    SimulatedStrategy.Signal signal = s.halted() && s.hasPosition() ? SimulatedStrategy.Signal.CLOSE
                            : s.onPrice(price, simulated);
                    if (signal == SimulatedStrategy.Signal.NONE) {
                        continue;
                    }
                    // The pre-trade gate answers before the order is sent: a halted strategy's order never
                    // leaves, not even one decided just before the halt. Closing after a halt is the halt's
                    // own flatten, so it does not ask.
                    if (signal != SimulatedStrategy.Signal.CLOSE) {
                        GateDecision decision = s.monitored.check(OrderIntent.of("BTCUSDT",
                                signal == SimulatedStrategy.Signal.BUY ? Side.BUY : Side.SELL, s.orderQuantity(price), price));
                        if (!decision.allowed()) {
                            if (s.gateRefusals++ == 0) {
                                out.println("GATE refused " + signal + " for " + s.name() + ": " + decision.reason().words());
                            }
                            continue;
                        }
                    }
                    s.audit(audit, signal, price);
                    String side = signal == SimulatedStrategy.Signal.CLOSE ? "CLOSE" : signal.name();
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
            // trading before the next order; the engines' own schedule covers the time between.
            tp.evaluate();
        }
        reportHalts(strategies, out);
        exchange.cancelAll("BTCUSDT");
        Monitoring monitoring = tp.monitoring();
        var orderTimer = registry.find("exchange.requests").tags("endpoint", "order", "outcome", "success").timer();
        return new Report(strategies.stream().mapToInt(s -> s.orders).sum(), rejected, failed, List.copyOf(transitions),
                exhausted.get(), orderTimer == null ? 0 : orderTimer.count(), monitoring.instrumentationFailures(),
                auditDir, registry, strategies.stream().filter(SimulatedStrategy::halted).map(SimulatedStrategy::name)
                        .toList(), history.count());
    }

    /** A kill switch halts on a rule's thread (the trading thread's, or the engine's schedule); the bot says so here. */
    private static void reportHalts(List<SimulatedStrategy> strategies, PrintStream out) {
        for (SimulatedStrategy s : strategies) {
            s.newHalt().ifPresent(reason -> out.println("HALT " + s.name() + ": " + reason
                    + " (trading stopped; an open position is closed at the next price)"));
        }
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
