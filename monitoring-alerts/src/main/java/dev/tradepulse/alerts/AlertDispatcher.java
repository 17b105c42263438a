package dev.tradepulse.alerts;

import dev.tradepulse.alerts.internal.DispatcherBuilder;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.status.StatusEventSource;
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
 *       {@code repeat_interval}), unless it is <b>more severe</b> than when it was last sent: a key
 *       that fired LOW and fires CRITICAL ("liquidation imminent") is a new notification, and
 *       {@link #activeAlerts()} shows it CRITICAL. A repeat at the same severity with another
 *       summary is not re-sent (summaries often carry live values, and re-sending each would undo
 *       deduplication), but {@link #activeAlerts()} shows its latest text; a repeat at a lower
 *       severity changes nothing until the key is resolved or its repeat interval passes.</li>
 *   <li>Each sink keeps to its rate limit; alerts that wait for it are merged into the next
 *       message, never lost. A burst becomes one message per sink.</li>
 *   <li>Failed deliveries are retried with jittered exponential backoff (resilience4j's
 *       {@code IntervalFunction}), honouring {@code Retry-After} up to a cap: one minute by
 *       default ({@link #DEFAULT_MAX_RETRY_AFTER}), and five seconds for a message that holds a
 *       CRITICAL alert ({@link #DEFAULT_MAX_CRITICAL_RETRY_AFTER}). A CRITICAL alert that arrives
 *       while its sink waits out a longer back-off for lesser alerts joins them and goes at once.
 *       Each sink has a circuit breaker, {@code alerts.sink.<name>}, in the dispatcher's
 *       {@link #circuitBreakerRegistry()}; an attempt it refuses counts as a failed attempt.</li>
 *   <li>An alert that every sink it was routed to failed to deliver (after the last attempt,
 *       dropped from a full queue, or abandoned at close) goes to the <b>fallback</b> sinks: by
 *       default a log that writes the whole alert, escaped, at ERROR on
 *       {@code dev.tradepulse.alerts.undelivered}. It is counted in
 *       {@code tradepulse.alerts.undelivered} and shown by the {@code alerts.delivery} health
 *       check.</li>
 *   <li>Meters: {@code tradepulse.alerts.fired}, {@code .deduplicated}, {@code .dropped},
 *       {@code .delivered}, {@code .failed} (by sink and severity), {@code .undelivered} (by
 *       severity), {@code tradepulse.alerts.delivery.latency} (from fire to delivered, by sink),
 *       and the gauges {@code tradepulse.alerts.queued} and {@code tradepulse.alerts.delivery.inflight}
 *       (seconds the sink's current delivery has run: a stalled sink shows here), by sink.</li>
 * </ul>
 */
public interface AlertDispatcher extends AutoCloseable {

    /** The longest a provider's {@code Retry-After} is honoured by default: one minute. */
    Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(1);

    /**
     * The longest a message holding a CRITICAL alert honours a provider's {@code Retry-After} by
     * default: five seconds. A CRITICAL alert is retried sooner than the provider asked rather than
     * wait behind its back-off; after the last attempt it goes to the fallback sinks.
     */
    Duration DEFAULT_MAX_CRITICAL_RETRY_AFTER = Duration.ofSeconds(5);

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
     * rejected and logged. Within the repeat interval a key is sent again only if it has become
     * more severe (see the class comment).
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
     * What the dispatcher publishes for status streams: {@code ALERT_FIRED} when a key starts
     * firing or fires again more severe, {@code ALERT_RESOLVED} when it is resolved, for the
     * {@code alerts} section ({@link AlertSections#active}). The severity is a label; the key,
     * summary and start time are details (they need the token). Listeners run on the thread that
     * fired or resolved, and must not block. The default publishes nothing.
     *
     * @return the events
     */
    default StatusEventSource statusEvents() {
        return StatusEventSource.NONE;
    }

    /**
     * One health check per sink (fallback sinks included), named {@code alerts.sink.<name>}:
     * unhealthy while the sink's circuit breaker is open (its provider keeps failing) or while one
     * delivery has run for 30 seconds or more (the sink is stalled), degraded while the breaker is
     * half-open. One more, {@code alerts.delivery}, is unhealthy for 15 minutes after a CRITICAL or
     * HIGH alert reached none of its sinks (degraded after a lesser one). Register them with the
     * application's {@code HealthRegistry}.
     *
     * @return the health checks by name
     */
    java.util.Map<String, dev.tradepulse.api.health.HealthCheck> sinkHealthChecks();

    /**
     * The registry holding the sinks' circuit breakers ({@code alerts.sink.<name>}); give the
     * builder the application's registry so that the status page and resilience4j's meters show them.
     *
     * @return the registry
     */
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry circuitBreakerRegistry();

    /**
     * {@link #sendTestAlert(Duration)} with a 10-second deadline.
     *
     * @return each sink's name and its failure, or an empty message on success
     * @throws IllegalStateException if the dispatcher is closed
     */
    default java.util.Map<String, java.util.Optional<String>> sendTestAlert() {
        return sendTestAlert(Duration.ofSeconds(10));
    }

    /**
     * Sends a LOW test alert to every sink at once, past queues, dedup, rate limits and breakers,
     * and says how each one did, so an operator can check the wiring (the seeds'
     * {@code test_alerts.py}). The sinks are tried in parallel, each on a thread of its own: the
     * caller waits at most {@code timeout} in all, and a sink that has not answered by then is
     * reported as such (and its thread interrupted).
     *
     * @param timeout how long to wait for all the sinks
     * @return each sink's name and its failure, or an empty message on success
     * @throws IllegalStateException if the dispatcher is closed
     */
    java.util.Map<String, java.util.Optional<String>> sendTestAlert(Duration timeout);

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
     * Delivers what is queued, within the deadline, then stops the workers. Whatever a sink still
     * holds then is abandoned: counted as failed, handed to the fallback sinks (which get up to one
     * second more) and logged with its keys. Returns only once every counter is final; fire and
     * resolve are rejected from the start of close.
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
         * The first retry wait, doubling per attempt up to a minute, each wait randomised by
         * &plusmn;50% so that sinks recovering together do not retry in step; the default is 1 second.
         *
         * @param initial positive
         * @return this builder
         */
        Builder backoff(Duration initial);

        /**
         * The whole retry schedule, replacing {@link #backoff}: the wait in milliseconds before
         * attempt {@code n + 1}, given {@code n} (from 1).
         *
         * @param intervals for instance {@code IntervalFunction.ofExponentialRandomBackoff(...)}
         * @return this builder
         */
        Builder retryIntervals(io.github.resilience4j.core.IntervalFunction intervals);

        /**
         * The longest a provider's {@code Retry-After} is honoured; the default is
         * {@link AlertDispatcher#DEFAULT_MAX_RETRY_AFTER}.
         *
         * @param max positive
         * @return this builder
         */
        Builder maxRetryAfter(Duration max);

        /**
         * The longest a message holding a CRITICAL alert honours a provider's {@code Retry-After};
         * the default is {@link AlertDispatcher#DEFAULT_MAX_CRITICAL_RETRY_AFTER}.
         *
         * @param max positive
         * @return this builder
         */
        Builder maxCriticalRetryAfter(Duration max);

        /**
         * Where alerts go that every sink they were routed to failed to deliver. The default is a
         * log of the whole alert at ERROR on {@code dev.tradepulse.alerts.undelivered} (at most a
         * message of 20 alerts a second); no sinks turns the fallback off (undelivered alerts are
         * still counted and shown by the {@code alerts.delivery} health check). Fallback sinks
         * are not routed to, and need names of their own.
         *
         * @param sinks the fallback sinks
         * @return this builder
         */
        Builder fallback(AlertSink... sinks);

        /**
         * Where the sinks' circuit breakers are created, as {@code alerts.sink.<name>}; the
         * default is a registry of the dispatcher's own. Pass the application's (such as
         * {@code Monitoring.circuitBreakerRegistry()}) so the status page and resilience4j's
         * meters show them.
         *
         * @param registry the registry
         * @return this builder
         */
        Builder circuitBreakerRegistry(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry registry);

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
         *     (among routed and fallback sinks)
         */
        AlertDispatcher build();
    }
}
