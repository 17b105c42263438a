package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.support.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs one task on several threads released together, within a deadline. Not for sharing. */
final class Concurrently {

    /** A task that may throw anything; {@code index} is the thread's number from 0. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws Throwable;
    }

    private Concurrently() {
    }

    /**
     * Runs {@code task} on {@code threads} daemon threads that start together, and waits for all
     * of them until {@code deadline} has passed.
     *
     * @return what each thread threw, by index; null where it returned
     * @throws AssertionError if a thread had not finished by the deadline
     */
    static List<@Nullable Throwable> run(int threads, Duration deadline, Task task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("kit-concurrent"));
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<@Nullable Throwable>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        task.run(index);
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all %d threads started", threads).isTrue();
            go.countDown();
            long end = System.nanoTime() + deadline.toNanos();
            List<@Nullable Throwable> thrown = new ArrayList<>();
            for (Future<@Nullable Throwable> result : results) {
                try {
                    thrown.add(result.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("a call from one of " + threads + " threads at once did not end within "
                            + deadline + ": it blocks, or waits for another caller", e);
                } catch (ExecutionException e) {
                    thrown.add(e.getCause());
                }
            }
            return thrown;
        } finally {
            pool.shutdownNow();
        }
    }
}
