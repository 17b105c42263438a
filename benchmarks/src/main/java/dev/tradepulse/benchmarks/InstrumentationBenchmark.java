package dev.tradepulse.benchmarks;

import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.Monitoring;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #2's comparisons, in one run: a call through {@code instrument(...)} against the same
 * call timed, retried and circuit-broken by hand, and the bare call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InstrumentationBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class InstrumentationBenchmark {

    /** The interface a bot would proxy. */
    public interface Quotes {
        @Timed("quotes.timed")
        double timed(String symbol);

        @Timed("quotes.guarded")
        @io.github.resilience4j.retry.annotation.Retry(name = "venue")
        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "venue")
        double guarded(String symbol);
    }

    /** A cheap target, so the benchmark measures the instrumentation, not the work. */
    public static final class Venue implements Quotes {
        private double last = 64_000;

        @Override
        public double timed(String symbol) {
            return last += symbol.length();
        }

        @Override
        public double guarded(String symbol) {
            return last += symbol.length();
        }
    }

    private final String symbol = "BTCUSDT";
    private Venue venue;
    private Quotes proxy;
    private Monitoring monitoring;
    private Decoration decoration;
    private Timer handTimer;
    private Timer handGuardedTimer;
    private Retry retry;
    private CircuitBreaker breaker;
    private Retry bareRetry;
    private CircuitBreaker bareBreaker;

    @Setup
    public void setUp() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RetryConfig retryConfig = RetryConfig.custom().maxAttempts(3).build();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.ofDefaults();
        monitoring = Monitoring.builder().meterRegistry(registry)
                .retry("venue", retryConfig)
                .circuitBreaker("venue", breakerConfig)
                .build();
        venue = new Venue();
        proxy = monitoring.instrument(Quotes.class, venue);
        decoration = monitoring.decoration("guarded").timer("quotes.decorated").retry("venue").circuitBreaker("venue")
                .build();
        // The hand-written peers get the same tags, the same registry, and their own retry and breaker.
        Tags tags = Tags.of("class", Quotes.class.getName(), "outcome", "success", "exception", "none");
        handTimer = Timer.builder("hand.timed").tags(tags).tag("method", "timed").register(registry);
        handGuardedTimer = Timer.builder("hand.guarded").tags(tags).tag("method", "guarded").register(registry);
        // Same observability as TradePulse gives: resilience4j-micrometer bound, and a state-change log.
        RetryRegistry retries = RetryRegistry.of(retryConfig);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(breakerConfig);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        retry = retries.retry("hand");
        breaker = breakers.circuitBreaker("hand");
        breaker.getEventPublisher().onStateTransition(event -> LOG.info("{}", event));
        // And with no metrics at all, to show what resilience4j's per-call metrics cost.
        bareRetry = Retry.of("bare", retryConfig);
        bareBreaker = CircuitBreaker.of("bare", breakerConfig);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InstrumentationBenchmark.class);

    @TearDown
    public void tearDown() {
        monitoring.close();
    }

    /** (c) The bare call. */
    @Benchmark
    public double bare() {
        return venue.timed(symbol);
    }

    /** (a) Hand-written: the Micrometer idiom users write, {@code timer.record(...)}. */
    @Benchmark
    public double handTimerRecord() {
        return handTimer.record(() -> venue.timed(symbol));
    }

    /** (a) Hand-written, the leanest form: nanoTime around the call, no lambda. */
    @Benchmark
    public double handTimerNanos() {
        long start = System.nanoTime();
        double result = venue.timed(symbol);
        handTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    /** (a) Through {@code instrument(...)} with {@code @Timed}. */
    @Benchmark
    public double proxyTimed() {
        return proxy.timed(symbol);
    }

    /** (b) resilience4j's Decorators by hand, timed with Micrometer, with resilience4j's metrics bound. */
    @Benchmark
    public double handDecorators() throws Exception {
        return handGuardedTimer.recordCallable(Decorators.ofCallable(() -> venue.guarded(symbol))
                .withCircuitBreaker(breaker)
                .withRetry(retry)
                .decorate());
    }

    /** (b) reference: the same chain with no resilience4j metrics bound, so no per-call events. */
    @Benchmark
    public double handDecoratorsNoMetrics() throws Exception {
        return handGuardedTimer.recordCallable(Decorators.ofCallable(() -> venue.guarded(symbol))
                .withCircuitBreaker(bareBreaker)
                .withRetry(bareRetry)
                .decorate());
    }

    /** (b) Through {@code instrument(...)} with {@code @Timed @Retry @CircuitBreaker}. */
    @Benchmark
    public double proxyGuarded() {
        return proxy.guarded(symbol);
    }

    /** (b) The programmatic decoration: the same layers without a proxy. */
    @Benchmark
    public double decorationGuarded() {
        return decoration.get(() -> venue.guarded(symbol));
    }
}
