package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSections;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.status.HealthSections;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.http.stream.StatusStream;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.status.LockSections;
import dev.tradepulse.trading.status.TradingSections;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server for everything: /health, /metrics, /status, /events, /ws and the page at /. */
final class ServerWiring {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime");

    private ServerWiring() {
    }

    /** The status page with every built-in section, then the builder's: served by the server, or by another. */
    static StatusPage page(String app, HealthRegistry health, Monitoring monitoring, AlertDispatcher alerts,
            ComplianceLogger audit, Collection<StrategyHandle> strategies, LockBook locks, List<StatusSection> extra,
            Clock clock) {
        StatusPage.Builder page = StatusPage.builder(health).title(app).clock(clock)
                .section(TradingSections.strategies(strategies.stream()
                        .map(s -> new TradingSections.Strategy(s.tracker(), s.killSwitch())).toList()))
                .section(TradingSections.tradingStates(strategies.stream().map(StrategyHandle::riskState).toList()))
                .section(LockSections.locks(locks))
                .section(AlertSections.active(alerts))
                .section(HealthSections.circuitBreakers(monitoring.circuitBreakerRegistry()))
                .section(TradingSections.auditTrail(audit, 15))
                .section(audit.statusSection())
                .webSocket(StatusStream.ofDefaults());
        extra.forEach(page::section);
        return page.build();
    }

    static HealthServer server(Config config, HealthRegistry health, @Nullable PrometheusMeterRegistry scrape,
            StatusPage page, PrintStream console) throws IOException {
        boolean generated = config.secret("server.token").isEmpty();
        String token = generated ? newToken() : config.secret("server.token").orElseThrow().reveal();
        HealthServer.Builder b = HealthServer.builder(health)
                .bindAddress(InetAddress.getByName(config.string("server.host").orElseThrow()))
                .port((int) config.integer("server.port"))
                .bearerToken(token)
                .statusPage(page)
                .metricsRequireToken(config.bool("server.metrics-require-token"));
        List<String> hosts = config.list("server.allowed-hosts");
        if (!hosts.isEmpty()) {
            b.allowedHosts(hosts.toArray(String[]::new));
        }
        if (scrape != null) {
            b.metrics(scrape); // with OTLP on, the Prometheus child of the composite: /metrics stays as it was
        }
        HealthServer server = b.start();
        if (generated) {
            // Printed once, to the console only, never to the log: the log is shipped and kept.
            console.println("TradePulse status page: " + server.uri() + "/#token=" + token
                    + "  (a generated token; set server.token to keep one)");
        } else {
            LOG.info("TradePulse status page: {}/ (token from server.token)", server.uri());
        }
        return server;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
