package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.core.ExecutionTimer;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Collects the settings of a programmatic timer. */
final class TimerBuilder implements ExecutionTimer.Builder {

    private final String name;
    private final MonitoringContext context;
    private Tags tags = Tags.empty();
    private @Nullable String description;
    private double[] percentiles = new double[0];
    private boolean histogram;
    private final List<Duration> slos = new ArrayList<>();
    private @Nullable Duration slowCallThreshold;

    TimerBuilder(String name, MonitoringContext context) {
        this.name = name;
        this.context = context;
    }

    @Override
    public ExecutionTimer.Builder tag(String key, String value) {
        tags = tags.and(Checks.notBlank(key, "key"), Checks.notNull(value, "value"));
        return this;
    }

    @Override
    public ExecutionTimer.Builder tags(Tags tags) {
        this.tags = this.tags.and(Checks.notNull(tags, "tags"));
        return this;
    }

    @Override
    public ExecutionTimer.Builder description(String description) {
        this.description = Checks.notNull(description, "description");
        return this;
    }

    @Override
    public ExecutionTimer.Builder publishPercentiles(double... percentiles) {
        Checks.notNull(percentiles, "percentiles");
        for (double p : percentiles) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("percentiles must each lie in [0, 1], got " + p);
            }
        }
        this.percentiles = percentiles.clone();
        return this;
    }

    @Override
    public ExecutionTimer.Builder publishPercentileHistogram(boolean enabled) {
        this.histogram = enabled;
        return this;
    }

    @Override
    public ExecutionTimer.Builder serviceLevelObjectives(Duration... objectives) {
        Checks.notNull(objectives, "objectives");
        for (Duration objective : objectives) {
            slos.add(Checks.positive(objective, "objectives"));
        }
        return this;
    }

    @Override
    public ExecutionTimer.Builder slowCallThreshold(Duration threshold) {
        this.slowCallThreshold = Checks.positive(threshold, "threshold");
        return this;
    }

    @Override
    public ExecutionTimer build() {
        return new DefaultExecutionTimer(spec(), context);
    }

    TimerSpec spec() {
        return new TimerSpec(name, tags, description, percentiles, histogram, slos.toArray(Duration[]::new),
                slowCallThreshold, false);
    }

    /** A timer from {@code Monitoring.timer(...)}: its layer is the same one annotations get. */
    static final class DefaultExecutionTimer implements ExecutionTimer {

        private final TimerSpec spec;
        private final MonitoringContext context;
        private final Invoker sync;
        private final Invoker async;

        DefaultExecutionTimer(TimerSpec spec, MonitoringContext context) {
            this.spec = spec;
            this.context = context;
            OutcomeTimer timer = new OutcomeTimer(spec, Tags.empty(), spec.name(),
                    LoggerFactory.getLogger(ExecutionTimer.class), context);
            this.sync = TimingStage.of(timer, context.clock(), false, Tasks.SYNC);
            this.async = TimingStage.of(timer, context.clock(), true, Tasks.ASYNC);
        }

        TimerSpec spec() {
            return spec;
        }

        MonitoringContext context() {
            return context;
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public void record(Runnable task) {
            Tasks.run(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> T record(java.util.function.Supplier<T> task) {
            return Tasks.get(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> T recordCallable(java.util.concurrent.Callable<T> task) throws Exception {
            return Tasks.call(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> java.util.concurrent.CompletionStage<T> recordStage(
                java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<T>> task) {
            return Tasks.stage(async, Checks.notNull(task, "task"));
        }

        @Override
        public String toString() {
            return "ExecutionTimer[" + spec.name() + "]";
        }
    }
}
