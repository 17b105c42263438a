package dev.tradepulse.api.time;

import java.time.Duration;

/**
 * Waits between retry attempts. The default sleeps the calling thread; tests inject one that
 * moves a fake clock instead, so that backoff can be asserted without real waiting.
 *
 * <p>Threads: one sleeper serves every thread that retries, so an implementation must be
 * thread-safe; {@link #THREAD_SLEEP} is.
 */
@FunctionalInterface
public interface Sleeper {

    /** The sleeper that really sleeps, with {@link Thread#sleep(long)}. */
    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait, never negative
     * @throws InterruptedException if the thread is interrupted while waiting; the retry then
     *     stops and the last failure is rethrown
     */
    void sleep(Duration duration) throws InterruptedException;
}
