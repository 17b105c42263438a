package dev.tradepulse.benchmarks;

import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: {@code recordTrade} and {@code recordEquity} per call (target ≤ 100 ns, no allocation),
 * and reading every metric after 1,000,000 trades and 10 years of daily equity (target ≤ 50 µs).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PerformanceTrackerBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PerformanceTrackerBenchmark {

    private PerformanceTracker tracker;
    private PerformanceTracker loaded;
    private Trade[] trades;
    private Instant at = Instant.parse("2026-01-05T15:00:00Z");
    private double equity = 100_000;
    private int next;

    @Setup
    public void setUp() {
        tracker = PerformanceTracker.builder("bench").build();
        Random random = new Random(1);
        trades = new Trade[1024];
        Instant t0 = Instant.parse("2026-01-05T15:00:00Z");
        for (int i = 0; i < trades.length; i++) {
            double pnl = random.nextGaussian() * 100;
            trades[i] = new Trade("BTCUSDT", Side.BUY, 100, 100, 1, pnl, 0.1, t0, t0);
        }
        loaded = PerformanceTracker.builder("loaded")
                .config(PerformanceTrackerConfig.custom().periodsPerYear(365).build()).build();
        for (int i = 0; i < 1_000_000; i++) {
            loaded.recordTrade(trades[i & 1023]);
        }
        double e = 100_000;
        for (int d = 0; d < 3650; d++) {
            e *= 1 + random.nextGaussian() * 0.01;
            loaded.recordEquity(t0.plus(Duration.ofDays(d)), e);
        }
    }

    @Benchmark
    public void recordTrade() {
        tracker.recordTrade(trades[next++ & 1023]);
    }

    /** Intraday snapshots, a new day every 1,000 calls. */
    @Benchmark
    public void recordEquity() {
        if ((++next % 1000) == 0) {
            at = at.plusSeconds(86_400);
        }
        equity *= (next & 1) == 0 ? 1.0001 : 0.9999;
        tracker.recordEquity(at, equity);
    }

    @Benchmark
    public PerformanceSnapshot readAllMetricsAfterOneMillionTradesAndTenYears() {
        return loaded.snapshot();
    }
}
