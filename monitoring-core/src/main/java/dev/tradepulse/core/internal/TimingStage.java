package dev.tradepulse.core.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The timer layer: measures the whole call, including retries, until the result is known. */
final class TimingStage {

    private TimingStage() {
    }

    static Invoker of(OutcomeTimer timer, Clock clock, boolean async, Invoker next) {
        if (timer.isLongTask()) {
            return async ? asyncLongTask(timer, clock, next) : syncLongTask(timer, clock, next);
        }
        return async ? asyncTimer(timer, clock, next) : syncTimer(timer, clock, next);
    }

    private static Invoker syncTimer(OutcomeTimer timer, Clock clock, Invoker next) {
        return (target, args) -> {
            long start = clock.monotonicTime();
            Object result;
            try {
                result = next.invoke(target, args);
            } catch (Throwable failure) {
                timer.record(clock.monotonicTime() - start, failure);
                throw failure;
            }
            timer.record(clock.monotonicTime() - start, null);
            return result;
        };
    }

    private static Invoker asyncTimer(OutcomeTimer timer, Clock clock, Invoker next) {
        return (target, args) -> {
            long start = clock.monotonicTime();
            CompletableFuture<Object> promise = new CompletableFuture<>();
            Futures.stageOf(next, target, args).whenComplete((value, failure) -> {
                Throwable cause = failure == null ? null : Futures.unwrap(failure);
                timer.record(clock.monotonicTime() - start, cause);
                complete(promise, value, cause);
            });
            return promise;
        };
    }

    private static Invoker syncLongTask(OutcomeTimer timer, Clock clock, Invoker next) {
        return (target, args) -> {
            long start = clock.monotonicTime();
            LongTaskTimer.Sample sample = timer.startLongTask();
            Object result;
            try {
                result = next.invoke(target, args);
            } catch (Throwable failure) {
                timer.stopLongTask(sample, clock.monotonicTime() - start, failure);
                throw failure;
            }
            timer.stopLongTask(sample, clock.monotonicTime() - start, null);
            return result;
        };
    }

    private static Invoker asyncLongTask(OutcomeTimer timer, Clock clock, Invoker next) {
        return (target, args) -> {
            long start = clock.monotonicTime();
            LongTaskTimer.Sample sample = timer.startLongTask();
            CompletableFuture<Object> promise = new CompletableFuture<>();
            Futures.stageOf(next, target, args).whenComplete((value, failure) -> {
                Throwable cause = failure == null ? null : Futures.unwrap(failure);
                timer.stopLongTask(sample, clock.monotonicTime() - start, cause);
                complete(promise, value, cause);
            });
            return promise;
        };
    }

    static void complete(CompletableFuture<@Nullable Object> promise, @Nullable Object value,
            @Nullable Throwable failure) {
        if (failure == null) {
            promise.complete(value);
        } else {
            promise.completeExceptionally(failure);
        }
    }
}
