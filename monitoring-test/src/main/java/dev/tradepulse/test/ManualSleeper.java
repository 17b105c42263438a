package dev.tradepulse.test;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that never sleeps: it records each wait and moves a {@link MutableClock} by
 * it, so a test asserts backoff without waiting. Thread-safe: several threads may sleep at once;
 * each wait moves the clock by its own length.
 */
public final class ManualSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private ManualSleeper(MutableClock clock) {
        this.clock = clock;
    }

    /**
     * A sleeper that moves {@code clock} by every wait.
     *
     * @param clock the clock to move
     * @return the sleeper
     * @throws NullPointerException if {@code clock} is null
     */
    public static ManualSleeper moving(MutableClock clock) {
        return new ManualSleeper(Checks.notNull(clock, "clock"));
    }

    /**
     * Records the wait and moves the clock by it.
     *
     * @param duration how long to wait
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws InterruptedException if the calling thread was interrupted, as a real sleep would be
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Checks.notNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration);
        }
        sleeps.add(duration);
        clock.advance(duration);
    }

    /**
     * Every wait so far, in order.
     *
     * @return an immutable copy
     */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /**
     * The sum of every wait so far.
     *
     * @return the total
     */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The clock this sleeper moves.
     *
     * @return the clock
     */
    public MutableClock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "ManualSleeper[" + sleeps.size() + " sleeps, " + total() + "]";
    }
}
