package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.HealthRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Moves the Actuator health indicators named by {@code tradepulse.health.indicators.include} into
 * TradePulse's health registry, once every singleton exists: each becomes a TradePulse check of
 * the same name (run in parallel with the others, bounded by its timeout, an {@code Error} it
 * throws caught), and Actuator's contributor of that name is <em>replaced</em> by one that reads
 * the check's result from the current {@link HealthRounds round}. So an indicator runs once per
 * round, never once for TradePulse and again for Actuator, and {@code /actuator/health} shows it
 * under its own name, with its own status and details when it answered in time.
 *
 * <p>Adopted indicators are left out of the {@code tradepulse} composite (they are not listed
 * twice), and appear on TradePulse's status page and in {@code tradepulse_health_status}.
 *
 * <p>{@code *} adopts every {@link HealthIndicator} but TradePulse's own contributors, Spring's
 * availability states ({@code livenessState}, {@code readinessState}: they must change at once, not
 * from a cache), composites, names TradePulse's registry already uses and names it does not accept; a name listed
 * explicitly that cannot be adopted fails the start, saying why. Thread-safe; it runs once.
 */
public final class AdoptedIndicators implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(AdoptedIndicators.class);
    private static final String ALL = "*";
    /** Spring's own availability states: they must flip at once (readiness at shutdown), never from a cache. */
    private static final Set<String> AVAILABILITY_STATES = Set.of("livenessState", "readinessState");

    private final ObjectProvider<HealthContributorRegistry> registry;
    private final HealthRounds rounds;
    private final IndicatorProperties properties;
    private volatile Set<String> adopted = Set.of();

    /**
     * @param registry Actuator's contributor registry, if there is one
     * @param rounds TradePulse's rounds
     * @param properties which indicators, and their timeouts
     * @throws NullPointerException if an argument is null
     */
    public AdoptedIndicators(ObjectProvider<HealthContributorRegistry> registry, HealthRounds rounds,
            IndicatorProperties properties) {
        this.registry = Checks.notNull(registry, "registry");
        this.rounds = Checks.notNull(rounds, "rounds");
        this.properties = Checks.notNull(properties, "properties");
    }

    /**
     * Adopts the configured indicators.
     *
     * @throws IllegalStateException if an indicator named explicitly cannot be adopted
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (properties.getInclude().isEmpty()) {
            return;
        }
        HealthContributorRegistry actuator = registry.getIfAvailable();
        if (actuator == null) {
            LOG.warn("tradepulse.health.indicators.include is set, but Actuator's health endpoint is not configured;"
                    + " no indicator was adopted");
            return;
        }
        adopted = Collections.unmodifiableSet(adopt(actuator));
        if (!adopted.isEmpty()) {
            LOG.info("TradePulse runs these Actuator health indicators in its registry: {}", adopted);
        }
    }

    /** @return the names of the adopted indicators */
    public Set<String> adopted() {
        return adopted;
    }

    private Set<String> adopt(HealthContributorRegistry actuator) {
        Map<String, HealthContributor> all = new LinkedHashMap<>();
        for (HealthContributors.Entry e : actuator.stream().toList()) {
            all.put(e.name(), e.contributor());
        }
        boolean everything = properties.getInclude().contains(ALL);
        List<String> names = everything ? new ArrayList<>(all.keySet()) : new ArrayList<>(properties.getInclude());
        Set<String> done = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        HealthRegistry tradePulse = rounds.registry();
        for (String name : names) {
            if (properties.getExclude().contains(name) || done.contains(name)
                    || (everything && AVAILABILITY_STATES.contains(name))) {
                continue;
            }
            @Nullable HealthContributor contributor = all.get(name);
            @Nullable String problem = problem(name, contributor, tradePulse, all.keySet());
            if (problem != null || !(contributor instanceof HealthIndicator indicator)) {
                if (everything) {
                    LOG.debug("Actuator health contributor '{}' stays with Actuator: {}", name, problem);
                } else {
                    problems.add(String.valueOf(problem));
                }
                continue;
            }
            tradePulse.register(name, new IndicatorCheck(indicator), properties.options(name));
            rounds.adopt(name);
            actuator.unregisterContributor(name);
            actuator.registerContributor(name, new CachedIndicator(rounds, name));
            done.add(name);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tradepulse.health.indicators.include: " + String.join("; ", problems));
        }
        return done;
    }

    private static @Nullable String problem(String name, @Nullable HealthContributor contributor, HealthRegistry tradePulse,
            Set<String> known) {
        if (contributor == null) {
            return "'" + name + "' is not a health contributor of the application (known: " + new TreeSet<>(known) + ")";
        }
        if (contributor instanceof TradePulseHealthContributor || contributor instanceof CachedIndicator) {
            return "'" + name + "' is TradePulse's own";
        }
        if (!(contributor instanceof HealthIndicator)) {
            return "'" + name + "' is a composite contributor; only a HealthIndicator can be adopted";
        }
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            return "'" + name + "' is not a name TradePulse's registry accepts (letters, digits, '_', '.', '-')";
        }
        if (tradePulse.names().contains(name)) {
            return "'" + name + "' is already the name of a TradePulse check";
        }
        return null;
    }
}
