package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSubscriptions;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.runtime.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The health registry with the built-in checks, and health changes subscribed to alerts. */
final class HealthWiring {

    private static final long GIB = 1024L * 1024 * 1024;

    /** A check the bot registered through the builder. */
    record UserCheck(String name, HealthCheck check, CheckOptions options) {
    }

    private HealthWiring() {
    }

    /** How often the journal's health is read with nobody asking; a failed journal halts within about this. */
    static final Duration JOURNAL_REFRESH = Duration.ofSeconds(2);

    static HealthRegistry registry(Config config, Path dataDir, MeterRegistry meters, Clock clock, Monitoring monitoring,
            AlertDispatcher alerts, ComplianceLogger audit, List<UserCheck> user) {
        HealthRegistry health = HealthRegistry.builder().meterRegistry(meters).clock(clock).build();
        try {
            CheckOptions readiness = CheckOptions.builder().groups(HealthRegistry.READINESS).build();
            // Liveness is the process alone: a venue outage must never get the bot restarted.
            health.register("process", HealthResult::healthy, CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
            health.register("deadlocks", HealthChecks.deadlocks(), CheckOptions.builder().groups(HealthRegistry.LIVENESS)
                    .refreshEvery(Duration.ofSeconds(10)).build());
            // A journal that failed closed takes the bot out of service: it can no longer prove what it did.
            // Refreshed in the background: the mapping that halts every strategy on it must not wait for a probe.
            health.register("audit-journal", audit.healthCheck(), CheckOptions.builder().groups(HealthRegistry.READINESS)
                    .refreshEvery(JOURNAL_REFRESH).build());
            health.register("circuit-breakers", HealthChecks.circuitBreakers(monitoring.circuitBreakerRegistry()), readiness);
            // The seeds' thresholds: degraded below 5 GiB free, unhealthy below 1 GiB, where the data lives.
            health.register("disk", HealthChecks.diskSpace(dataDir, 5 * GIB, GIB),
                    CheckOptions.builder().nonCritical().refreshEvery(Duration.ofSeconds(30)).build());
            health.register("heap", HealthChecks.heap(0.85, 0.95), CheckOptions.builder().nonCritical().build());
            alerts.sinkHealthChecks().forEach((name, check) -> health.register("alerts-" + name, check,
                    CheckOptions.builder().nonCritical().build()));
            for (UserCheck u : user) {
                health.register(u.name(), u.check(), u.options());
            }
            health.addListener(AlertSubscriptions.health(alerts));
            return health;
        } catch (RuntimeException | Error e) {
            health.close();
            throw e;
        }
    }
}
