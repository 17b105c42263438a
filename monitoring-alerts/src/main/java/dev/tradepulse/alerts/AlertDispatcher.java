package dev.tradepulse.alerts;

import dev.tradepulse.alerts.internal.DispatcherBuilder;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Takes alerts from trading code and delivers them to sinks, without ever blocking or throwing
 * into the caller.
 *
 * <ul>
 *   <li>{@link #fire} and {@link #resolve} only enqueue: each sink has a bounded queue and one
 *       worker thread. When a queue is full, its least severe alert is dropped first; drops are
 *       counted ({@code tradepulse.alerts.dropped}) and logged at a bounded rate.</li>
 *   <li>An alert key fired again within the repeat interval is not sent again (Alertmanager's
 *       {@code repeat_interval}).</li>
 *   <li>Each sink keeps to its rate limit; alerts that wait for it are merged into the next
 *       message, never lost. A burst becomes one message per sink.</li>
 *   <li>Failed deliveries are retried with exponential backoff, honouring {@code Retry-After};
 *       a sink that keeps failing is short-circuited by its own circuit breaker.</li>
 *   <li>Meters: {@code tradepulse.alerts.fired}, {@code .deduplicated}, {@code .dropped},
 *       {@code .delivered}, {@code .failed} (by sink and severity) and
 *       {@code tradepulse.alerts.delivery.latency} (from fire to delivered, by sink).</li>
 * </ul>
 */
public interface AlertDispatcher extends AutoCloseable {

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new DispatcherBuilder();
    }

    /**
     * Queues an alert for its sinks. Never blocks, never throws; a null alert is counted as
     * rejected and logged.
     *
     * @param alert the alert
     */
    void fire(Alert alert);

    /**
     * Resolves a firing alert: sinks that support it get a resolve notification. Unknown keys are ignored.
     *
     * @param key the alert's key
     */
    void resolve(String key);

    /**
     * The alerts firing now: fired and neither resolved nor forgotten (a key not fired again
     * within the repeat interval is forgotten). Each carries the time it first fired. For status
     * pages; most severe first, then oldest first.
     *
     * @return the active alerts
     */
    java.util.List<Alert> activeAlerts();

    /**
     * One health check per sink, named {@code alerts.sink.<name>}: unhealthy while the sink's
     * circuit breaker is open (its provider keeps failing), degraded while it is half-open.
     * Register them with the application's {@code HealthRegistry}.
     *
     * @return sink health checks by name
     */
    java.util.Map<String, dev.tradepulse.health.HealthCheck> sinkHealthChecks();

    /**
     * Sends a LOW test alert to every sink at once, past queues, dedup and rate limits, and says
     * how each one did, so an operator can check the wiring (the seeds' {@code test_alerts.py}).
     *
     * @return each sink's name and its failure, or an empty message on success
     */
    java.util.Map<String, java.util.Optional<String>> sendTestAlert();

    /**
     * Acknowledges a CRITICAL alert: someone is on it, so it is not escalated further.
     *
     * @param key the alert's key
     */
    void acknowledge(String key);

    /**
     * Adds a silence, from now on; it expires by itself.
     *
     * @param silence the silence
     */
    void silence(Silence silence);

    /**
     * Delivers what is queued, within the deadline, then stops the workers.
     *
     * @param deadline how long to keep delivering
     */
    void close(Duration deadline);

    /** {@link #close(Duration)} with a 10-second deadline. */
    @Override
    default void close() {
        close(Duration.ofSeconds(10));
    }

    /** Waits for rate limits, backoff and {@code Retry-After}; tests inject one that only records. */
    @FunctionalInterface
    interface Waiter {
        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException if the dispatcher is closing
         */
        void await(Duration duration) throws InterruptedException;
    }

    /** Configures a dispatcher. */
    interface Builder {

        /**
         * Adds a sink; names must be unique.
         *
         * @param sink the sink
         * @return this builder
         */
        Builder sink(AlertSink sink);

        /**
         * Adds a route; without any, every alert goes to every sink.
         *
         * @param route the route
         * @return this builder
         */
        Builder route(Route route);

        /**
         * Where alerts that match no route go; the default is every sink.
         *
         * @param sinks sink names
         * @return this builder
         */
        Builder defaultSinks(String... sinks);

        /**
         * Adds an escalation tier: a CRITICAL alert neither acknowledged nor resolved this long
         * after it fired is sent again to these sinks, labelled {@code escalation=tier-N}. Tiers
         * fire in the order added.
         *
         * @param after how long to wait for an acknowledgement
         * @param sinks the next tier's sinks
         * @return this builder
         */
        Builder escalate(Duration after, String... sinks);

        /**
         * Adds an inhibition rule.
         *
         * @param inhibition the rule
         * @return this builder
         */
        Builder inhibit(Inhibition inhibition);

        /**
         * How long a repeated key is suppressed; the default is 4 hours, as Alertmanager's.
         *
         * @param interval positive
         * @return this builder
         */
        Builder repeatInterval(Duration interval);

        /**
         * Alertmanager's {@code group_wait}: after the first alert of a quiet spell, each sink
         * waits this long so that the rest of a burst joins the same message. The default is none.
         *
         * @param wait zero or more
         * @return this builder
         */
        Builder groupWait(Duration wait);

        /**
         * Alertmanager's {@code group_interval}: after each message, a sink waits this long before
         * the next, so that what arrives meanwhile is merged into one update. The default is none.
         *
         * @param interval zero or more
         * @return this builder
         */
        Builder groupInterval(Duration interval);

        /**
         * Alerts each sink may hold; the default is 10,000.
         *
         * @param alerts at least 1
         * @return this builder
         */
        Builder queueCapacity(int alerts);

        /**
         * Delivery attempts per message before it counts as failed; the default is 5.
         *
         * @param attempts at least 1
         * @return this builder
         */
        Builder maxAttempts(int attempts);

        /**
         * The first retry wait, doubling per attempt up to a minute; the default is 1 second.
         *
         * @param initial positive
         * @return this builder
         */
        Builder backoff(Duration initial);

        /**
         * The clock for dedup windows and latency; the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock);

        /**
         * How workers wait; the default really waits (and wakes early on close).
         *
         * @param waiter the waiter
         * @return this builder
         */
        Builder waiter(Waiter waiter);

        /**
         * Publishes the dispatcher's meters here; the default publishes none.
         *
         * @param registry the registry
         * @return this builder
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * Builds and starts the workers.
         *
         * @return the dispatcher
         * @throws IllegalArgumentException naming an unknown sink in a route, or a duplicate name
         */
        AlertDispatcher build();
    }
}
