package dev.tradepulse.trading.risk;

import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which health checks move a strategy's trading state, and how far: an ordered list of
 * {@link Mapping}s, the first whose pattern matches a check's name applying.
 *
 * <p>The defaults (names as the demo registers them; a trailing {@code *} matches any suffix):
 * <table>
 *   <caption>Default mappings</caption>
 *   <tr><th>check</th><th>at</th><th>moves to</th><th>recovers by itself</th><th>why</th></tr>
 *   <tr><td>{@code market-data*}</td><td>UNHEALTHY</td><td>REDUCING</td><td>yes</td><td>no new
 *       exposure on prices the bot cannot see; closing stays possible, and fresh data lifts it</td></tr>
 *   <tr><td>{@code exchange*}</td><td>UNHEALTHY</td><td>REDUCING</td><td>yes</td><td>"halted for
 *       new entries" is what REDUCING means; HALTED would also refuse the orders that close
 *       positions the moment the exchange answers again. Breaker checks registered under an
 *       {@code exchange} name are covered too</td></tr>
 *   <tr><td>{@code audit-journal*}, {@code journal*}</td><td>UNHEALTHY</td><td>HALTED</td><td>no</td>
 *       <td>no trading without an audit trail; an operator confirms the trail is back and lifts
 *       the halt by hand</td></tr>
 * </table>
 * A DEGRADED check (slow, not failing) moves nothing by default. To trade on without a journal,
 * replace its mapping ({@code map("audit-journal*", UNHEALTHY, REDUCING, true)}) or
 * {@link Builder#unmap} it.
 *
 * <p>Immutable and thread-safe; holds no secrets. {@link Builder} is not thread-safe.
 */
public final class HealthRiskMappingConfig {

    private static final HealthRiskMappingConfig DEFAULTS = new Builder(defaultMappings()).build();

    private final List<Mapping> mappings;

    private HealthRiskMappingConfig(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    private static List<Mapping> defaultMappings() {
        return List.of(new Mapping("market-data*", HealthStatus.UNHEALTHY, TradingState.REDUCING, true),
                new Mapping("exchange*", HealthStatus.UNHEALTHY, TradingState.REDUCING, true),
                new Mapping("audit-journal*", HealthStatus.UNHEALTHY, TradingState.HALTED, false),
                new Mapping("journal*", HealthStatus.UNHEALTHY, TradingState.HALTED, false));
    }

    /**
     * The default mappings (see the class description).
     *
     * @return the defaults
     */
    public static HealthRiskMappingConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the default mappings.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder(defaultMappings());
    }

    /**
     * Starts from another config's mappings.
     *
     * @param base the config to copy
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(HealthRiskMappingConfig base) {
        return new Builder(Checks.notNull(base, "base").mappings);
    }

    /** @return the mappings, in the order they are tried */
    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * The first mapping whose pattern matches a check's name.
     *
     * @param checkName the name the check is registered under
     * @return the mapping, if any
     * @throws NullPointerException if {@code checkName} is null
     */
    public Optional<Mapping> mappingFor(String checkName) {
        Checks.notNull(checkName, "checkName");
        for (Mapping m : mappings) {
            if (m.matches(checkName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof HealthRiskMappingConfig c && mappings.equals(c.mappings);
    }

    @Override
    public int hashCode() {
        return mappings.hashCode();
    }

    @Override
    public String toString() {
        return "HealthRiskMappingConfig" + mappings;
    }

    /**
     * One mapping: a check whose name matches {@code pattern} and whose status is {@code at} or
     * worse lowers the state to {@code to}, with the cause {@code health:<check name>}; when the
     * check is better again, the cause is lifted if {@code recovers}, and otherwise stays until an
     * operator lifts it.
     *
     * <p>Immutable and thread-safe.
     *
     * @param pattern a check name, or a prefix followed by {@code *}
     * @param at DEGRADED or UNHEALTHY
     * @param to REDUCING or HALTED
     * @param recovers whether a better status lifts what this mapping lowered
     */
    public record Mapping(String pattern, HealthStatus at, TradingState to, boolean recovers) {

        /**
         * Checks the values.
         *
         * @throws NullPointerException if {@code pattern}, {@code at} or {@code to} is null
         * @throws IllegalArgumentException if {@code pattern} is not a name of letters, digits,
         *     '_', '.', '-' with an optional trailing '*', {@code at} is HEALTHY or {@code to} is ACTIVE
         */
        public Mapping {
            Checks.notNull(pattern, "pattern");
            Checks.notNull(at, "at");
            Checks.notNull(to, "to");
            if (!pattern.matches("[A-Za-z0-9_.-]+\\*?")) {
                throw new IllegalArgumentException("pattern must be a check name with an optional trailing '*', got '"
                        + pattern + "'");
            }
            if (at == HealthStatus.HEALTHY) {
                throw new IllegalArgumentException("at must be DEGRADED or UNHEALTHY, got HEALTHY");
            }
            if (to == TradingState.ACTIVE) {
                throw new IllegalArgumentException("to must be REDUCING or HALTED, got ACTIVE");
            }
        }

        /**
         * @param checkName a registered check's name
         * @return whether this mapping applies to it
         * @throws NullPointerException if {@code checkName} is null
         */
        public boolean matches(String checkName) {
            return pattern.endsWith("*") ? checkName.startsWith(pattern.substring(0, pattern.length() - 1))
                    : checkName.equals(pattern);
        }

        @Override
        public String toString() {
            return pattern + " " + at + "->" + to + (recovers ? " (recovers)" : " (manual)");
        }
    }

    /** Collects mappings, checking each at once. Not thread-safe. */
    public static final class Builder {
        private final List<Mapping> mappings;

        private Builder(List<Mapping> start) {
            this.mappings = new ArrayList<>(start);
        }

        /**
         * Adds a mapping, or replaces the one with the same pattern in its place.
         *
         * @param pattern a check name, or a prefix followed by {@code *}
         * @param at DEGRADED or UNHEALTHY
         * @param to REDUCING or HALTED
         * @param recovers whether a better status lifts what it lowered
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException as {@link Mapping#Mapping} does
         */
        public Builder map(String pattern, HealthStatus at, TradingState to, boolean recovers) {
            Mapping m = new Mapping(pattern, at, to, recovers);
            for (int i = 0; i < mappings.size(); i++) {
                if (mappings.get(i).pattern().equals(pattern)) {
                    mappings.set(i, m);
                    return this;
                }
            }
            mappings.add(m);
            return this;
        }

        /**
         * Removes the mapping with this pattern, if there is one.
         *
         * @param pattern the pattern
         * @return this builder
         * @throws NullPointerException if {@code pattern} is null
         */
        public Builder unmap(String pattern) {
            Checks.notNull(pattern, "pattern");
            mappings.removeIf(m -> m.pattern().equals(pattern));
            return this;
        }

        /**
         * Removes every mapping, the defaults included.
         *
         * @return this builder
         */
        public Builder clear() {
            mappings.clear();
            return this;
        }

        /**
         * Freezes the mappings.
         *
         * @return the config
         */
        public HealthRiskMappingConfig build() {
            return new HealthRiskMappingConfig(mappings);
        }
    }
}
