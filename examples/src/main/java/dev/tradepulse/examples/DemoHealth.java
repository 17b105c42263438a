package dev.tradepulse.examples;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The demo's components, registered the way a real bot would register its own. */
final class DemoHealth {

    private static final long GB = 1024L * 1024 * 1024;

    private DemoHealth() {
    }

    static HealthRegistry registry(Monitoring monitoring, MeterRegistry meters, AtomicReference<Instant> lastTick,
            ComplianceLogger audit) {
        HealthRegistry health = HealthRegistry.builder().meterRegistry(meters).build();
        // A journal that failed closed must take the bot out of service: it can no longer prove what it did.
        health.register("audit-journal", audit.healthCheck(), CheckOptions.builder().groups(HealthRegistry.READINESS).build());
        // Liveness: only the process itself, never the exchange (a venue outage must not restart the bot).
        health.register("process", HealthResult::healthy, CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
        health.register("deadlocks", HealthChecks.deadlocks(),
                CheckOptions.builder().groups(HealthRegistry.LIVENESS).refreshEvery(Duration.ofSeconds(10)).build());
        // Readiness: what must work before the bot should trade.
        health.register("exchange", HealthChecks.circuitBreakers(monitoring.circuitBreakerRegistry()),
                CheckOptions.builder().groups(HealthRegistry.READINESS).build());
        health.register("market-data", HealthChecks.freshness(lastTick::get, Duration.ofSeconds(5), Clock.systemUTC()),
                CheckOptions.builder().groups(HealthRegistry.READINESS).initialStatus(
                        dev.tradepulse.api.health.HealthStatus.DEGRADED).damping(2, 1).build());
        // Resources: a full disk degrades first and pages at 1 GB, as the seeds do.
        health.register("disk", HealthChecks.diskSpace(Path.of("."), 5 * GB, GB),
                CheckOptions.builder().nonCritical().refreshEvery(Duration.ofSeconds(30)).build());
        health.register("heap", HealthChecks.heap(0.85, 0.95), CheckOptions.builder().nonCritical().build());
        return health;
    }
}
