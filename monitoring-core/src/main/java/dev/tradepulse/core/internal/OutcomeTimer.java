package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Records durations to the timer for each outcome, and logs slow calls. The settings of the
 * timer itself (tags, description, percentiles, histogram, SLOs) are Micrometer's own builder,
 * {@code Timer.builder(Timed, String)} for {@code @Timed}; this
 * class only adds the {@code outcome} and {@code exception} tags. The success timer is registered
 * up front; a timer per exception class is registered on its first failure. Nothing here throws,
 * not even an {@code Error} from the registry: failures go to the {@link FailureReporter}.
 * Thread-safe.
 */
final class OutcomeTimer {

    private final String name;
    private final String operation;
    private final Logger log;
    private final MonitoringContext context;
    private final long slowNanos;
    private final Meter.@Nullable MeterProvider<Timer> timers;
    private final @Nullable LongTaskTimer longTask;
    private volatile @Nullable Timer success;
    private final ConcurrentMap<Class<?>, Timer> failures = new ConcurrentHashMap<>();

    private OutcomeTimer(String name, Meter.@Nullable MeterProvider<Timer> timers,
            @Nullable Supplier<LongTaskTimer.Builder> longTask, @Nullable Duration slowCallThreshold, String operation,
            Logger log, MonitoringContext context) {
        this.name = name;
        this.operation = operation;
        this.log = log;
        this.context = context;
        this.slowNanos = context.slowCallThreshold(name, slowCallThreshold).toNanos();
        this.timers = timers;
        this.longTask = longTask == null ? null : registerLongTask(longTask);
        if (timers != null) {
            try {
                this.success = timers.withTags("outcome", "success", "exception", "none");
            } catch (Throwable e) {
                context.failures().report("timer " + name, e); // registered again on first use
            }
        }
    }

    /**
     * A timer per outcome.
     *
     * @param name the metric name, for the slow-call threshold and failure reports
     * @param builder a fresh Micrometer builder carrying the timer's own settings, which this class owns
     * @param extraTags tags added to the builder's, such as the class and method
     * @param slowCallThreshold this timer's own threshold, or null for the configured one
     */
    static OutcomeTimer of(String name, Timer.Builder builder, Tags extraTags, @Nullable Duration slowCallThreshold,
            String operation, Logger log, MonitoringContext context) {
        Meter.MeterProvider<Timer> timers = builder.tags(extraTags).withRegistry(context.registry());
        return new OutcomeTimer(name, timers, null, slowCallThreshold, operation, log, context);
    }

    /** A long-task timer, from {@code @Timed(longTask = true)}; the builder is called once. */
    static OutcomeTimer longTask(String name, Supplier<LongTaskTimer.Builder> builder, Tags extraTags,
            String operation, Logger log, MonitoringContext context) {
        return new OutcomeTimer(name, null, () -> builder.get().tags(extraTags), null, operation, log, context);
    }

    private @Nullable LongTaskTimer registerLongTask(Supplier<LongTaskTimer.Builder> builder) {
        try {
            return builder.get().register(context.registry());
        } catch (Throwable e) {
            context.failures().report("long task timer " + name, e);
            return null;
        }
    }

    boolean isLongTask() {
        return timers == null;
    }

    LongTaskTimer.@Nullable Sample startLongTask() {
        LongTaskTimer timer = longTask;
        if (timer == null) {
            return null;
        }
        try {
            return timer.start();
        } catch (Throwable e) {
            context.failures().report("long task timer " + name, e);
            return null;
        }
    }

    void stopLongTask(LongTaskTimer.@Nullable Sample sample, long nanos, @Nullable Throwable failure) {
        try {
            if (sample != null) {
                sample.stop();
            }
            log(nanos, failure);
        } catch (Throwable e) {
            context.failures().report("long task timer " + name, e);
        }
    }

    void record(long nanos, @Nullable Throwable failure) {
        try {
            Timer timer = failure == null ? successTimer()
                    : failures.computeIfAbsent(failure.getClass(), type -> provider()
                            .withTags("outcome", "error", "exception", type.getSimpleName()));
            timer.record(nanos, TimeUnit.NANOSECONDS);
            log(nanos, failure);
        } catch (Throwable e) {
            context.failures().report("timer " + name, e);
        }
    }

    private Meter.MeterProvider<Timer> provider() {
        Meter.MeterProvider<Timer> provider = timers;
        if (provider == null) {
            throw new IllegalStateException("timer " + name + " is a long-task timer");
        }
        return provider;
    }

    private Timer successTimer() {
        Timer timer = success;
        if (timer == null) {
            timer = provider().withTags("outcome", "success", "exception", "none");
            success = timer;
        }
        return timer;
    }

    private void log(long nanos, @Nullable Throwable failure) {
        if (nanos >= slowNanos) {
            if (failure == null) {
                log.warn("Function {} completed in {}s", operation, LogText.seconds(nanos));
            } else {
                log.warn("Function {} failed after {}s: {}", operation, LogText.seconds(nanos), LogText.describe(failure));
            }
        } else if (log.isDebugEnabled()) {
            if (failure == null) {
                log.debug("Function {} completed in {}s", operation, LogText.seconds(nanos));
            } else {
                log.debug("Function {} failed after {}s: {}", operation, LogText.seconds(nanos), LogText.describe(failure));
            }
        }
    }
}
