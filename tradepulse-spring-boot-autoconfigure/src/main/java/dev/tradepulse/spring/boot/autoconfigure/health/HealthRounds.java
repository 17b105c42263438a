package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One round of TradePulse's checks per health request: Actuator asks each component separately,
 * and a round younger than the cache interval answers them all, so that a request runs the checks
 * (in parallel, each within its timeout) once rather than once per component.
 *
 * <p>Thread-safe: two requests at once may both start a round; each gets a complete report.
 */
public final class HealthRounds {

    private final HealthRegistry registry;
    private final long cacheNanos;
    private final Map<String, Round> latest = new ConcurrentHashMap<>();
    private final Set<String> adopted = ConcurrentHashMap.newKeySet();

    private record Round(HealthReport report, long at) {
    }

    /**
     * @param registry the registry whose checks run
     * @param cache how long a round is reused; zero runs a round for every component
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code cache} is negative
     */
    public HealthRounds(HealthRegistry registry, Duration cache) {
        this.registry = Checks.notNull(registry, "registry");
        Checks.notNull(cache, "cache");
        if (cache.isNegative()) {
            throw new IllegalArgumentException("cache must not be negative: " + cache);
        }
        this.cacheNanos = cache.toNanos();
    }

    /**
     * @param group a group, or null for every check
     * @return a report no older than the cache interval
     */
    public HealthReport report(@Nullable String group) {
        String key = group == null ? "" : group;
        long now = System.nanoTime();
        Round r = latest.get(key);
        if (r != null && now - r.at() < cacheNanos) {
            return r.report();
        }
        HealthReport report = group == null ? registry.check() : registry.check(group);
        latest.put(key, new Round(report, System.nanoTime()));
        return report;
    }

    /** Marks a check as an adopted Actuator indicator, which Actuator shows under its own name. */
    void adopt(String name) {
        adopted.add(name);
    }

    /** @return whether the check is an adopted Actuator indicator rather than one of TradePulse's own */
    boolean isAdopted(String name) {
        return adopted.contains(name);
    }

    /** @return the registry the rounds run on */
    public HealthRegistry registry() {
        return registry;
    }
}
