package dev.tradepulse.readme;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSections;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.alerts.rules.Conditions;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.alerts.rules.Rules;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.alerts.sinks.PagerDutySink;
import dev.tradepulse.alerts.sinks.TelegramSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditEvent;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.health.status.HealthSections;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.RiskRules;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Targets;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.status.TradingSections;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The README's Java blocks, compiled by the build and run by {@link ReadmeExamplesTest}. A region
 * between "snippet: NAME" and "end snippet" comments is copied into the README verbatim.
 */
public final class ReadmeExamples {

    public record OrderRequest(String symbol, double quantity) {
    }

    public record Order(String id) {
    }

    /** Your own exchange client. */
    public static final class BinanceClient implements ExchangeClient {
        @Override
        public Order placeOrder(OrderRequest request) {
            return new Order("o-1");
        }
    }

    // snippet: exchange-client
    public interface ExchangeClient {
        @Timed("exchange.requests")
        @Retry(name = "exchange")
        @CircuitBreaker(name = "exchange")
        Order placeOrder(OrderRequest request) throws IOException;
    }
    // end snippet

    static Monitoring instrument() throws IOException {
        // snippet: instrument
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Monitoring monitoring = Monitoring.builder()
            .meterRegistry(registry)                                 // any Micrometer registry
            .retry("exchange", RetryConfig.custom().maxAttempts(3).build())
            .circuitBreaker("exchange", CircuitBreakerConfig.ofDefaults())
            .slowCallThreshold(Duration.ofMillis(500))               // slower calls are logged at WARN
            .build();

        ExchangeClient client = monitoring.instrument(ExchangeClient.class, new BinanceClient());
        Order order = client.placeOrder(new OrderRequest("BTCUSDT", 0.5));  // timed, retried, circuit-broken

        // Without annotations: one named operation, decorated once, used for many calls.
        Decoration cancel = monitoring.decoration("cancelOrder")
            .timer("exchange.requests").retry("exchange").circuitBreaker("exchange").build();
        cancel.run(() -> System.out.println("cancel " + order.id()));
        // end snippet
        return monitoring;
    }

    static HealthServer health(Monitoring monitoring, DataSource dataSource) throws IOException {
        AtomicReference<Instant> lastTick = new AtomicReference<>(Instant.now());
        // snippet: health
        long gib = 1L << 30;
        HealthRegistry health = HealthRegistry.builder().build();
        health.register("process", HealthResult::healthy, CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
        health.register("database", HealthChecks.jdbc(dataSource, Duration.ofMillis(200)),
            CheckOptions.builder().groups(HealthRegistry.READINESS).timeout(Duration.ofSeconds(1)).build());
        health.register("exchange", HealthChecks.circuitBreakers(monitoring.circuitBreakerRegistry()),
            CheckOptions.builder().groups(HealthRegistry.READINESS).damping(3, 2).build());
        health.register("market-data", HealthChecks.freshness(lastTick::get, Duration.ofMinutes(1), Clock.systemUTC()));
        health.register("disk", HealthChecks.diskSpace(Path.of("."), 5 * gib, 1 * gib),
            CheckOptions.builder().nonCritical().refreshEvery(Duration.ofSeconds(30)).build());

        HealthServer.Builder http = HealthServer.builder(health).port(0);  // 0: any free port; 8080 in production
        String token = System.getenv("HEALTH_TOKEN");                    // 16+ characters; unset: no details shown
        if (token != null) {
            http.bearerToken(token);
        }
        HealthServer server = http.start();
        // end snippet
        return server;
    }

    static ComplianceLogger audit(Path dir, HealthRegistry health, PrometheusMeterRegistry registry) throws IOException {
        // snippet: audit
        // 32 or more random bytes, hex, kept outside the journal's directory (openssl rand -hex 32)
        Path keyFile = Path.of(System.getProperty("audit.key.file", "/run/secrets/audit-key"));
        byte[] auditKey = HexFormat.of().parseHex(Files.readString(keyFile).strip());
        ComplianceLogger audit = ComplianceLogger.builder()
            .directory(dir.resolve("audit"))
            .app("momentum-bot")
            .durability(Durability.GROUP_COMMIT)          // a call returns once its event is fsynced
            .signer(Checkpoints.hmacSigner(auditKey))     // or Checkpoints.ed25519Signer(privateKey)
            .witness(Witnesses.file(dir.resolve("momentum-bot.witness")))  // put it on another volume
            .keepRecent(100)                              // for the status page's audit section
            .build();
        audit.bindTo(registry);                           // tradepulse.audit.* meters

        audit.orderEvent(ComplianceLogger.OrderStage.FILLED, Actor.of("momentum"), "o-991", "BTCUSDT", "BUY",
            0.5, 64_210.5, "binance");
        audit.riskEvent(ComplianceLogger.RiskKind.KILL_SWITCH, Actor.of("risk-engine"), "daily_loss",
            Map.of("pnl_pct", -15.2));
        audit.recordDurably(AuditEvent.builder("RECONCILIATION").actor("ops").build())
            .thenRun(() -> System.out.println("on disk"));    // returns at once; completes after its fsync
        health.register("audit", audit.healthCheck());        // and audit.statusSection() for the status page
        // end snippet
        return audit;
    }

    static AlertDispatcher alerts(PrometheusMeterRegistry registry, String telegramToken, String chatId,
            String routingKey) {
        // snippet: alerts
        // telegramToken, chatId and routingKey come from your secret store or environment, never from code
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AlertDispatcher alerts = AlertDispatcher.builder()
            .sink(LogSink.create())
            .sink(TelegramSink.builder(TelegramSink.BOT_API, telegramToken, chatId, http).build())
            .sink(PagerDutySink.builder(PagerDutySink.EVENTS_V2, routingKey, http).build())
            .route(Route.to("pagerduty", "telegram").when(Severity.CRITICAL))
            .defaultSinks("log")
            .meterRegistry(registry)
            .build();

        alerts.fire(Alert.builder("circuit-breaker-open:exchange", Severity.HIGH, "Circuit breaker 'exchange' opened")
            .label("component", "exchange").detail("failure_rate_pct", 62.5).build());
        alerts.resolve("circuit-breaker-open:exchange");
        // end snippet
        return alerts;
    }

    static RuleEngine rules(AlertDispatcher alerts, PrometheusMeterRegistry registry, Monitoring monitoring,
            HealthRegistry health) {
        AtomicReference<Instant> lastDecision = new AtomicReference<>(Instant.now());
        // snippet: rules
        RuleEngine rules = RuleEngine.builder(alerts)
            .rule(Rules.errorRateAbove(registry, "exchange.requests", 0.10, Duration.ofMinutes(10)).build())
            .rule(Rules.circuitBreakerOpen(registry, "exchange").build())
            .rule(Rules.retriesPerHourAbove(monitoring.retryRegistry().retry("exchange"), 100).build()) // attempts
            .rule(Rules.noEventFor("decision", lastDecision::get, Duration.ofHours(1)).build())   // dead man's switch
            .rule(Rule.when("disk-low", Conditions.gauge(registry, "disk.free", Tags.empty())).below(1e9)
                .forAtLeast(Duration.ofMinutes(2)).severity(Severity.HIGH).summary("Disk below 1 GB").build())
            .build();                                          // live: evaluates every 5 s until closed
        health.register("alerts.rules", rules.healthCheck());  // DEGRADED while a rule reads a missing meter
        // end snippet
        return rules;
    }

    static PerformanceTracker tracker(PrometheusMeterRegistry registry) {
        Instant openedAt = Instant.now().minusSeconds(3600);
        Instant closedAt = Instant.now();
        double accountEquity = 10_245.0;
        // snippet: tracker
        PerformanceTracker momentum = PerformanceTracker.builder("momentum")
            .config(PerformanceTrackerConfig.custom()
                .periodsPerYear(365)                 // crypto; 252 for equities
                .zone(ZoneId.of("America/New_York")) // where a trading day ends
                .riskFreeRate(0.04)
                .targets(Targets.seeds())            // 28% a year, Sharpe 1.8, win rate 65%, drawdown <= 15%
                .build())
            .build();
        momentum.bindTo(registry);                   // trading.sharpe{strategy="momentum"}, trading.drawdown.max, ...

        momentum.recordTrade(new Trade("BTCUSDT", Side.BUY, 64_000, 64_500, 0.5, 245.0, 5.0, openedAt, closedAt));
        momentum.recordEquity(Instant.now(), accountEquity);
        PerformanceSnapshot s = momentum.snapshot();   // never blocks the writers
        // end snippet
        System.out.println(s.tradeStats().trades());
        return momentum;
    }

    static KillSwitch risk(PerformanceTracker momentum, ComplianceLogger audit, AlertDispatcher alerts,
            PrometheusMeterRegistry registry) {
        List<Runnable> strategies = List.of();
        // snippet: risk
        KillSwitch killSwitch = KillSwitch.create("main-account",
            (rule, reason) -> strategies.forEach(Runnable::run), audit, alerts);   // your cancel-all and stop
        RuleEngine risk = RuleEngine.builder(alerts)
            .rule(RiskRules.dailyLossWarning(momentum, -0.10).build())            // HIGH
            .rule(RiskRules.dailyLossHalt(momentum, -0.15, killSwitch).build())   // CRITICAL, halts
            .rule(RiskRules.maxDrawdownAbove(momentum, 0.15).build())
            .rule(RiskRules.winRateBelow(momentum, 0.40, 20).build())
            .rule(RiskRules.balanceDropHalt(momentum, 0.20, Duration.ofHours(1), killSwitch).build())
            .rule(RiskRules.openPositionsAbove(momentum, 3).build())
            .rule(RiskRules.nearLiquidation(momentum, 0.05).build())              // CRITICAL
            .rule(RiskRules.leverageAbove(momentum, 3.0).build())
            .rule(RiskRules.varBreach(momentum).build())
            .rule(RiskRules.apiErrorsAbove(registry, "exchange.requests", 5, Duration.ofMinutes(10)).build())
            .rule(RiskRules.noDecisionFor(momentum, Duration.ofHours(1)).build()) // after momentum.recordDecision()
            .build();                                                             // live from here
        risk.evaluate();                                                          // or on your trading thread, each tick
        // later, by a person:
        killSwitch.rearm("alice", "limits reviewed");
        // end snippet
        risk.close();
        return killSwitch;
    }

    static StatusPage page(HealthRegistry health, PerformanceTracker momentum, KillSwitch killSwitch,
            AlertDispatcher alerts, Monitoring monitoring, ComplianceLogger audit) throws IOException {
        String token = "a-long-random-token";
        // snippet: status-page
        StatusPage page = StatusPage.builder(health)                    // health cards come first
            .title("BTC bot")
            .section(TradingSections.strategies(List.of(new TradingSections.Strategy(momentum, killSwitch))))
            .section(AlertSections.active(alerts))
            .section(HealthSections.circuitBreakers(monitoring.circuitBreakerRegistry()))
            .section(TradingSections.auditTrail(audit, 20))             // needs ComplianceLogger.keepRecent(n)
            .build();
        HealthServer server = HealthServer.builder(health).port(0).bearerToken(token).statusPage(page).start();
        // end snippet
        server.close();
        return page;
    }

    static void listeners(Monitoring monitoring, List<Object> pager) {
        // snippet: listeners
        monitoring.addListener(new MonitoringListener() {
            @Override public void onCircuitBreakerStateChange(CircuitBreakerStateChange e) { pager.add(e); }
            @Override public void onRetryExhausted(RetryExhausted e) { pager.add(e); }
        });
        // end snippet
    }
}
