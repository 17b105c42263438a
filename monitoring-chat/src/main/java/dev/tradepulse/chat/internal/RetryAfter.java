package dev.tradepulse.chat.internal;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a peer's "wait this long" number. A peer may send {@code 7}, {@code 2.5}, {@code 1e9} or
 * garbage; none of it may throw on the path that handles the refusal. Thread-safe (stateless).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param seconds a wait in seconds (fractions and exponents accepted), or null
     * @return the wait, if the value is a non-negative finite number; huge values are returned
     *     capped at 10^12 s (the caller caps them further)
     */
    public static Optional<Duration> seconds(@Nullable String seconds) {
        if (seconds == null) {
            return Optional.empty();
        }
        try {
            double s = Double.parseDouble(seconds.strip());
            if (!(s >= 0) || Double.isInfinite(s)) {
                return Optional.empty();
            }
            return Optional.of(s > 1e12 ? Duration.ofSeconds((long) 1e12) : Duration.ofMillis((long) (s * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
