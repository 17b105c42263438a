package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.core.ExecutionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the settings of a programmatic timer. {@link #build()} copies them into a factory of
 * Micrometer {@link Timer.Builder}s, so the timer's settings mean exactly what Micrometer's do.
 * Not thread-safe; the timer it builds is.
 */
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
        return new DefaultExecutionTimer(definition(), context);
    }

    /** The settings so far, copied. */
    Definition definition() {
        Tags ownTags = tags;
        String ownDescription = description;
        double[] ownPercentiles = percentiles.length == 0 ? null : percentiles.clone();
        Boolean ownHistogram = histogram ? Boolean.TRUE : null;
        Duration[] ownSlos = slos.isEmpty() ? null : slos.toArray(Duration[]::new);
        String metricName = name;
        return new Definition(name, () -> Timer.builder(metricName)
                .tags(ownTags)
                .description(ownDescription)
                .publishPercentiles(ownPercentiles)
                .publishPercentileHistogram(ownHistogram)
                .serviceLevelObjectives(ownSlos), slowCallThreshold);
    }

    /**
     * A timer's definition: its name, a factory of Micrometer builders that carry its settings (a
     * builder is mutable, so every {@link OutcomeTimer} gets a fresh one), and its own slow-call
     * threshold, or null for the configured one.
     */
    record Definition(String name, Supplier<Timer.Builder> micrometer, @Nullable Duration slowCallThreshold) {

        OutcomeTimer timer(Tags extraTags, String operation, Logger log, MonitoringContext context) {
            return OutcomeTimer.of(name, micrometer.get(), extraTags, slowCallThreshold, operation, log, context);
        }
    }

    /** A timer from {@code Monitoring.timer(...)}: its layer is the same one annotations get. */
    static final class DefaultExecutionTimer implements ExecutionTimer {

        private final Definition definition;
        private final MonitoringContext context;
        private final Invoker sync;
        private final Invoker async;

        DefaultExecutionTimer(Definition definition, MonitoringContext context) {
            this.definition = definition;
            this.context = context;
            OutcomeTimer timer = definition.timer(Tags.empty(), definition.name(),
                    LoggerFactory.getLogger(ExecutionTimer.class), context);
            this.sync = TimingStage.of(timer, context.ticker(), false, Tasks.SYNC);
            this.async = TimingStage.of(timer, context.ticker(), true, Tasks.ASYNC);
        }

        Definition definition() {
            return definition;
        }

        MonitoringContext context() {
            return context;
        }

        @Override
        public String name() {
            return definition.name();
        }

        @Override
        public void record(Runnable task) {
            Tasks.run(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> T record(Supplier<T> task) {
            return Tasks.get(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> T recordCallable(Callable<T> task) throws Exception {
            return Tasks.call(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> CompletionStage<T> recordStage(Supplier<? extends CompletionStage<T>> task) {
            return Tasks.stage(async, Checks.notNull(task, "task"));
        }

        @Override
        public String toString() {
            return "ExecutionTimer[" + definition.name() + "]";
        }
    }
}
