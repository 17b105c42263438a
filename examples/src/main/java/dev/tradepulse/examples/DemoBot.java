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
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.OrderDeniedException;
import dev.tradepulse.trading.risk.TradingLock;
import dev.tradepulse.trading.risk.Transition;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * that suffers latency spikes, 5xx bursts, an outage, a flash crash and a whipsaw, while TradePulse
 * watches and controls the risk: the outage moves both strategies to REDUCING, the crash halts the
 * leveraged one, its stop-losses lock the symbol, and each strategy's pre-trade gate refuses what
 * may not be sent (docs/risk.md, "The demo").
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
        return run(options, out, started, s -> { });
    }

    /**
     * As {@link #run(Options, PrintStream, Consumer)}; {@code ended} is called once trading has
     * stopped and the summary is printed, before TradePulse closes, while the server still answers
     * (tests read {@code /status} there).
     */
    static Report run(Options options, PrintStream out, Consumer<Started> started, Consumer<Started> ended)
            throws SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String token = newToken();
        Config config = DemoRuntime.config(options, token, System.getenv(), System.getProperties());
        Path dataDir = config.path("data-dir").orElseThrow();
        TradeHistory history = new TradeHistory(dataDir.resolve("trades.db"));
        ExchangeWatch watch = new ExchangeWatch();
        Clock clock = Clock.systemUTC();
        try (TradePulse tp = DemoRuntime.start(config, registry, history, watch, clock)) {
            SimulatedExchange.Scenario scenario = SimulatedExchange.Scenario.over(
                    (int) Math.max(1, options.duration().toMillis() / TICK.toMillis()));
            SimulatedExchange raw = new SimulatedExchange(options.seed(), scenario);
            ExchangeClient exchange = new TickRecorder(tp.instrument(ExchangeClient.class, raw), watch, clock);
            List<String> transitions = new CopyOnWriteArrayList<>();
            AtomicInteger exhausted = new AtomicInteger();
            // resilience4j's own events: the summary's breaker transitions and exhausted retries.
            tp.monitoring().circuitBreakerRegistry().circuitBreaker("exchange").getEventPublisher().onStateTransition(e ->
                    transitions.add(e.getStateTransition().getFromState() + " -> " + e.getStateTransition().getToState()));
            tp.monitoring().retryRegistry().retry("exchange").getEventPublisher().onError(e -> exhausted.incrementAndGet());
            tp.audit().configChange(Actor.of("demo"), "session", null, Map.of("seed", options.seed(),
                    "duration_s", options.duration().toSeconds()));
            List<SimulatedStrategy> strategies = List.of(
                    new SimulatedStrategy(tp.strategy("momentum"), 0.05, false, clock),
                    new SimulatedStrategy(tp.strategy("mean-reversion"), 3.0, true, clock));
            // Each strategy's orders go through its pre-trade gate: a refused one never reaches the exchange.
            strategies.forEach(s -> s.guard(exchange));
            out.printf(Locale.ROOT, "TradePulse demo bot: trading BTCUSDT for %d ticks of %d ms (seed %d); an exchange "
                    + "outage from %.1fs to %.1fs, a flash crash at %.1fs, a whipsaw from %.1fs.%n", scenario.ticks(),
                    TICK.toMillis(), options.seed(), seconds(scenario.outageStart()), seconds(scenario.outageEnd()),
                    seconds(scenario.crashStart()), seconds(scenario.whipsawStart()));
            URI uri = tp.uri().orElseThrow();
            out.println("Status page: " + uri + "/#token=" + token);
            out.println("Health:      " + uri + "/health  (also /health/live and /health/ready)");
            out.println("Metrics:     " + uri + "/metrics  ·  JSON: " + uri + "/status  ·  SSE: " + uri + "/events");
            AtomicBoolean stop = new AtomicBoolean();
            Started live = new Started(uri, token, tp.alerts(), stop);
            started.accept(live);
            Path auditDir = dataDir.resolve("audit");
            Report report = trade(tp, raw, exchange, scenario, stop, strategies, history, transitions, exhausted,
                    registry, auditDir, out);
            Summary.print(out, registry, report, strategies, tp.strategy("momentum").locks());
            out.println("Final health: " + tp.health().check().status());
            out.println("Audit journal: " + auditDir + " (verify: java -jar monitoring-compliance/target/"
                    + "monitoring-compliance-0.1.0-SNAPSHOT-cli.jar verify " + auditDir + " --hmac-key-file "
                    + dataDir.resolve("audit.key") + " --witness " + dataDir.resolve("audit.witness") + ")");
            ended.accept(live);
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
        LockBook locks = tp.strategy("momentum").locks();
        Set<TradingLock> locksSeen = new HashSet<>(locks.active());
        // Simulated market time: 5 minutes per tick, so a one-minute run spans a few trading days.
        Instant simulated = Instant.parse("2026-01-05T00:00:00Z");
        int rejected = 0;
        int failed = 0;
        long tickStarted = System.nanoTime() - TICK.toNanos();
        for (int tick = 0; tick < scenario.ticks() && !stop.get(); tick++) {
            // Paced, never skipped, never rushed: each tick starts at least one TICK after the one
            // before, so every run sees the same market and a slow tick (a latency spike, the
            // outage's retries) only stretches the wall time. No burst of catch-up ticks follows it,
            // so the breaker's open-wait (wall time) spans at most open-wait / TICK ticks.
            waitUntil(tickStarted + TICK.toNanos());
            tickStarted = System.nanoTime();
            market.advance();
            simulated = simulated.plus(Duration.ofMinutes(5));
            report(strategies, locks, locksSeen, out);
            double price;
            try {
                price = exchange.lastPrice("BTCUSDT");
            } catch (CallNotPermittedException e) {
                rejected++; // the breaker is open: this tick is lost, the next one tries again
                price = Double.NaN;
            } catch (IOException e) {
                failed++;
                price = Double.NaN;
            }
            // Health drives risk: the exchange and market-data checks run now, so the runtime's health
            // mapping moves both strategies to REDUCING on the tick the exchange became unreachable,
            // and back to ACTIVE on the tick it answers again.
            tp.health().check(DemoRuntime.MARKET);
            report(strategies, locks, locksSeen, out);
            if (Double.isNaN(price)) {
                tp.evaluate();
                continue;
            }
            // Each strategy marks to market and decides; the orders it decided are then under way.
            List<Map.Entry<SimulatedStrategy, SimulatedStrategy.Signal>> decided = new ArrayList<>();
            for (SimulatedStrategy s : strategies) {
                SimulatedStrategy.Signal signal = s.onPrice(price, simulated, tick);
                if (signal != SimulatedStrategy.Signal.NONE) {
                    decided.add(Map.entry(s, signal));
                }
            }
            // Risk limits are checked on the trading thread against the marks just made, so a breach
            // halts trading before the orders decided on the same prices go out. Such an order races
            // the halt (before the gate, one went out 0.56 s after it); the gate now refuses it.
            tp.evaluate();
            report(strategies, locks, locksSeen, out);
            try {
                for (Map.Entry<SimulatedStrategy, SimulatedStrategy.Signal> d : decided) {
                    send(d.getKey(), d.getValue(), price, exchange, audit, history, out);
                }
            } catch (CallNotPermittedException e) {
                rejected++;
            } catch (IOException e) {
                failed++;
            }
        }
        report(strategies, locks, locksSeen, out);
        exchange.cancelAll("BTCUSDT"); // cancels are not orders: no gate
        Monitoring monitoring = tp.monitoring();
        long ordersTimed = registry.find("exchange.requests").tags("outcome", "success").timers().stream()
                .filter(t -> !"ticker".equals(t.getId().getTag("endpoint"))).mapToLong(Timer::count).sum();
        return new Report(strategies.stream().mapToInt(s -> s.orders).sum(), rejected, failed, List.copyOf(transitions),
                exhausted.get(), ordersTimed, monitoring.instrumentationFailures(),
                auditDir, registry, strategies.stream().filter(SimulatedStrategy::halted).map(SimulatedStrategy::name)
                        .toList(), history.count());
    }

    /**
     * Sends one decided order through the strategy's guarded client. A halted strategy's flatten
     * goes around the gate (HALTED refuses every order, closing ones too): it is the halt's own.
     */
    private static void send(SimulatedStrategy s, SimulatedStrategy.Signal signal, double price, ExchangeClient exchange,
            ComplianceLogger audit, TradeHistory history, PrintStream out) throws IOException {
        Side side = s.orderSide(signal);
        double quantity = s.orderQuantity(signal, price);
        boolean closing = signal == SimulatedStrategy.Signal.CLOSE || signal == SimulatedStrategy.Signal.STOP;
        ExchangeClient.Fill fill;
        try {
            if (closing) {
                fill = (s.halted() ? exchange : s.orders()).closePosition("BTCUSDT", side, quantity);
            } else {
                fill = s.orders().placeOrder("BTCUSDT", side, quantity, price);
            }
        } catch (OrderDeniedException denied) {
            GateDecision d = denied.decision();
            if (s.countRefusal(d.reason())) {
                out.printf(Locale.ROOT, "DENIED %s %s %.3f BTCUSDT (%s at %.2f) reason=%s: %s (refused by the gate, never "
                        + "sent; later %s refusals are counted in the summary)%n", s.name(), side, quantity, signal, price,
                        reasonWord(d.reason()), d.detail(), d.reason());
            }
            return;
        }
        s.audit(audit, signal, price);
        audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of(s.name()), fill.orderId(), fill.symbol(),
                fill.side().name(), fill.quantity(), fill.price(), "simulated");
        Trade closed = s.onFill(signal, fill.price(), fill.quantity());
        if (closed != null) {
            history.record(s.name(), closed);
            if (signal == SimulatedStrategy.Signal.STOP) {
                out.printf(Locale.ROOT, "STOP-LOSS %s: closed %s %.3f BTCUSDT at %.2f, P&L %.2f (stop-loss exit %d)%n",
                        s.name(), closed.side(), closed.quantity(), closed.exitPrice(), closed.realizedPnl(), s.stopLosses);
            }
        }
    }

    /**
     * @param reason a gate's reason
     * @return its short word: {@code halted}, {@code reducing}, {@code locked}, or the reason in lower case
     */
    static String reasonWord(GateDecision.Reason reason) {
        return switch (reason) {
            case STATE_HALTED -> "halted";
            case STATE_REDUCING -> "reducing";
            case SYMBOL_LOCK, GLOBAL_LOCK -> "locked";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * What happened on another thread or inside TradePulse since the last look, said on the
     * trading thread: kill-switch halts, trading-state transitions, new locks.
     */
    private static void report(List<SimulatedStrategy> strategies, LockBook locks, Set<TradingLock> locksSeen,
            PrintStream out) {
        for (SimulatedStrategy s : strategies) {
            s.newHalt().ifPresent(reason -> out.println("HALT " + s.name() + ": " + reason
                    + " (trading stopped; an open position is closed at the next price)"));
            s.newTransition().ifPresent(e -> {
                Transition t = e.getKey();
                out.printf(Locale.ROOT, "STATE %s %s -> %s by %s: %s%s%n", s.name(), t.from(), t.to(), t.cause().id(),
                        t.reason(), e.getValue() > 0 ? " (after " + e.getValue() + " more, in the journal)" : "");
            });
        }
        for (TradingLock lock : locks.active()) {
            if (locksSeen.add(lock)) {
                out.printf(Locale.ROOT, "LOCK %s until %s by %s: %s (new entries refused, exits still go out)%n",
                        lock.scope(), lock.until().truncatedTo(ChronoUnit.SECONDS), lock.source(), lock.reason());
            }
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
