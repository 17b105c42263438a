package dev.tradepulse.benchmarks;

import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.PreTradeGate;
import dev.tradepulse.trading.risk.PreTradeGateConfig;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #15: {@code PreTradeGate.check} on the allowed path (target ≤ 100 ns at the median, no
 * allocation), next to a bare, not-inlined method call in the same run.
 *
 * <p>{@code allowed} runs every check the gate has: the state, a lock book holding a lock on
 * another symbol (so the lock lookup is not skipped), the notional limit, and both rate windows.
 * Its clock steps 11 ms per read so that the rate windows (100 a second, 1,200 a minute) never
 * fill: the benchmark measures the allowed path, CAS included, not the denial.
 * {@code allowedWithoutRateLimits} and {@code allowedStateOnly} take checks away, to show where
 * the time goes. {@code deniedHalted} is the denial path with its audit throttle and counters (no journal).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PreTradeGateBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar PreTradeGateBenchmark -bm sample -prof gc   # the median
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PreTradeGateBenchmark {

    private static final GateDecision ANSWER = GateDecision.ALLOWED;

    private final OrderIntent intent = OrderIntent.of("BTCUSDT", Side.BUY, 0.1, 60_000);
    private PreTradeGate allowedGate;
    private PreTradeGate haltedGate;
    private PreTradeGate noRateGate;
    private PreTradeGate stateOnlyGate;

    /** A clock that moves 11 ms forward on every read: a single benchmark thread owns it. */
    static final class SteppingClock extends Clock {
        private long millis = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

        @Override
        public long millis() {
            millis += 11;
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Setup
    public void setUp() {
        Clock clock = new SteppingClock();
        LockBook locks = LockBook.builder().clock(clock).build();
        locks.lock("ETHUSDT", Duration.ofDays(3000), "benchmark", "benchmark");
        allowedGate = PreTradeGate.builder("bench").locks(locks).clock(clock)
                .config(PreTradeGateConfig.custom().maxNotionalPerOrder(1_000_000).build())
                .state(() -> TradingState.ACTIVE).build();
        noRateGate = PreTradeGate.builder("no-rate").locks(locks).clock(clock)
                .config(PreTradeGateConfig.custom().maxNotionalPerOrder(1_000_000).maxOrdersPerSecond(0)
                        .maxOrdersPerMinute(0).build())
                .state(() -> TradingState.ACTIVE).build();
        stateOnlyGate = PreTradeGate.builder("state-only").clock(clock)
                .config(PreTradeGateConfig.custom().maxOrdersPerSecond(0).maxOrdersPerMinute(0).build())
                .state(() -> TradingState.ACTIVE).build();
        haltedGate = PreTradeGate.builder("halted").clock(clock).state(() -> TradingState.HALTED).build();
    }

    /** The cost of a call that does nothing: the floor under {@link #allowed()}. */
    @Benchmark
    public GateDecision bareCall() {
        return bare(intent);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static GateDecision bare(OrderIntent intent) {
        return ANSWER;
    }

    @Benchmark
    public GateDecision allowed() {
        return allowedGate.check(intent);
    }

    /** {@link #allowed()} without the rate windows (the sequence CAS still counts the order). */
    @Benchmark
    public GateDecision allowedWithoutRateLimits() {
        return noRateGate.check(intent);
    }

    /** Only the state: no locks, no limits. */
    @Benchmark
    public GateDecision allowedStateOnly() {
        return stateOnlyGate.check(intent);
    }

    @Benchmark
    public GateDecision deniedHalted() {
        return haltedGate.check(intent);
    }
}
