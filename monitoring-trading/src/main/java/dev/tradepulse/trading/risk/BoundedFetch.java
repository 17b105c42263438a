package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.Threads;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs a peer's fetch (the bot's supplier of what the exchange reports) on one daemon thread of
 * its own, waiting at most a deadline. A fetch still running from an earlier call is not joined
 * by another: the new call answers "still running" at once, so a hung peer holds one thread.
 * Never throws. Thread-safe.
 */
final class BoundedFetch implements AutoCloseable {

    /** How long {@link #close()} waits for the worker to stop. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final ThreadPoolExecutor worker;
    /** True from submission until the task has really ended, whether or not it was cancelled. */
    private final AtomicBoolean busy = new AtomicBoolean();

    BoundedFetch(String role) {
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1),
                Threads.daemon(role));
    }

    /** What a fetch gave: a value, or a problem for operators (no secrets: a class name at most). */
    record Fetched<T>(@Nullable T value, @Nullable String problem) {
    }

    synchronized <T> Fetched<T> call(Callable<T> task, Duration timeout) {
        if (!busy.compareAndSet(false, true)) {
            // a cancelled future is done at once, but a fetch that ignores the interrupt still runs
            return new Fetched<>(null, "the previous fetch is still running");
        }
        Future<T> future;
        try {
            future = worker.submit(() -> {
                try {
                    T value = task.call();
                    if (value == null) {
                        throw new IllegalStateException("the fetch returned null");
                    }
                    return value;
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            busy.set(false);
            return new Fetched<>(null, "closed");
        }
        try {
            return new Fetched<>(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Fetched<>(null, "timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Fetched<>(null, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Failures.rethrowIfFatal(cause);
            return new Fetched<>(null, "failed with " + cause.getClass().getSimpleName());
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            return new Fetched<>(null, "failed with " + t.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
