package dev.tradepulse.benchmarks;

import com.codahale.metrics.health.HealthCheckRegistry;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Issue #3: 20 checks that each take 50 ms, run by TradePulse's registry and by Dropwizard's
 * (sequentially, and with an executor).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HealthParallelBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HealthParallelBenchmark {

    private static final int CHECKS = 20;
    private static final long CHECK_MILLIS = 50;

    private HealthRegistry tradepulse;
    private HealthCheckRegistry dropwizard;
    private ExecutorService dropwizardPool;

    /** A dependency that takes 50 ms to answer. */
    static void slowDependency() {
        try {
            Thread.sleep(CHECK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Setup
    public void setUp() {
        tradepulse = HealthRegistry.builder().build();
        dropwizard = new HealthCheckRegistry();
        dropwizardPool = Executors.newFixedThreadPool(CHECKS);
        for (int i = 0; i < CHECKS; i++) {
            tradepulse.register("check-" + i, () -> {
                slowDependency();
                return HealthResult.healthy();
            });
            dropwizard.register("check-" + i, new com.codahale.metrics.health.HealthCheck() {
                @Override
                protected Result check() {
                    slowDependency();
                    return Result.healthy();
                }
            });
        }
    }

    @TearDown
    public void tearDown() {
        tradepulse.close();
        dropwizardPool.shutdownNow();
    }

    @Benchmark
    public HealthReport tradepulseCheck() {
        return tradepulse.check();
    }

    @Benchmark
    public SortedMap<String, com.codahale.metrics.health.HealthCheck.Result> dropwizardRunHealthChecks() {
        return dropwizard.runHealthChecks();
    }

    @Benchmark
    public Map<String, com.codahale.metrics.health.HealthCheck.Result> dropwizardWithExecutor() {
        return dropwizard.runHealthChecks(dropwizardPool);
    }
}
