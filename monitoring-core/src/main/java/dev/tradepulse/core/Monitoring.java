package dev.tradepulse.core;

import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.internal.MonitoringBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The entry point of TradePulse core: one per application, holding the meter registry, the
 * named retries and circuit breakers, and the listeners.
 *
 * <pre>{@code
 * Monitoring monitoring = Monitoring.builder()
 *     .meterRegistry(registry)
 *     .retry("exchange", RetryConfig.custom().maxAttempts(3).build())
 *     .circuitBreaker("exchange", CircuitBreakerConfig.ofDefaults())
 *     .build();
 * ExchangeClient client = monitoring.instrument(ExchangeClient.class, new BinanceClient());
 * }</pre>
 *
 * <h2>What {@link #instrument(Class, Object)} honours</h2>
 * Micrometer's {@code @Timed} and {@code @Counted} and resilience4j's {@code @Retry} and
 * {@code @CircuitBreaker}, read from the implementation method, then the interface method, then
 * the implementation class, then the interface. For one call they nest, outermost first:
 * {@code @Timed}, {@code @Counted}, {@code @Retry} (with its fallback), {@code @CircuitBreaker}
 * (with its fallback), the method. So the timer measures the whole call, every attempt and
 * every backoff wait included; per-attempt figures come from the resilience4j metrics, which
 * are bound to the same registry. Methods returning {@link java.util.concurrent.CompletionStage}
 * or {@link java.util.concurrent.CompletableFuture} are timed until the stage completes and
 * retried asynchronously on the monitoring's scheduler.
 *
 * <h2>Meters</h2>
 * A monitoring is given its meter registry in the builder ({@link Builder#meterRegistry}) rather
 * than bound later, because the timers of a proxy register when the proxy is built. Everything
 * else it publishes goes through Micrometer's {@code MeterBinder}s on that registry: resilience4j's
 * {@code TaggedRetryMetrics} and {@code TaggedCircuitBreakerMetrics}, and the binder of
 * {@code tradepulse.instrumentation.failures}.
 *
 * <h2>Lifecycle</h2>
 * {@link Builder#build()} returns a live monitoring: it validates every setting, registers the
 * named retries and circuit breakers and binds their meters; there is no {@code start()}. The one
 * thread it may own, the scheduler of asynchronous retries, starts on first use (a daemon named
 * {@code tradepulse-retry-scheduler-1}). {@link #close()} stops it.
 *
 * <p>Thread-safe: a monitoring, its proxies, timers and decorations may be used from any number of
 * threads. The builder is not thread-safe.
 */
public interface Monitoring extends AutoCloseable {

    /**
     * Starts a builder with defaults: a {@link io.micrometer.core.instrument.simple.SimpleMeterRegistry},
     * fresh retry and circuit-breaker registries, and the registry's clock.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new MonitoringBuilder();
    }

    /**
     * A monitoring with every default.
     *
     * @return a new monitoring
     */
    static Monitoring ofDefaults() {
        return builder().build();
    }

    /**
     * The retry configuration used when a retry is named without one: 3 attempts with
     * exponential backoff from 500 ms, doubling, with ±50% jitter so that many bots failing
     * together do not retry in lockstep.
     *
     * @return the default retry configuration
     */
    static RetryConfig defaultRetryConfig() {
        return MonitoringConfig.defaultRetryConfig();
    }

    /**
     * The settings this monitoring was built with.
     *
     * @return the immutable configuration
     */
    MonitoringConfig config();

    /**
     * The registry every meter goes to.
     *
     * @return the meter registry
     */
    MeterRegistry meterRegistry();

    /**
     * The registry that names resolve against in {@code @Retry}.
     *
     * @return the retry registry
     */
    RetryRegistry retryRegistry();

    /**
     * The registry that names resolve against in {@code @CircuitBreaker}.
     *
     * @return the circuit-breaker registry
     */
    CircuitBreakerRegistry circuitBreakerRegistry();

    /**
     * Returns a proxy of {@code target} whose annotated methods are timed, counted, retried and
     * circuit-broken as their annotations say. Everything is resolved and checked here, and
     * each method's chain is built once: an unknown retry or circuit-breaker name, a missing
     * or mis-typed fallback method, or an annotation on a method the proxy cannot reach fails
     * now, naming the method.
     *
     * <p>An interface gets a JDK dynamic proxy. A non-final class gets a generated subclass,
     * which needs {@code net.bytebuddy:byte-buddy} on the class path and a no-argument
     * constructor (which runs once for the proxy); final methods cannot be intercepted.
     * In both cases calls the target makes on itself ({@code this.other()}) bypass the proxy.
     * {@code equals}, {@code hashCode} and {@code toString} are those of the target.
     *
     * @param type the interface or class to proxy
     * @param target the object to delegate to
     * @param <T> the proxied type
     * @return the proxy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code target} is not a {@code type}, or naming each method and its problem
     * @throws IllegalStateException if a class is given and ByteBuddy is absent or unusable (never a
     *     {@code NoClassDefFoundError})
     */
    <T> T instrument(Class<T> type, T target);

    /**
     * The chain {@link #instrument(Class, Object)} would build for one method, for a framework that
     * intercepts calls itself (Spring AOP: the starter's annotation support). The annotations are
     * read as {@code instrument} reads them: from the implementation method in {@code targetClass},
     * then {@code method}, then {@code targetClass}, then {@code method}'s declaring class. Only
     * those listed in {@code annotations} apply; the others are left to whoever else handles them
     * (Micrometer's {@code TimedAspect}, say). The chain's meters register now, and its retry and
     * circuit breaker are those of {@link #retryRegistry()} and {@link #circuitBreakerRegistry()}.
     *
     * @param method the method as the framework passes it to its interceptor
     * @param targetClass the implementation class (the user class, not a generated proxy)
     * @param annotations which of {@code @Timed}, {@code @Counted}, {@code @Retry} and
     *     {@code @CircuitBreaker} to apply
     * @return the chain, or empty if the method carries none of {@code annotations}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code annotations} lists another annotation, if
     *     {@code method} is static, or naming the method and each of its problems (an unknown retry
     *     or breaker name, a missing fallback method), as {@code instrument} does
     */
    Optional<MethodChain> chain(Method method, Class<?> targetClass, Set<Class<? extends Annotation>> annotations);

    /**
     * Starts a programmatic timer.
     *
     * @param name the metric name, not blank
     * @return a builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    ExecutionTimer.Builder timer(String name);

    /**
     * Starts a decoration: a timer, retry and circuit breaker applied together to calls.
     *
     * @param operation the operation's name, used in logs and tags, not blank
     * @return a builder
     * @throws NullPointerException if {@code operation} is null
     * @throws IllegalArgumentException if {@code operation} is blank
     */
    Decoration.Builder decoration(String operation);

    /**
     * Adds a listener for circuit-breaker changes and exhausted retries.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    void addListener(MonitoringListener listener);

    /**
     * Removes a listener added before; does nothing if it was not added.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    void removeListener(MonitoringListener listener);

    /**
     * How many times instrumentation itself failed (a meter, a log call or a listener threw)
     * and was contained. Also published as {@code tradepulse.instrumentation.failures}.
     *
     * @return the count since start
     */
    long instrumentationFailures();

    /**
     * Stops the scheduler this monitoring created, if any, within 5 seconds; a scheduler passed in
     * stays the caller's. An asynchronous retry still waiting for its next attempt completes with
     * its last failure. Idempotent, never throws, and leaves no thread of this monitoring behind.
     * Proxies, timers and decorations keep working for synchronous calls.
     */
    @Override
    void close();

    /**
     * Collects the configuration and the runtime objects; {@link #build()} copies them, so the
     * builder may be reused. Not thread-safe.
     */
    interface Builder {

        /**
         * Replaces the settings collected so far with {@code config}'s; the shortcuts
         * {@link #retry(String, RetryConfig)}, {@link #circuitBreaker(String, CircuitBreakerConfig)}
         * and {@link #slowCallThreshold(Duration)} called afterwards change this copy.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(MonitoringConfig config);

        /**
         * The registry for every meter; the default is a new {@code SimpleMeterRegistry}.
         *
         * @param registry any registry: simple, Prometheus, OTLP, composite
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * Use this retry registry instead of a new one.
         *
         * @param registry the user's registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder retryRegistry(RetryRegistry registry);

        /**
         * Use this circuit-breaker registry instead of a new one.
         *
         * @param registry the user's registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder circuitBreakerRegistry(CircuitBreakerRegistry registry);

        /**
         * Registers a named retry with {@link Monitoring#defaultRetryConfig()}; a shortcut for
         * {@link MonitoringConfig.Builder#retry(String)}.
         *
         * @param name the name that {@code @Retry(name = ...)} refers to
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder retry(String name);

        /**
         * Registers a named retry; a shortcut for {@link MonitoringConfig.Builder#retry(String, RetryConfig)}.
         *
         * @param name the name that {@code @Retry(name = ...)} refers to
         * @param config its configuration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder retry(String name, RetryConfig config);

        /**
         * Registers a named circuit breaker; a shortcut for
         * {@link MonitoringConfig.Builder#circuitBreaker(String, CircuitBreakerConfig)}.
         *
         * @param name the name that {@code @CircuitBreaker(name = ...)} refers to
         * @param config its configuration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder circuitBreaker(String name, CircuitBreakerConfig config);

        /**
         * The clock for the time of events ({@link RetryExhausted#at()},
         * {@link CircuitBreakerStateChange#at()}); the default is {@link Clock#systemUTC()}.
         * Durations (timers, slow calls) are measured with the meter registry's own monotonic
         * clock, as Micrometer measures them, so a test that moves elapsed time gives the
         * registry a Micrometer {@code MockClock}.
         *
         * @param clock the wall clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * How synchronous retries wait; the default sleeps the calling thread.
         *
         * @param sleeper the sleeper
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is null
         */
        Builder sleeper(Sleeper sleeper);

        /**
         * Where asynchronous retries are scheduled. The default is a single daemon thread
         * created on first use and stopped by {@link Monitoring#close()}.
         *
         * @param scheduler the caller's scheduler, which stays the caller's to stop
         * @return this builder
         * @throws NullPointerException if {@code scheduler} is null
         */
        Builder scheduler(ScheduledExecutorService scheduler);

        /**
         * Calls slower than this are logged at WARN; the default is 1 second. A shortcut for
         * {@link MonitoringConfig.Builder#slowCallThreshold(Duration)}.
         *
         * @param threshold a positive duration
         * @return this builder
         * @throws NullPointerException if {@code threshold} is null
         * @throws IllegalArgumentException if {@code threshold} is zero or negative
         */
        Builder slowCallThreshold(Duration threshold);

        /**
         * A slow-call threshold for the timers of one metric name, overriding the default.
         *
         * @param metricName the timer name, as in {@code @Timed("...")}
         * @param threshold a positive duration
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code metricName} is blank or {@code threshold} is not positive
         */
        Builder slowCallThreshold(String metricName, Duration threshold);

        /**
         * Adds a listener from the start.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        Builder listener(MonitoringListener listener);

        /**
         * Validates and copies the configuration and returns a live monitoring: the named retries
         * and circuit breakers are registered and their meters bound.
         *
         * @return the monitoring
         */
        Monitoring build();
    }
}
