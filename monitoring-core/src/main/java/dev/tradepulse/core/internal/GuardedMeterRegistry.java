package dev.tradepulse.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopFunctionCounter;
import io.micrometer.core.instrument.noop.NoopFunctionTimer;
import io.micrometer.core.instrument.noop.NoopGauge;
import io.micrometer.core.instrument.noop.NoopLongTaskTimer;
import io.micrometer.core.instrument.noop.NoopMeter;
import io.micrometer.core.instrument.noop.NoopTimeGauge;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The registry handed to resilience4j's metric binders. Each meter is registered, under the
 * same name, tags and settings, in the user's registry; what the binders record goes through
 * {@link GuardedMeters}, which never throws. Without it, a registry whose {@code record} throws
 * makes resilience4j log a WARN with a stack trace for every call ("Failed to handle event").
 * Failures go to the {@link FailureReporter}: counted, and logged at most once a minute.
 *
 * <p>Meters that the user's registry polls (gauges, function counters and timers) are the
 * user's own, returned as they are: nothing on the call path touches them.
 */
final class GuardedMeterRegistry extends MeterRegistry {

    private final MeterRegistry delegate;
    private final FailureReporter failures;

    GuardedMeterRegistry(MeterRegistry delegate, FailureReporter failures) {
        super(delegate.config().clock());
        this.delegate = delegate;
        this.failures = failures;
        config().onMeterRemoved(this::removeFromDelegate);
    }

    /** Registers in the user's registry; if that throws, counts it and hands back a no-op meter. */
    private <M extends Meter> M register(Meter.Id id, Supplier<M> registration, Supplier<M> noop) {
        try {
            return registration.get();
        } catch (Throwable e) {
            failures.report("meter " + id.getName(), e);
            return noop.get();
        }
    }

    private void removeFromDelegate(Meter meter) {
        try {
            delegate.remove(meter instanceof GuardedMeters.Guarded g ? g.delegate() : meter);
        } catch (Throwable e) {
            failures.report("meter " + meter.getId().getName(), e);
        }
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        return register(id, () -> new GuardedMeters.GuardedCounter(id, Counter.builder(id.getName()).tags(id.getTags())
                .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(delegate), failures),
                () -> new NoopCounter(id));
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        return register(id, () -> {
            Timer.Builder b = Timer.builder(id.getName()).tags(id.getTags()).description(id.getDescription())
                    .pauseDetector(pauseDetector);
            if (config.getPercentiles() != null) {
                b.publishPercentiles(config.getPercentiles());
            }
            b.publishPercentileHistogram(config.isPercentileHistogram());
            b.percentilePrecision(config.getPercentilePrecision());
            b.distributionStatisticExpiry(config.getExpiry());
            b.distributionStatisticBufferLength(config.getBufferLength());
            if (config.getServiceLevelObjectiveBoundaries() != null) {
                b.serviceLevelObjectives(Arrays.stream(config.getServiceLevelObjectiveBoundaries())
                        .mapToObj(nanos -> Duration.ofNanos((long) nanos)).toArray(Duration[]::new));
            }
            if (config.getMinimumExpectedValueAsDouble() != null) {
                b.minimumExpectedValue(Duration.ofNanos(config.getMinimumExpectedValueAsDouble().longValue()));
            }
            if (config.getMaximumExpectedValueAsDouble() != null) {
                b.maximumExpectedValue(Duration.ofNanos(config.getMaximumExpectedValueAsDouble().longValue()));
            }
            return new GuardedMeters.GuardedTimer(id, b.register(delegate), clock, failures);
        }, () -> new NoopTimer(id));
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config,
            double scale) {
        return register(id, () -> {
            DistributionSummary.Builder b = DistributionSummary.builder(id.getName()).tags(id.getTags())
                    .description(id.getDescription()).baseUnit(id.getBaseUnit()).scale(scale);
            if (config.getPercentiles() != null) {
                b.publishPercentiles(config.getPercentiles());
            }
            b.publishPercentileHistogram(config.isPercentileHistogram());
            if (config.getServiceLevelObjectiveBoundaries() != null) {
                b.serviceLevelObjectives(config.getServiceLevelObjectiveBoundaries());
            }
            return new GuardedMeters.GuardedSummary(id, b.register(delegate), failures);
        }, () -> new NoopDistributionSummary(id));
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
        return register(id, () -> LongTaskTimer.builder(id.getName()).tags(id.getTags())
                .description(id.getDescription()).register(delegate), () -> new NoopLongTaskTimer(id));
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, @Nullable T obj, ToDoubleFunction<T> valueFunction) {
        return register(id, () -> Gauge.builder(id.getName(), obj, valueFunction).tags(id.getTags())
                .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(delegate), () -> new NoopGauge(id));
    }

    @Override
    protected <T> TimeGauge newTimeGauge(Meter.Id id, @Nullable T obj, TimeUnit valueFunctionUnit,
            ToDoubleFunction<T> valueFunction) {
        return register(id, () -> TimeGauge.builder(id.getName(), obj, valueFunctionUnit, valueFunction)
                .tags(id.getTags()).description(id.getDescription()).register(delegate), () -> new NoopTimeGauge(id));
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
        return register(id, () -> FunctionCounter.builder(id.getName(), obj, countFunction).tags(id.getTags())
                .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(delegate),
                () -> new NoopFunctionCounter(id));
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
            ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
        return register(id, () -> FunctionTimer.builder(id.getName(), obj, countFunction, totalTimeFunction,
                totalTimeFunctionUnit).tags(id.getTags()).description(id.getDescription()).register(delegate),
                () -> new NoopFunctionTimer(id));
    }

    @Override
    protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
        return register(id, () -> Meter.builder(id.getName(), type, measurements).tags(id.getTags())
                .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(delegate),
                () -> new NoopMeter(id));
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.SECONDS;
    }

    /** Nothing set here, so that the user's registry applies its own defaults to each meter. */
    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.builder().build();
    }
}
