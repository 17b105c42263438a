package dev.tradepulse.health.status;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.test.kit.StatusSectionCompatibilityKit;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The health module's status sections keep the status-section contract of monitoring-test's kit. */
class HealthSectionsContractTest {

    @Nested
    class Health extends StatusSectionCompatibilityKit {
        @Override
        protected StatusSection createSection() {
            HealthRegistry registry = HealthRegistry.builder().build();
            registry.register("exchange", () -> HealthResult.degraded("lagging behind feed-host-17"));
            registry.register("database", () -> HealthResult.unhealthy("password=hunter2 rejected"));
            return HealthSections.health(registry);
        }

        @Override
        protected List<String> detailsOnly() {
            return List.of("feed-host-17");
        }

        @Override
        protected List<String> secrets() {
            return List.of("hunter2");
        }
    }

    @Nested
    class CircuitBreakers extends StatusSectionCompatibilityKit {
        @Override
        protected StatusSection createSection() {
            CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
            breakers.circuitBreaker("exchange").transitionToOpenState();
            breakers.circuitBreaker("news");
            return HealthSections.circuitBreakers(breakers);
        }
    }
}
