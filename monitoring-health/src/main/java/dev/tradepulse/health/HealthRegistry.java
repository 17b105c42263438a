package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.internal.HealthRegistryBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Set;

/**
 * Runs the application's health checks and aggregates them.
 *
 * <ul>
 *   <li>Checks run in parallel on a bounded pool; each gets its own timeout, and one that
 *       overruns is reported {@link HealthStatus#UNHEALTHY} ("timed out after 2s") without
 *       waiting for it.</li>
 *   <li>A check still running from an earlier round is not started again, so a hung check
 *       holds at most one thread, however often health is asked.</li>
 *   <li>A check registered with {@link CheckOptions.Builder#refreshEvery} runs in the
 *       background, and {@link #check()} returns its latest result at once.</li>
 *   <li>Flap damping and listeners.</li>
 * </ul>
 *
 * <h2>Meters</h2>
 * A {@link MeterBinder}: {@link #bindTo(MeterRegistry)} (or {@link Builder#meterRegistry}) publishes
 * {@code tradepulse.health.status} (1 healthy, 0.5 degraded, 0 unhealthy) and
 * {@code tradepulse.health.check.duration}, both tagged with {@code component}, for every check
 * registered before or after; unregistering a check removes its meters.
 *
 * <h2>Lifecycle</h2>
 * {@link Builder#build()} returns a live registry: every setting is checked there, and the worker
 * pool and the refresh scheduler exist from then on (their daemon threads, {@code tradepulse-health-n}
 * and {@code tradepulse-health-refresh-n}, start as checks need them). There is no {@code start()}.
 * {@link #close()} stops both.
 *
 * <p>Thread-safe: registering, unregistering, checking and binding may happen from any thread at
 * any time, also while checks run. The builder is not thread-safe.
 */
public interface HealthRegistry extends AutoCloseable, MeterBinder {

    /** The group for liveness probes: checks of the process itself, never of external systems. */
    String LIVENESS = "liveness";

    /** The group for readiness probes: what must work before the bot should trade. */
    String READINESS = "readiness";

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new HealthRegistryBuilder();
    }

    /**
     * The settings this registry was built with.
     *
     * @return the immutable configuration
     */
    HealthRegistryConfig config();

    /**
     * Registers a check with the registry's {@link HealthRegistryConfig#checkDefaults() default options}
     * (critical, unless configured otherwise), replacing any check of that name.
     *
     * @param name the component name: letters, digits, '_', '.', '-'
     * @param check the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is not such a word
     * @throws IllegalStateException if the registry is closed
     */
    void register(String name, HealthCheck check);

    /**
     * Registers a check, replacing any check of that name.
     *
     * @param name the component name: letters, digits, '_', '.', '-'
     * @param check the check
     * @param options criticality, groups, timeout, refresh and damping
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is not such a word
     * @throws IllegalStateException if the registry is closed
     */
    void register(String name, HealthCheck check, CheckOptions options);

    /**
     * Removes a check and its meters.
     *
     * @param name the component name
     * @return whether a check was removed
     * @throws NullPointerException if {@code name} is null
     */
    boolean unregister(String name);

    /**
     * The registered component names.
     *
     * @return a snapshot, sorted
     */
    Set<String> names();

    /**
     * Whether any registered check is in this group.
     *
     * @param group the group name
     * @return true if the group has members
     * @throws NullPointerException if {@code group} is null
     */
    boolean hasGroup(String group);

    /**
     * Checks every component (cached ones answer from their latest result). After {@link #close()},
     * components that are not cached report {@code UNHEALTHY}, "not run: the registry is closed".
     *
     * @return the report; never waits longer than the largest timeout
     */
    HealthReport check();

    /**
     * Checks the components of one group.
     *
     * @param group the group
     * @return the report; an empty group reports healthy
     * @throws NullPointerException if {@code group} is null
     */
    HealthReport check(String group);

    /**
     * Publishes the meters of every check, registered now or later, to {@code registry}. Binding
     * the same registry twice does nothing.
     *
     * @param registry the meter registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    void bindTo(MeterRegistry registry);

    /**
     * Adds a listener for status changes.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    void addListener(HealthListener listener);

    /**
     * Removes a listener.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    void removeListener(HealthListener listener);

    /**
     * Stops background refreshes and the worker pool: running checks are interrupted and waited
     * for up to {@link HealthRegistryConfig#closeTimeout()}; a check that ignores the interrupt
     * keeps its daemon worker until it returns, and a warning says so. Idempotent and never throws.
     */
    @Override
    void close();

    /**
     * Configures a registry: the settings ({@link #config}) and the runtime objects (clock, meter
     * registry). Not thread-safe.
     */
    interface Builder {

        /**
         * Replaces the settings collected so far with {@code config}'s; {@link #workers(int)}
         * called afterwards changes this copy.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(HealthRegistryConfig config);

        /**
         * Publishes status gauges and duration timers here, as {@link HealthRegistry#bindTo} does;
         * the default publishes none.
         *
         * @param registry the meter registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * The clock for timestamps ({@link HealthReport#timestamp()}, each result's
         * {@code checkedAt}); the default is {@link Clock#systemUTC()}. With the system clock,
         * durations and deadlines are measured with {@link System#nanoTime()}; with any other
         * clock (a test's {@code MutableClock}) they are measured on that clock too, so a test
         * that holds the clock still sees durations of zero.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * The most checks that run at once; a shortcut for {@link HealthRegistryConfig.Builder#workers(int)}.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        Builder workers(int threads);

        /**
         * Builds the live registry.
         *
         * @return the registry
         */
        HealthRegistry build();
    }
}
