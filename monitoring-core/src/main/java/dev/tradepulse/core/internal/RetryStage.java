package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.core.RetryExhausted;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry layer, driven through resilience4j's {@link Retry.AsyncContext} for both kinds of
 * call: it keeps resilience4j's counters and events, and hands the wait back to us, so that
 * we can log it with the operation's name and wait on the injected {@code Sleeper} (or, for
 * asynchronous calls, the scheduler) instead of a hidden {@code Thread.sleep}.
 */
final class RetryStage {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.retry");

    private final Retry retry;
    private final String operation;
    private final int maxAttempts;
    private final MonitoringContext context;
    private final Invoker next;

    private RetryStage(Retry retry, String operation, MonitoringContext context, Invoker next) {
        this.retry = retry;
        this.operation = operation;
        this.maxAttempts = retry.getRetryConfig().getMaxAttempts();
        this.context = context;
        this.next = next;
    }

    static Invoker of(Retry retry, String operation, boolean async, MonitoringContext context, Invoker next) {
        RetryStage stage = new RetryStage(retry, operation, context, next);
        return async ? stage::invokeAsync : stage::invokeSync;
    }

    private @Nullable Object invokeSync(Object target, @Nullable Object[] args) throws Throwable {
        Retry.AsyncContext<Object> attempts = retry.asyncContext();
        for (int attempt = 1; ; attempt++) {
            Object result;
            try {
                result = next.invoke(target, args);
            } catch (Exception failure) {
                long waitMillis = attempts.onError(failure);
                if (waitMillis < 0) {
                    gaveUp(attempt, failure);
                    throw failure;
                }
                retrying(attempt, failure, waitMillis);
                if (!sleep(waitMillis)) {
                    throw failure;
                }
                continue;
            }
            long waitMillis = attempts.onResult(result);
            if (waitMillis < 0) {
                attempts.onComplete();
                return result;
            }
            retrying(attempt, null, waitMillis);
            if (!sleep(waitMillis)) {
                return result;
            }
        }
    }

    private Object invokeAsync(Object target, @Nullable Object[] args) {
        CompletableFuture<Object> promise = new CompletableFuture<>();
        attemptAsync(retry.asyncContext(), 1, target, args, promise);
        return promise;
    }

    private void attemptAsync(Retry.AsyncContext<Object> attempts, int attempt, Object target, Object[] args,
            CompletableFuture<Object> promise) {
        Futures.stageOf(next, target, args).whenComplete((value, error) -> {
            try {
                Throwable failure = error == null ? null : Futures.unwrap(error);
                long waitMillis = failure == null ? attempts.onResult(value) : attempts.onError(failure);
                if (waitMillis < 0) {
                    if (failure == null) {
                        attempts.onComplete();
                        promise.complete(value);
                    } else {
                        gaveUp(attempt, failure);
                        promise.completeExceptionally(failure);
                    }
                    return;
                }
                retrying(attempt, failure, waitMillis);
                // Closing the monitoring abandons the wait: the caller gets the last outcome, as an
                // interrupted synchronous retry does, instead of a stage that never completes.
                context.scheduleRetry(() -> attemptAsync(attempts, attempt + 1, target, args, promise), waitMillis,
                        () -> TimingStage.complete(promise, value, failure));
            } catch (RejectedExecutionException e) {
                promise.completeExceptionally(error != null ? Futures.unwrap(error) : e);
            } catch (Throwable t) {
                promise.completeExceptionally(t);
            }
        });
    }

    /** Waits; false if interrupted, with the interrupt flag restored. */
    private boolean sleep(long waitMillis) {
        try {
            context.sleeper().sleep(Duration.ofMillis(waitMillis));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void retrying(int attempt, @Nullable Throwable failure, long waitMillis) {
        try {
            if (LOG.isWarnEnabled()) {
                String why = failure == null ? "result rejected" : LogText.describe(failure);
                LOG.warn("Attempt {}/{} failed for {}: {}. Retrying in {}s...", attempt, maxAttempts, operation, why,
                        LogText.seconds(TimeUnit.MILLISECONDS.toNanos(waitMillis)));
            }
        } catch (Throwable e) {
            context.failures().report("retry log " + retry.getName(), e);
        }
    }

    private void gaveUp(int attempt, Throwable failure) {
        if (attempt < maxAttempts) {
            return; // not retryable by configuration: the caller's own failure, not an exhausted retry
        }
        try {
            LOG.error("All {} attempts failed for {}: {}", attempt, operation, LogText.describe(failure));
        } catch (Throwable e) {
            context.failures().report("retry log " + retry.getName(), e);
        }
        context.retryExhausted(new RetryExhausted(retry.getName(), operation, attempt, failure, context.now()));
    }
}
