package dev.tradepulse.runtime.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts parts in order and stops them in a fixed order. A start that fails closes everything
 * already started, newest first, before it throws; {@link #close} runs the shutdown stages in
 * order, each part bounded by what is left of one deadline, and never throws. Thread-safe.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** The shutdown order: what must still work when a later stage runs comes later. */
    public enum Stage {
        /** Stop the schedulers (rules, reports, background refreshes), so nothing new starts. */
        SCHEDULERS,
        /** Send the resolve notifications and drain the alert queues. */
        ALERTS,
        /** Flush and close the journal with its closing checkpoint. */
        JOURNAL,
        /** Stop the HTTP server last, so probes see the shutdown. */
        SERVER,
        /** Anything else, such as the state store and the meter registry. */
        LAST
    }

    /** Something to start; it may throw anything. */
    @FunctionalInterface
    public interface Starter<T> {
        /**
         * @return what was started
         * @throws Exception if it could not start
         */
        T start() throws Exception;
    }

    private static final Duration LONGEST = Duration.ofDays(36_500);

    private record Stoppable(String name, Stage stage, AutoCloseable closer) {
    }

    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final Duration deadline;
    private @Nullable Thread hook;
    private boolean closed;
    // Counted down when the first close has run every stage: a concurrent close (the shutdown hook
    // and the main thread at once) waits for it, or the JVM could halt with the journal still open.
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param deadline the most {@link #close()} may take in all
     * @throws NullPointerException if {@code deadline} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public Lifecycle(Duration deadline) {
        this.deadline = Checks.positive(deadline, "deadline");
    }

    /**
     * Starts a part, or, if it fails, closes every part started so far and throws.
     *
     * @param <T> what it starts
     * @param part the part's name, such as {@code the HTTP server}
     * @param where what it uses, such as {@code 127.0.0.1:8080}, or empty
     * @param fix what the user can do if it fails, or empty
     * @param stage when to close it
     * @param starter starts it
     * @return what was started; if it is {@link AutoCloseable} it is closed at its stage
     * @throws StartupException if it failed; everything started before was closed
     * @throws IllegalStateException if this lifecycle is closed
     */
    public synchronized <T> T start(String part, String where, String fix, Stage stage, Starter<T> starter) {
        Checks.notNull(part, "part");
        Checks.notNull(where, "where");
        Checks.notNull(fix, "fix");
        Checks.notNull(stage, "stage");
        Checks.notNull(starter, "starter");
        if (closed) {
            throw new IllegalStateException("the lifecycle is closed");
        }
        T t;
        try {
            t = starter.start();
        } catch (Throwable e) {
            closeAll();
            Failures.rethrowIfFatal(e);
            throw new StartupException(part, where, fix, e);
        }
        if (t instanceof AutoCloseable c) {
            started.push(new Stoppable(part, stage, c));
        }
        return t;
    }

    /**
     * Registers something to run at a stage of shutdown, such as "send the resolves".
     *
     * @param name what it is, for the log
     * @param stage when
     * @param action what to do
     * @throws NullPointerException if an argument is null
     */
    public synchronized void onClose(String name, Stage stage, AutoCloseable action) {
        started.push(new Stoppable(Checks.notNull(name, "name"), Checks.notNull(stage, "stage"),
                Checks.notNull(action, "action")));
    }

    /**
     * Closes everything at JVM exit (SIGTERM, {@code System.exit}) too.
     *
     * @throws IllegalStateException if the JVM is already shutting down
     */
    public synchronized void installShutdownHook() {
        if (hook == null) {
            Thread h = new Thread(this::close, "tradepulse-shutdown");
            Runtime.getRuntime().addShutdownHook(h);
            hook = h;
        }
    }

    /**
     * Closes every part, stage by stage within the deadline. Idempotent; never throws. A call while
     * another is closing returns when that one has finished (bounded by the deadline).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!closed && hook != null && Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyExiting) {
                    // the hook is running or about to; closing here as well is harmless
                }
            }
        }
        closeAll();
    }

    private void closeAll() {
        @Nullable List<Stoppable> parts;
        synchronized (this) {
            if (closed) {
                parts = null;
            } else {
                closed = true;
                parts = new ArrayList<>(started);
                started.clear();
            }
        }
        if (parts == null) {
            awaitFinished();
            return;
        }
        try {
            closeParts(parts);
        } finally {
            finished.countDown();
        }
    }

    private void awaitFinished() {
        try {
            if (!finished.await(budgetNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS)) {
                LOG.warn("Another close of TradePulse did not finish within the shutdown deadline; returning without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeParts(List<Stoppable> parts) {
        // Newest first within a stage; stages in their fixed order.
        Map<Stage, List<Stoppable>> byStage = new EnumMap<>(Stage.class);
        for (Stoppable s : parts) {
            byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s);
        }
        long budget = budgetNanos();
        long end = System.nanoTime() + budget;
        // A part that hangs before the journal must not eat the journal's time: the stages before
        // it keep a quarter of the deadline back for its closing checkpoint.
        long journalReserve = byStage.containsKey(Stage.JOURNAL) ? budget / 4 : 0;
        for (Map.Entry<Stage, List<Stoppable>> stage : byStage.entrySet()) {
            long stageEnd = stage.getKey().compareTo(Stage.JOURNAL) < 0 ? end - journalReserve : end;
            for (Stoppable s : stage.getValue()) {
                closeBounded(s, stageEnd);
            }
        }
    }

    // The deadline in nanoseconds, capped at a century: a longer one would overflow the arithmetic.
    private long budgetNanos() {
        return deadline.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : deadline.toNanos();
    }

    // Each part closes on its own daemon thread, so one that hangs costs its share of the deadline
    // and never the rest of the shutdown.
    private static void closeBounded(Stoppable s, long end) {
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread t = Threads.daemonThread("close-" + LogText.clean(s.name(), 40).replace(' ', '-'), () -> {
            try {
                s.closer().close();
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                done.countDown();
            }
        });
        t.start();
        try {
            long left = Math.max(0, end - System.nanoTime());
            if (!done.await(Math.max(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
                LOG.warn("Closing {} did not finish within the shutdown deadline; going on without it",
                        LogText.clean(s.name()));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failure[0] != null) {
            LOG.warn("Closing {} failed: {}", LogText.clean(s.name()), LogText.clean(String.valueOf(failure[0])));
        }
    }
}
