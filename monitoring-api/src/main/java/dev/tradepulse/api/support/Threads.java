package dev.tradepulse.api.support;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the background threads TradePulse starts. Every one is a daemon, so a
 * component that was never closed cannot keep the JVM alive, and every one is named
 * {@code tradepulse-<role>-<n>}, so a thread dump says whose it is. Thread-safe: every method
 * may be called from any thread, and every factory it returns may be shared.
 */
public final class Threads {

    private Threads() {
    }

    /**
     * A factory of daemon threads named {@code tradepulse-<role>-1}, {@code -2}, ...
     *
     * @param role what the threads do, such as {@code alert-sink-slack}
     * @return the factory; thread-safe
     * @throws NullPointerException if {@code role} is null
     * @throws IllegalArgumentException if {@code role} is blank
     */
    public static ThreadFactory daemon(String role) {
        String name = "tradepulse-" + Checks.notBlank(role, "role") + "-";
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One daemon thread named {@code tradepulse-<role>}, not yet started.
     *
     * @param role what the thread does
     * @param task what it runs
     * @return the thread
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code role} is blank
     */
    public static Thread daemonThread(String role, Runnable task) {
        Thread t = new Thread(Checks.notNull(task, "task"), "tradepulse-" + Checks.notBlank(role, "role"));
        t.setDaemon(true);
        return t;
    }

    /**
     * A factory of {@link ForkJoinPool} workers named {@code tradepulse-<role>-1}, {@code -2}, ...;
     * daemons, as every {@code ForkJoinPool} worker is.
     *
     * @param role what the workers do, such as {@code health}
     * @return the factory; thread-safe
     * @throws NullPointerException if {@code role} is null
     * @throws IllegalArgumentException if {@code role} is blank
     */
    public static ForkJoinPool.ForkJoinWorkerThreadFactory daemonForkJoin(String role) {
        String name = "tradepulse-" + Checks.notBlank(role, "role") + "-";
        AtomicInteger next = new AtomicInteger();
        return pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(name + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
