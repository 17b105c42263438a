package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Records durations to the timer for each outcome, and logs slow calls. The success timer is
 * registered up front; a timer per exception class is registered on its first failure.
 * Nothing here throws, not even an {@code Error} from the registry: failures go to the
 * {@link FailureReporter}.
 */
final class OutcomeTimer {

    private final TimerSpec spec;
    private final Tags tags;
    private final String operation;
    private final Logger log;
    private final MonitoringContext context;
    private final long slowNanos;
    private final @Nullable LongTaskTimer longTask;
    private volatile @Nullable Timer success;
    private final ConcurrentMap<Class<?>, Timer> failures = new ConcurrentHashMap<>();

    OutcomeTimer(TimerSpec spec, Tags extraTags, String operation, Logger log, MonitoringContext context) {
        this.spec = spec;
        this.tags = spec.tags().and(extraTags);
        this.operation = operation;
        this.log = log;
        this.context = context;
        this.slowNanos = context.slowCallThreshold(spec.name(), spec.slowCallThreshold()).toNanos();
        this.longTask = spec.longTask() ? registerLongTask() : null;
        if (!spec.longTask()) {
            try {
                this.success = timer("success", "none");
            } catch (Throwable e) {
                context.failures().report("timer " + spec.name(), e); // registered again on first use
            }
        }
    }

    private @Nullable LongTaskTimer registerLongTask() {
        try {
            return LongTaskTimer.builder(spec.name()).tags(tags).description(spec.description())
                    .register(context.registry());
        } catch (Throwable e) {
            context.failures().report("long task timer " + spec.name(), e);
            return null;
        }
    }

    boolean isLongTask() {
        return spec.longTask();
    }

    LongTaskTimer.@Nullable Sample startLongTask() {
        if (longTask == null) {
            return null;
        }
        try {
            return longTask.start();
        } catch (Throwable e) {
            context.failures().report("long task timer " + spec.name(), e);
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
            context.failures().report("long task timer " + spec.name(), e);
        }
    }

    void record(long nanos, @Nullable Throwable failure) {
        try {
            Timer timer = failure == null ? successTimer()
                    : failures.computeIfAbsent(failure.getClass(), type -> timer("error", type.getSimpleName()));
            timer.record(nanos, TimeUnit.NANOSECONDS);
            log(nanos, failure);
        } catch (Throwable e) {
            context.failures().report("timer " + spec.name(), e);
        }
    }

    private Timer successTimer() {
        Timer timer = success;
        if (timer == null) {
            timer = timer("success", "none");
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

    private Timer timer(String outcome, String exception) {
        Timer.Builder builder = Timer.builder(spec.name())
                .tags(tags)
                .tag("outcome", outcome)
                .tag("exception", exception)
                .description(spec.description())
                .publishPercentiles(spec.percentiles().length == 0 ? null : spec.percentiles());
        if (spec.histogram()) {
            builder.publishPercentileHistogram(true);
        }
        if (spec.slos().length > 0) {
            builder.serviceLevelObjectives(spec.slos());
        }
        return builder.register(context.registry());
    }
}
