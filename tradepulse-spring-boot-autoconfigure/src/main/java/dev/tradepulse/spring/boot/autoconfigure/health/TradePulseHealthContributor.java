package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.Criticality;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * TradePulse's checks (all, or one group's) as one Actuator composite: each check is a component,
 * read from the same {@link HealthRounds round}. The list follows the registry, so a check
 * registered after start appears at the next request. Actuator indicators adopted by
 * {@link AdoptedIndicators} are left out: Actuator lists them under their own names.
 *
 * <p>Status mapping: {@code HEALTHY} is {@code UP}; {@code DEGRADED} is {@code UP} with the detail
 * {@code tradepulseStatus: DEGRADED} (a degraded bot still serves, as in TradePulse's own
 * aggregate); {@code UNHEALTHY} is {@code DOWN} for a critical check and {@code UP} with
 * {@code tradepulseStatus: UNHEALTHY} for a non-critical one, since TradePulse's own rule is that
 * a non-critical failure degrades and never takes the bot down. Details: the check's message,
 * details, duration and criticality (shown only as Actuator's {@code show-details} allows).
 *
 * <p>Thread-safe.
 */
public final class TradePulseHealthContributor implements CompositeHealthContributor {

    /** The detail naming TradePulse's own status when it differs from Actuator's {@code UP}. */
    public static final String STATUS_DETAIL = "tradepulseStatus";

    private final HealthRounds rounds;
    private final @Nullable String group;

    /**
     * @param rounds the shared rounds
     * @param group a group of the registry ({@link HealthRegistry#LIVENESS}...), or null for every check
     * @throws NullPointerException if {@code rounds} is null
     */
    public TradePulseHealthContributor(HealthRounds rounds, @Nullable String group) {
        this.rounds = Checks.notNull(rounds, "rounds");
        this.group = group;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return !rounds.isAdopted(name) && rounds.report(group).components().containsKey(name) ? indicator(name) : null;
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return rounds.report(group).components().keySet().stream()
                .filter(name -> !rounds.isAdopted(name)) // Actuator shows those under their own names
                .map(name -> new HealthContributors.Entry(name, indicator(name)));
    }

    private HealthIndicator indicator(String name) {
        return () -> {
            HealthReport.Component c = rounds.report(group).components().get(name);
            return c == null ? Health.unknown().withDetail("message", "no longer registered").build() : toHealth(c);
        };
    }

    /**
     * @param component one check's result in a report
     * @return it as an Actuator health, mapped as the class comment says
     * @throws NullPointerException if {@code component} is null
     */
    public static Health toHealth(HealthReport.Component component) {
        HealthResult r = Checks.notNull(component, "component").result();
        HealthStatus s = r.status();
        boolean down = s == HealthStatus.UNHEALTHY && component.criticality() == Criticality.CRITICAL;
        Health.Builder b = Health.status(down ? Status.DOWN : Status.UP);
        if (s != HealthStatus.HEALTHY && !down) {
            b.withDetail(STATUS_DETAIL, s.name());
        }
        r.message().ifPresent(m -> b.withDetail("message", m));
        for (Map.Entry<String, Object> d : r.details().entrySet()) {
            b.withDetail(d.getKey(), d.getValue());
        }
        b.withDetail("durationMs", r.duration().toMillis());
        b.withDetail("criticality", component.criticality().name());
        return b.build();
    }
}
