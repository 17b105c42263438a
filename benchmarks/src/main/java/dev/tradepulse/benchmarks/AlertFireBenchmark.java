package dev.tradepulse.benchmarks;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
 * Issue #4: the caller's cost of {@code fire()} while every sink hangs: the dedup path (the same
 * key again) and the enqueue path (a new key each call, into full queues).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AlertFireBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AlertFireBenchmark {

    /** A sink that never returns, like a provider that hangs. */
    static final class HangingSink implements AlertSink {
        private final String name;
        private final CountDownLatch never;

        HangingSink(String name, CountDownLatch never) {
            this.name = name;
            this.never = never;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(Notification notification) throws InterruptedException {
            never.await();
        }
    }

    private final CountDownLatch never = new CountDownLatch(1);
    private AlertDispatcher dispatcher;
    private AlertDispatcher deduplicating;
    private Alert same;
    private Alert[] distinct;
    private int next;

    @Setup
    public void setUp() {
        dispatcher = AlertDispatcher.builder()
                .sink(new HangingSink("pagerduty", never)).sink(new HangingSink("slack", never))
                .repeatInterval(Duration.ofNanos(1)) // so the distinct-key path always enqueues
                .queueCapacity(10_000).build();
        deduplicating = AlertDispatcher.builder()
                .sink(new HangingSink("pagerduty", never)).sink(new HangingSink("slack", never)).build();
        same = Alert.builder("disk-low", Severity.MEDIUM, "disk below 1 GB").build();
        distinct = new Alert[4096];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = Alert.builder("order-reject-" + i, Severity.values()[i % 4], "order rejected").build();
        }
    }

    @TearDown
    public void tearDown() {
        never.countDown();
        dispatcher.close(Duration.ofSeconds(1));
        deduplicating.close(Duration.ofSeconds(1));
    }

    /** A new alert every call (repeat interval 1 ns), routed into two full queues of hung sinks. */
    @Benchmark
    public void distinctKeysIntoHungSinks() {
        dispatcher.fire(distinct[next++ & 4095]);
    }

    /** The same key over and over inside the default 4-hour repeat interval: the dedup path. */
    @Benchmark
    public void sameKeyDeduplicated() {
        deduplicating.fire(same);
    }
}
