package dev.tradepulse.trading.risk;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.health.HealthRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health drives risk: a {@link HealthListener} that lowers a {@link RiskTarget} when a mapped
 * check turns bad, and lifts it when the check is better again if its mapping allows recovery
 * ({@link HealthRiskMappingConfig}, whose defaults move stale market data and an unreachable
 * exchange to REDUCING and an unhealthy audit journal to HALTED).
 *
 * <pre>{@code
 * HealthRiskMapping mapping = HealthRiskMapping.builder(riskState).build();
 * health.addListener(mapping);
 * mapping.apply(health.check());   // a check that is bad from its first run changes nothing to listen to
 * }</pre>
 *
 * <p>The cause of each move is {@code health:<check name>}, so two checks hold the state
 * independently: fresh market data lifts the market-data cause, not the exchange's. The registry
 * reports a component's change (after flap damping) and the overall status's change; on the
 * latter this mapping re-reads every component of the report, which also catches a check that was
 * bad from its first run (the registry reports no change for a first result). Call
 * {@link #apply(HealthReport)} once after registering, for the same reason.
 *
 * <p>Health checks are matched by the name they are registered under; the listener SPI does not
 * carry a check's groups, so register related checks under a common prefix ({@code exchange},
 * {@code exchange.breaker}) and map the prefix.
 *
 * <p>Never throws into the health registry: what the target throws (an {@code Error} included,
 * except a fatal VM error) is counted ({@link #targetFailures()}) and logged at most once a minute.
 * Thread-safe and stateless apart from that count: several health workers may call it at once.
 */
public final class HealthRiskMapping implements HealthListener {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRiskMapping.class);

    /** The prefix of every cause this mapping gives its target. */
    public static final String CAUSE_PREFIX = "health:";

    private final RiskTarget target;
    private final HealthRiskMappingConfig config;
    private final AtomicLong targetFailures = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));

    private HealthRiskMapping(Builder b) {
        this.target = b.target;
        this.config = b.config;
    }

    /**
     * Starts a mapping onto {@code target} with the default mappings.
     *
     * @param target what the mapped checks lower and lift, such as the strategy's trading state
     * @return a builder
     * @throws NullPointerException if {@code target} is null
     */
    public static Builder builder(RiskTarget target) {
        return new Builder(Checks.notNull(target, "target"));
    }

    /** @return the mappings */
    public HealthRiskMappingConfig config() {
        return config;
    }

    /** @return how many calls to the target threw */
    public long targetFailures() {
        return targetFailures.get();
    }

    /**
     * The cause a check's moves are recorded under.
     *
     * @param checkName the check's registered name
     * @return {@code health:<checkName>}
     * @throws NullPointerException if {@code checkName} is null
     */
    public static String causeOf(String checkName) {
        return CAUSE_PREFIX + Checks.notNull(checkName, "checkName");
    }

    @Override
    public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
        apply(name, current);
    }

    @Override
    public void onOverallChange(HealthStatus previous, HealthReport current) {
        apply(current);
    }

    /**
     * Applies every mapped component of a report: lowers for the bad ones, lifts the recovered
     * ones whose mapping allows it. Never throws.
     *
     * @param report a health report, such as {@link HealthRegistry#check()}
     */
    public void apply(HealthReport report) {
        if (report == null) {
            return;
        }
        for (Map.Entry<String, HealthReport.Component> e : report.components().entrySet()) {
            apply(e.getKey(), e.getValue().result());
        }
    }

    /**
     * Applies one check's result. Never throws.
     *
     * @param name the check's registered name
     * @param result its result
     */
    public void apply(String name, HealthResult result) {
        if (name == null || result == null) {
            return;
        }
        Optional<HealthRiskMappingConfig.Mapping> found = config.mappingFor(name);
        if (found.isEmpty()) {
            return;
        }
        HealthRiskMappingConfig.Mapping mapping = found.get();
        String cause = causeOf(name);
        try {
            if (result.status().ordinal() >= mapping.at().ordinal()) {
                target.lower(mapping.to(), cause, reason(name, result));
            } else if (mapping.recovers()) {
                target.lift(cause);
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            long failures = targetFailures.incrementAndGet();
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("The risk target failed on the health of '{}' ({} failures so far): {}", LogText.clean(name),
                        failures, LogText.describe(t));
            }
        }
    }

    private static String reason(String name, HealthResult result) {
        String status = result.status().jsonName();
        return result.message().map(m -> String.format(Locale.ROOT, "health of '%s' is %s: %s", LogText.clean(name, 100),
                status, LogText.clean(m, 200))).orElse("health of '" + LogText.clean(name, 100) + "' is " + status);
    }

    @Override
    public String toString() {
        return "HealthRiskMapping" + config.mappings();
    }

    /** Configures a mapping. Not thread-safe. */
    public static final class Builder {
        private final RiskTarget target;
        private HealthRiskMappingConfig config = HealthRiskMappingConfig.ofDefaults();

        private Builder(RiskTarget target) {
            this.target = target;
        }

        /**
         * The mappings; {@link HealthRiskMappingConfig#ofDefaults()} unless set.
         *
         * @param config the mappings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(HealthRiskMappingConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Builds the listener; it holds no thread and nothing to close.
         *
         * @return the mapping, to add to a {@link HealthRegistry} with {@code addListener}
         */
        public HealthRiskMapping build() {
            return new HealthRiskMapping(this);
        }
    }
}
