package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthReport;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * What Actuator holds, under the indicator's own name, in place of an adopted indicator: its
 * result in the current {@link HealthRounds round}, never a run of its own. A result the
 * indicator gave comes back with its own status and details; a timeout or a throw comes back as
 * {@link TradePulseHealthContributor#toHealth} maps it ({@code DOWN}, "timed out after 2s").
 *
 * <p>Thread-safe.
 */
final class CachedIndicator implements HealthIndicator {

    private final HealthRounds rounds;
    private final String name;

    CachedIndicator(HealthRounds rounds, String name) {
        this.rounds = rounds;
        this.name = name;
    }

    @Override
    public Health health() {
        HealthReport.Component c = rounds.report(null).components().get(name);
        if (c == null) {
            return Health.unknown().withDetail("message", "no longer registered").build();
        }
        HealthResult r = c.result();
        if (!(r.details().get(IndicatorCheck.STATUS_CODE) instanceof String code)) {
            return TradePulseHealthContributor.toHealth(c);
        }
        Health.Builder b = Health.status(new Status(code));
        for (Map.Entry<String, Object> d : r.details().entrySet()) {
            if (!IndicatorCheck.STATUS_CODE.equals(d.getKey())) {
                b.withDetail(d.getKey(), d.getValue());
            }
        }
        return b.withDetail("durationMs", r.duration().toMillis()).build();
    }

    @Override
    public String toString() {
        return "CachedIndicator[" + name + "]";
    }
}
