package dev.tradepulse.alerts.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Durations as people write them in rule summaries and alert texts: {@code "30 s"},
 * {@code "5 min"}, {@code "1 h 30 min"}, {@code "2 d 4 h"}, {@code "250 ms"}. Exact: every
 * non-zero unit from days down to milliseconds is shown, so nothing is rounded away.
 *
 * <p>Stateless and thread-safe.
 */
public final class HumanDuration {

    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE);
    private static final String[] UNIT_NAMES = {"d", "h", "min", "s", "ms"};

    private HumanDuration() {
    }

    /**
     * Formats a duration, to the millisecond.
     *
     * @param duration zero or more
     * @return such as {@code "1 h 30 min"}; {@code "0 s"} for zero
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
        long rest = duration.compareTo(LONGEST) > 0 ? Long.MAX_VALUE : duration.toMillis();
        if (rest == 0) {
            return "0 s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long amount = rest / UNIT_MILLIS[i];
            if (amount > 0) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(amount).append(' ').append(UNIT_NAMES[i]);
                rest -= amount * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
