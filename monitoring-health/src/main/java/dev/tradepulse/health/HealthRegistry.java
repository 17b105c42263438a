package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.internal.HealthRegistryBuilder;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
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
 *   <li>Flap damping, listeners, and Micrometer meters: {@code tradepulse.health.status}
 *       (1 healthy, 0.5 degraded, 0 unhealthy) and {@code tradepulse.health.check.duration},
 *       both tagged with {@code component}.</li>
 * </ul>
 * Registering and unregistering are thread-safe at any time, also while checks run.
 */
public interface HealthRegistry extends AutoCloseable {

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
     * Registers a critical check with default options, replacing any check of that name.
     *
     * @param name the component name, a URL-safe word
     * @param check the check
     */
    void register(String name, HealthCheck check);

    /**
     * Registers a check, replacing any check of that name.
     *
     * @param name the component name: letters, digits, '_', '.', '-'
     * @param check the check
     * @param options criticality, groups, timeout, refresh and damping
     */
    void register(String name, HealthCheck check, CheckOptions options);

    /**
     * Removes a check and its meters.
     *
     * @param name the component name
     * @return whether a check was removed
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
     */
    boolean hasGroup(String group);

    /**
     * Checks every component (cached ones answer from their latest result).
     *
     * @return the report; never waits longer than the largest timeout
     */
    HealthReport check();

    /**
     * Checks the components of one group.
     *
     * @param group the group
     * @return the report; an empty group reports healthy
     */
    HealthReport check(String group);

    /**
     * Adds a listener for status changes.
     *
     * @param listener the listener
     */
    void addListener(HealthListener listener);

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    void removeListener(HealthListener listener);

    /** Stops background refreshes and the worker pool. */
    @Override
    void close();

    /** Configures a registry. */
    interface Builder {

        /**
         * Publishes status gauges and duration timers here; the default publishes none.
         *
         * @param registry the meter registry
         * @return this builder
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * The clock for durations and timestamps; the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock);

        /**
         * The most checks that run at once; the default is 32. Threads start only as checks need them
         * and stop after 30 idle seconds.
         *
         * @param threads at least 1
         * @return this builder
         */
        Builder workers(int threads);

        /**
         * Builds the registry.
         *
         * @return the registry
         */
        HealthRegistry build();
    }
}
