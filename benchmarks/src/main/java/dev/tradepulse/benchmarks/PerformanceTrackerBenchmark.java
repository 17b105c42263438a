package dev.tradepulse.benchmarks;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: {@code recordTrade} and {@code recordEquity} per call (target ≤ 100 ns, no allocation),
 * and reading every metric after 1,000,000 trades and 10 years of daily equity (target ≤ 50 µs).
 * The {@code ...WithStore} variants record into a tracker built with a {@link StateStore} while a
 * background thread calls {@code saveState()} every second, as the runtime's scheduler does
 * (issue 14: the hot paths stay allocation-free and ≤ 100 ns with a store attached).
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
    private PerformanceTracker persisted;
    private StateStore store;
    private Path storeDir;
    private Thread saver;
    private Instant persistedAt = Instant.parse("2026-01-05T15:00:00Z");
    private double persistedEquity = 100_000;
    private int persistedNext;

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

    @Setup
    public void setUpStore() throws IOException {
        storeDir = Files.createTempDirectory("tracker-bench-state");
        store = StateStore.directory(storeDir, Clock.systemUTC());
        persisted = PerformanceTracker.builder("bench-persisted").stateStore(store).build();
        saver = Threads.daemonThread("bench-saver", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1_000);
                    persisted.saveState();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException("the benchmark's save failed", e);
                }
            }
        });
        saver.start();
    }

    @TearDown
    public void tearDownStore() throws Exception {
        saver.interrupt();
        saver.join();
        store.close();
        try (var files = Files.list(storeDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(storeDir);
    }

    @Benchmark
    public void recordTradeWithStore() {
        persisted.recordTrade(trades[persistedNext++ & 1023]);
    }

    /** As {@link #recordEquity()}, on the tracker with a store and a saver. */
    @Benchmark
    public void recordEquityWithStore() {
        if ((++persistedNext % 1000) == 0) {
            persistedAt = persistedAt.plusSeconds(86_400);
        }
        persistedEquity *= (persistedNext & 1) == 0 ? 1.0001 : 0.9999;
        persisted.recordEquity(persistedAt, persistedEquity);
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
