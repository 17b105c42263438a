package dev.tradepulse.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.Criticality;
import dev.tradepulse.health.HealthReport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TradePulseHealthContributorTest {

    private static Health map(HealthResult r, Criticality c) {
        return TradePulseHealthContributor.toHealth(new HealthReport.Component(r, c));
    }

    @Test
    void healthyIsUpWithItsMessage() {
        Health h = map(HealthResult.healthy("connected"), Criticality.CRITICAL);

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("message", "connected").doesNotContainKey("tradepulseStatus");
    }

    @Test
    void degradedIsUpAndSaysSo() {
        Health h = map(HealthResult.degraded("slow"), Criticality.CRITICAL);

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("tradepulseStatus", "DEGRADED");
    }

    @Test
    void aCriticalUnhealthyCheckIsDown() {
        Health h = map(HealthResult.unhealthy("gone"), Criticality.CRITICAL);

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("criticality", "CRITICAL");
    }

    @Test
    void aNonCriticalUnhealthyCheckOnlyDegradesAsInTradePulse() {
        Health h = map(HealthResult.unhealthy("gone"), Criticality.NON_CRITICAL);

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("tradepulseStatus", "UNHEALTHY");
    }
}
