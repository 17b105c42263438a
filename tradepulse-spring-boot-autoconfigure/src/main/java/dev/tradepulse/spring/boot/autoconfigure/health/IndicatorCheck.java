package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * An Actuator {@link HealthIndicator} as a TradePulse {@link HealthCheck}. {@code UP} is healthy,
 * {@code DOWN} and {@code OUT_OF_SERVICE} unhealthy, anything else ({@code UNKNOWN}, a custom
 * status) degraded. The indicator's own status code and details travel in the result, so that
 * {@link CachedIndicator} gives Actuator the indicator's health as it was; what the indicator
 * throws, and a run that overruns its timeout, are the registry's to turn into unhealthy results.
 *
 * <p>Thread-safe if the indicator is; the registry never runs it twice at once.
 */
final class IndicatorCheck implements HealthCheck {

    /** The detail that carries the indicator's own status code. */
    static final String STATUS_CODE = "actuatorStatus";

    private final HealthIndicator indicator;

    IndicatorCheck(HealthIndicator indicator) {
        this.indicator = indicator;
    }

    @Override
    public HealthResult check() {
        @Nullable Health health = indicator.health(true);
        if (health == null) {
            return HealthResult.unhealthy("the indicator returned no health");
        }
        Status status = health.getStatus();
        HealthResult.Builder b = HealthResult.builder(status(status)).detail(STATUS_CODE, status.getCode());
        for (Map.Entry<String, Object> d : health.getDetails().entrySet()) {
            Object v = d.getValue();
            if (d.getKey() != null && v != null && !STATUS_CODE.equals(d.getKey())) {
                b.detail(d.getKey(), v instanceof String || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
            }
        }
        return b.build();
    }

    static HealthStatus status(Status status) {
        if (Status.UP.equals(status)) {
            return HealthStatus.HEALTHY;
        }
        if (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) {
            return HealthStatus.UNHEALTHY;
        }
        return HealthStatus.DEGRADED;
    }

    @Override
    public String toString() {
        return "IndicatorCheck[" + indicator.getClass().getName() + "]";
    }
}
