package dev.tradepulse.core.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Meters that forward to the user's meters and never throw: whatever a record throws is
 * counted by the {@link FailureReporter}. Reads fall back to zero or an empty snapshot.
 */
final class GuardedMeters {

    private GuardedMeters() {
    }

    /** A guarded meter and the user's meter behind it. */
    interface Guarded {
        Meter delegate();
    }

    private abstract static class Base<M extends Meter> implements Guarded {
        final Meter.Id id;
        final M delegate;
        final FailureReporter failures;

        Base(Meter.Id id, M delegate, FailureReporter failures) {
            this.id = id;
            this.delegate = delegate;
            this.failures = failures;
        }

        public final Meter.Id getId() {
            return id;
        }

        @Override
        public final Meter delegate() {
            return delegate;
        }

        final void failed(Throwable e) {
            failures.report("meter " + id.getName(), e);
        }
    }

    static final class GuardedCounter extends Base<Counter> implements Counter {
        GuardedCounter(Meter.Id id, Counter delegate, FailureReporter failures) {
            super(id, delegate, failures);
        }

        @Override
        public void increment(double amount) {
            try {
                delegate.increment(amount);
            } catch (Throwable e) {
                failed(e);
            }
        }

        @Override
        public double count() {
            try {
                return delegate.count();
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }
    }

    static final class GuardedTimer extends Base<Timer> implements Timer {
        private final Clock clock;

        GuardedTimer(Meter.Id id, Timer delegate, Clock clock, FailureReporter failures) {
            super(id, delegate, failures);
            this.clock = clock;
        }

        @Override
        public void record(long amount, TimeUnit unit) {
            try {
                delegate.record(amount, unit);
            } catch (Throwable e) {
                failed(e);
            }
        }

        @Override
        public <T> T record(Supplier<T> f) {
            long start = clock.monotonicTime();
            try {
                return f.get();
            } finally {
                record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public <T> T recordCallable(Callable<T> f) throws Exception {
            long start = clock.monotonicTime();
            try {
                return f.call();
            } finally {
                record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void record(Runnable f) {
            long start = clock.monotonicTime();
            try {
                f.run();
            } finally {
                record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public long count() {
            try {
                return delegate.count();
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public double totalTime(TimeUnit unit) {
            try {
                return delegate.totalTime(unit);
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public double max(TimeUnit unit) {
            try {
                return delegate.max(unit);
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public TimeUnit baseTimeUnit() {
            return delegate.baseTimeUnit();
        }

        @Override
        public HistogramSnapshot takeSnapshot() {
            try {
                return delegate.takeSnapshot();
            } catch (Throwable e) {
                failed(e);
                return HistogramSnapshot.empty(0, 0, 0);
            }
        }
    }

    static final class GuardedSummary extends Base<DistributionSummary> implements DistributionSummary {
        GuardedSummary(Meter.Id id, DistributionSummary delegate, FailureReporter failures) {
            super(id, delegate, failures);
        }

        @Override
        public void record(double amount) {
            try {
                delegate.record(amount);
            } catch (Throwable e) {
                failed(e);
            }
        }

        @Override
        public long count() {
            try {
                return delegate.count();
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public double totalAmount() {
            try {
                return delegate.totalAmount();
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public double max() {
            try {
                return delegate.max();
            } catch (Throwable e) {
                failed(e);
                return 0;
            }
        }

        @Override
        public HistogramSnapshot takeSnapshot() {
            try {
                return delegate.takeSnapshot();
            } catch (Throwable e) {
                failed(e);
                return HistogramSnapshot.empty(0, 0, 0);
            }
        }
    }
}
