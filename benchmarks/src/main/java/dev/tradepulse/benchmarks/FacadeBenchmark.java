package dev.tradepulse.benchmarks;

import dev.tradepulse.core.Monitoring;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Issue 14's last "Done when": the facade adds no cost to the hot paths, in one run.
 *
 * <ul>
 *   <li>(a) {@code @Timed} through {@code tp.instrument(type, impl)} against a hand-written
 *       {@code Timer.record} and {@code Timer.Sample} around the same call, on the facade's own
 *       {@code PrometheusMeterRegistry}, and the bare call (target: instrument &le; 1.15&times; the
 *       hand-written timer). {@code coreInstrument} is {@code Monitoring.instrument} on a fresh
 *       Prometheus registry with no facade around it, to tell the facade's share from the proxy's.
 *   <li>(b) {@code recordTrade} and {@code recordEquity} through the facade's {@link Strategy}
 *       handle against the same {@link PerformanceTracker} called directly ({@code strategy.tracker()},
 *       the object the handle delegates to); target &le; 100 ns and 0 B/op with {@code -prof gc}.
 * </ul>
 *
 * <p>The facade runs as a bot gets it: profile {@code testing}, a temporary data directory, the
 * journal, health checks, alert dispatcher and the strategy's rule engine all started (their
 * background threads included); only the HTTP server is off.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FacadeBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc -prof perfnorm:events=task-clock
 * bash benchmarks/scripts/facade-bench.sh    # three such runs and the summary (docs/benchmarks.md)
 * </pre>
 *
 * <p>On a shared machine read the CPU time per call ({@code task-clock}) and the fastest
 * iterations: wall time also counts the time the thread waited for a core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class FacadeBenchmark {

    /** The interface a bot would hand to {@code tp.instrument}. */
    public interface Quotes {
        @Timed("facade.quotes")
        double quote(String symbol);
    }

    /** A cheap target, so the benchmark measures the instrumentation, not the work. */
    public static final class Venue implements Quotes {
        private double last = 64_000;

        @Override
        public double quote(String symbol) {
            return last += symbol.length();
        }
    }

    private final String symbol = "BTCUSDT";
    private Path dataDir;
    private TradePulse tp;
    private Monitoring core;
    private PrometheusMeterRegistry coreRegistry;
    private MeterRegistry registry;
    private Venue venue;
    private Quotes facadeProxy;
    private Quotes coreProxy;
    private Timer handTimer;
    private Strategy strategy;
    private PerformanceTracker tracker;
    private Trade[] trades;
    private Instant at = Instant.parse("2026-01-05T15:00:00Z");
    private double equity = 100_000;
    private int next;

    @Setup
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("tradepulse-facade-bench");
        Path file = dataDir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\n"
                + "data-dir: " + dataDir.resolve("data") + "\n"
                + "server:\n  enabled: false\n"
                + "strategies:\n  bench:\n    enabled: true\n");
        // No environment or system properties: the machine's TRADEPULSE_* variables must not change the run.
        tp = TradePulse.builder()
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load())
                .build();
        registry = tp.meterRegistry();
        if (!(registry instanceof PrometheusMeterRegistry)) {
            throw new IllegalStateException("the facade's registry is " + registry.getClass() + ", not Prometheus");
        }
        venue = new Venue();
        facadeProxy = tp.instrument(Quotes.class, venue);
        // The hand-written peer: same registry, same tags as the proxy's success timer.
        handTimer = Timer.builder("facade.hand")
                .tags(Tags.of("class", Quotes.class.getName(), "method", "quote", "outcome", "success", "exception", "none"))
                .register(registry);
        coreRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        core = Monitoring.builder().meterRegistry(coreRegistry).build();
        coreProxy = core.instrument(Quotes.class, venue);

        strategy = tp.strategy("bench");
        tracker = strategy.tracker();
        Random random = new Random(1);
        trades = new Trade[1024];
        Instant t0 = Instant.parse("2026-01-05T15:00:00Z");
        for (int i = 0; i < trades.length; i++) {
            double pnl = random.nextGaussian() * 100;
            trades[i] = new Trade("BTCUSDT", Side.BUY, 100, 100, 1, pnl, 0.1, t0, t0);
        }
    }

    @TearDown
    public void tearDown() {
        core.close();
        coreRegistry.close();
        tp.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (a) The bare call. */
    @Benchmark
    public double bare() {
        return venue.quote(symbol);
    }

    /** (a) Hand-written: {@code timer.record(() -> ...)}, the Micrometer idiom. */
    @Benchmark
    public double handTimerRecord() {
        return handTimer.record(() -> venue.quote(symbol));
    }

    /** (a) Hand-written: a {@code Timer.Sample} started on the registry and stopped on the timer. */
    @Benchmark
    public double handTimerSample() {
        Timer.Sample sample = Timer.start(registry);
        double result = venue.quote(symbol);
        sample.stop(handTimer);
        return result;
    }

    /** (a) Through {@code tp.instrument(...)} with {@code @Timed}. */
    @Benchmark
    public double facadeInstrument() {
        return facadeProxy.quote(symbol);
    }

    /** (a) reference: {@code Monitoring.instrument(...)} with no facade, on its own Prometheus registry. */
    @Benchmark
    public double coreInstrument() {
        return coreProxy.quote(symbol);
    }

    /** (b) {@code strategy.recordTrade} through the facade's handle. */
    @Benchmark
    public void facadeRecordTrade() {
        strategy.recordTrade(trades[next++ & 1023]);
    }

    /** (b) The same tracker, called directly. */
    @Benchmark
    public void trackerRecordTrade() {
        tracker.recordTrade(trades[next++ & 1023]);
    }

    /** (b) {@code strategy.recordEquity} through the handle: intraday snapshots, a new day every 1,000 calls. */
    @Benchmark
    public void facadeRecordEquity() {
        strategy.recordEquity(nextAt(), nextEquity());
    }

    /** (b) The same tracker, called directly, with the same snapshots. */
    @Benchmark
    public void trackerRecordEquity() {
        tracker.recordEquity(nextAt(), nextEquity());
    }

    private Instant nextAt() {
        if ((++next % 1000) == 0) {
            at = at.plusSeconds(86_400);
        }
        return at;
    }

    private double nextEquity() {
        equity *= (next & 1) == 0 ? 1.0001 : 0.9999;
        return equity;
    }
}
