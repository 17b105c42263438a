package dev.tradepulse.examples;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSections;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.status.HealthSections;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.trading.status.TradingSections;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** One port for everything: /health, /metrics, /status, /events and the status page at /. */
final class DemoWeb {

    private DemoWeb() {
    }

    /** A fresh random token per run: details on the page need it, as they would in production. */
    static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static HealthServer start(int port, String token, HealthRegistry health, PrometheusMeterRegistry prometheus,
            Monitoring monitoring, AlertDispatcher alerts, ComplianceLogger audit, List<Strategy> strategies)
            throws IOException {
        StatusPage page = StatusPage.builder(health)
                .title("TradePulse demo bot")
                .section(TradingSections.strategies(strategies.stream()
                        .map(s -> new TradingSections.Strategy(s.tracker, s.killSwitch)).toList()))
                .section(AlertSections.active(alerts))
                .section(HealthSections.circuitBreakers(monitoring.circuitBreakerRegistry()))
                .section(TradingSections.auditTrail(audit, 15))
                .section(audit.statusSection())
                .build();
        return HealthServer.builder(health).port(port).bearerToken(token).statusPage(page)
                .metrics(prometheus)
                .start();
    }
}
