package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contains failures of the instrumentation itself: counts them, and logs at most one line per
 * interval with the number suppressed since the last. Never throws.
 */
public final class FailureReporter {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.instrumentation");

    private final Clock clock;
    private final LongAdder total = new LongAdder();
    private final LogThrottle throttle = new LogThrottle(java.time.Duration.ofMinutes(1));
    private final AtomicLong suppressed = new AtomicLong();
    private volatile @Nullable Counter counter;

    /**
     * Creates a reporter.
     *
     * @param clock the clock that paces logging
     */
    public FailureReporter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Publishes the count as {@code tradepulse.instrumentation.failures}.
     *
     * @param registry the registry
     */
    public void bindTo(MeterRegistry registry) {
        counter = Counter.builder("tradepulse.instrumentation.failures")
                .description("Failures of meters, logs or listeners that TradePulse contained")
                .register(registry);
    }

    /**
     * Records a contained failure.
     *
     * @param where what failed, such as {@code timer exchange.requests}
     * @param failure what it threw
     */
    public void report(String where, Throwable failure) {
        total.increment();
        try {
            Counter c = counter;
            if (c != null) {
                c.increment();
            }
        } catch (Throwable e) {
            // the registry that failed may be ours too: still log below
        }
        try {
            if (throttle.tryAcquire(clock.monotonicTime())) {
                long skipped = suppressed.getAndSet(0);
                LOG.warn("Instrumentation failure in {} ({} more suppressed since the last report): {}",
                        LogText.clean(where), skipped, LogText.describe(failure));
            } else {
                suppressed.incrementAndGet();
            }
        } catch (Throwable ignored) {
            // The reporter is the last line of defence; it must not fail the caller either.
        }
    }

    /**
     * How many failures were contained.
     *
     * @return the count
     */
    public long total() {
        return total.sum();
    }
}
