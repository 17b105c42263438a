package dev.tradepulse.alerts;

import dev.tradepulse.alerts.internal.DispatcherBuilder;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.time.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import dev.tradepulse.api.status.StatusEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 *       default ({@link AlertDispatcherConfig#DEFAULT_MAX_RETRY_AFTER}), and five seconds for a message
 *       that holds a CRITICAL alert ({@link AlertDispatcherConfig#DEFAULT_MAX_CRITICAL_RETRY_AFTER}). A CRITICAL alert that arrives
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
 *       (seconds the sink's current delivery has run: a stalled sink shows here), by sink. They are
 *       registered in the registry given to {@link Builder#meterRegistry} when the dispatcher is
 *       built (through a Micrometer {@code MeterBinder}), so that the caller's path only increments.</li>
 * </ul>
 *
 * <p><b>Settings</b> live in an immutable {@link AlertDispatcherConfig} ({@link #config()});
 * sinks, the clock, the sleeper and the registries are given to the {@link Builder}.
 *
 * <p><b>Lifecycle:</b> {@link Builder#build()} returns a live dispatcher: it checks every setting,
 * starts one daemon worker thread per sink ({@code tradepulse-alerts-<sink>-1}) and, with
 * escalation tiers, one escalation thread; if a step fails it stops what it started before
 * throwing. {@link #close(Duration)} is idempotent, returns within its deadline plus about 1.2
 * seconds (the fallback's second and a 200 ms grace for each interrupted worker), never throws
 * and leaves no thread of the dispatcher's behind.
 *
 * <p><b>Thread safety:</b> every method is safe to call from any number of threads at once;
 * {@link #fire} and {@link #resolve} never block and never throw. Each sink's
 * {@link AlertSink#deliver} is called by its one worker thread, one message at a time, except
 * that {@link #sendTestAlert} calls it on a thread of its own meanwhile (see {@link AlertSink}).
 */
public interface AlertDispatcher extends AutoCloseable {

    /**
     * The longest a provider's {@code Retry-After} is honoured by default: one minute.
     *
     * @see AlertDispatcherConfig#DEFAULT_MAX_RETRY_AFTER
     */
    Duration DEFAULT_MAX_RETRY_AFTER = AlertDispatcherConfig.DEFAULT_MAX_RETRY_AFTER;

    /**
     * The longest a message holding a CRITICAL alert honours a provider's {@code Retry-After} by
     * default: five seconds. A CRITICAL alert is retried sooner than the provider asked rather than
     * wait behind its back-off; after the last attempt it goes to the fallback sinks.
     *
     * @see AlertDispatcherConfig#DEFAULT_MAX_CRITICAL_RETRY_AFTER
     */
    Duration DEFAULT_MAX_CRITICAL_RETRY_AFTER = AlertDispatcherConfig.DEFAULT_MAX_CRITICAL_RETRY_AFTER;

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new DispatcherBuilder();
    }

    /** @return the settings this dispatcher was built with */
    AlertDispatcherConfig config();

    /**
     * Queues an alert for its sinks. Never blocks, never throws; a null alert is counted as
     * rejected and logged. Within the repeat interval a key is sent again only if it has become
     * more severe (see the class comment).
     *
     * @param alert the alert
     */
    void fire(@Nullable Alert alert);

    /**
     * Resolves a firing alert: sinks that support it get a resolve notification. Unknown keys are
     * ignored; a null key is counted as rejected. Never blocks, never throws.
     *
     * @param key the alert's key
     */
    void resolve(@Nullable String key);

    /**
     * The alerts firing now: fired and neither resolved nor forgotten (a key not fired again
     * within the repeat interval is forgotten). Each carries the time it first fired. For status
     * pages; most severe first, then oldest first.
     *
     * @return the active alerts, a snapshot
     */
    List<Alert> activeAlerts();

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
     * delivery has run for {@link AlertDispatcherConfig#stallAfter()} or more (the sink is stalled),
     * degraded while the breaker is half-open. One more, {@code alerts.delivery}, is unhealthy for
     * {@link AlertDispatcherConfig#undeliveredWindow()} after a CRITICAL or HIGH alert reached none
     * of its sinks (degraded after a lesser one). Register them with the application's
     * {@code HealthRegistry}. The checks are thread-safe.
     *
     * @return the health checks by name
     */
    Map<String, HealthCheck> sinkHealthChecks();

    /**
     * The registry holding the sinks' circuit breakers ({@code alerts.sink.<name>}); give the
     * builder the application's registry so that the status page and resilience4j's meters show them.
     *
     * @return the registry
     */
    CircuitBreakerRegistry circuitBreakerRegistry();

    /**
     * {@link #sendTestAlert(Duration)} with the configured {@link AlertDispatcherConfig#closeTimeout()}
     * (10 seconds by default).
     *
     * @return each sink's name and its failure, or an empty message on success
     * @throws IllegalStateException if the dispatcher is closed
     */
    default Map<String, Optional<String>> sendTestAlert() {
        return sendTestAlert(config().closeTimeout());
    }

    /**
     * Sends a LOW test alert to every sink at once, past queues, dedup, rate limits and breakers,
     * and says how each one did, so an operator can check the wiring (the seeds'
     * {@code test_alerts.py}). The sinks are tried in parallel, each on a thread of its own: the
     * caller waits at most {@code timeout} in all, and a sink that has not answered by then is
     * reported as such (and its thread interrupted). A sink's worker may be delivering at the same
     * time: this is why {@link AlertSink#deliver} must be safe to call from two threads at once.
     *
     * @param timeout how long to wait for all the sinks
     * @return each sink's name and its failure, or an empty message on success
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws IllegalStateException if the dispatcher is closed
     */
    Map<String, Optional<String>> sendTestAlert(Duration timeout);

    /**
     * Acknowledges a CRITICAL alert: someone is on it, so it is not escalated further. Unknown
     * and null keys are ignored.
     *
     * @param key the alert's key
     */
    void acknowledge(@Nullable String key);

    /**
     * Adds a silence, from now on; it expires by itself.
     *
     * @param silence the silence
     * @throws NullPointerException if {@code silence} is null
     */
    void silence(Silence silence);

    /**
     * Delivers what is queued, within the deadline, then stops the workers. Whatever a sink still
     * holds then is abandoned: counted as failed, handed to the fallback sinks (which get up to one
     * second more) and logged with its keys. Returns only once every counter is final; fire and
     * resolve are rejected from the start of close. Idempotent: a second call waits for the first
     * and returns. Never throws.
     *
     * @param deadline how long to keep delivering; a null or negative deadline is taken as zero
     */
    void close(@Nullable Duration deadline);

    /** {@link #close(Duration)} with the configured {@link AlertDispatcherConfig#closeTimeout()}. */
    @Override
    default void close() {
        close(config().closeTimeout());
    }

    /**
     * Configures a dispatcher. The settings go into an {@link AlertDispatcherConfig}: give a whole
     * one with {@link #config}, or use the shortcuts ({@link #route}, {@link #repeatInterval}, ...),
     * each of which changes one setting of the config being built; {@link #config} replaces every
     * setting made before it. Not thread-safe: configure on one thread, then {@link #build()}.
     */
    interface Builder {

        /**
         * Takes every setting from a configuration, replacing those made so far.
         *
         * @param config the configuration
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(AlertDispatcherConfig config);

        /**
         * Adds a sink; names must be unique. A {@link ConfiguredSink} brings its own retry and
         * circuit breaker settings; any other sink gets the config's.
         *
         * @param sink the sink
         * @return this builder
         * @throws NullPointerException if {@code sink} or its name is null
         * @throws IllegalArgumentException if a sink of that name was already added
         */
        Builder sink(AlertSink sink);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#route}.
         *
         * @param route the route
         * @return this builder
         * @throws NullPointerException if {@code route} is null
         */
        Builder route(Route route);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#defaultSinks}.
         *
         * @param sinks sink names
         * @return this builder
         * @throws NullPointerException if {@code sinks} or a name is null
         */
        Builder defaultSinks(String... sinks);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#escalate}.
         *
         * @param after how long to wait for an acknowledgement
         * @param sinks the next tier's sinks
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code after} is not positive and longer than the
         *     previous tier's, or {@code sinks} is empty
         */
        Builder escalate(Duration after, String... sinks);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#inhibit}.
         *
         * @param inhibition the rule
         * @return this builder
         * @throws NullPointerException if {@code inhibition} is null
         */
        Builder inhibit(Inhibition inhibition);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#repeatInterval}.
         *
         * @param interval positive
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is not positive
         */
        Builder repeatInterval(Duration interval);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#groupWait}.
         *
         * @param wait zero or more
         * @return this builder
         * @throws NullPointerException if {@code wait} is null
         * @throws IllegalArgumentException if {@code wait} is negative
         */
        Builder groupWait(Duration wait);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#groupInterval}.
         *
         * @param interval zero or more
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is negative
         */
        Builder groupInterval(Duration interval);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#queueCapacity}.
         *
         * @param alerts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code alerts} is below 1
         */
        Builder queueCapacity(int alerts);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#maxAttempts}.
         *
         * @param attempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is below 1
         */
        Builder maxAttempts(int attempts);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#backoff}.
         *
         * @param initial positive
         * @return this builder
         * @throws NullPointerException if {@code initial} is null
         * @throws IllegalArgumentException if {@code initial} is not positive
         */
        Builder backoff(Duration initial);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#retryIntervals}.
         *
         * @param intervals for instance {@code IntervalFunction.ofExponentialRandomBackoff(...)}
         * @return this builder
         * @throws NullPointerException if {@code intervals} is null
         */
        Builder retryIntervals(IntervalFunction intervals);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#maxRetryAfter}.
         *
         * @param max positive
         * @return this builder
         * @throws NullPointerException if {@code max} is null
         * @throws IllegalArgumentException if {@code max} is not positive
         */
        Builder maxRetryAfter(Duration max);

        /**
         * Shortcut for {@link AlertDispatcherConfig.Builder#maxCriticalRetryAfter}.
         *
         * @param max positive
         * @return this builder
         * @throws NullPointerException if {@code max} is null
         * @throws IllegalArgumentException if {@code max} is not positive
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
         * @throws NullPointerException if {@code sinks}, a sink or its name is null
         * @throws IllegalArgumentException if two fallback sinks share a name
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
         * @throws NullPointerException if {@code registry} is null
         */
        Builder circuitBreakerRegistry(CircuitBreakerRegistry registry);

        /**
         * The clock for dedup windows, silences, escalation and latency; the default is the system
         * clock in UTC. With the system clock, windows are measured with {@link System#nanoTime()},
         * so that a wall clock that steps moves none of them; with any other clock (a test's
         * {@code MutableClock}) they follow the clock's instants.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * How workers wait for rate limits, group windows, backoff and {@code Retry-After}; the
         * default really waits and wakes early on close. Tests inject one that moves their clock.
         *
         * @param sleeper the sleeper
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is null
         */
        Builder sleeper(Sleeper sleeper);

        /**
         * Publishes the dispatcher's meters here, bound when the dispatcher is built; the default
         * publishes none (they are kept in a private registry).
         *
         * @param registry the registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * Builds a live dispatcher: checks the settings against the sinks, then starts the workers.
         *
         * @return the dispatcher
         * @throws IllegalStateException if no sink was added
         * @throws IllegalArgumentException naming an unknown sink in a route, the default sinks or
         *     an escalation tier, or a fallback sink that has a routed sink's name
         */
        AlertDispatcher build();
    }
}
