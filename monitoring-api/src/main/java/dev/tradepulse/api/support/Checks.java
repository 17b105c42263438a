package dev.tradepulse.api.support;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Argument checks at the API boundary; every message names the parameter. Stateless and thread-safe. */
public final class Checks {

    private Checks() {
    }

    /**
     * Rejects null.
     *
     * @param value the argument
     * @param parameter its name
     * @param <T> its type
     * @return the argument
     * @throws NullPointerException if {@code value} is null, naming {@code parameter}
     */
    public static <T> T notNull(@Nullable T value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter + " must not be null");
        }
        return value;
    }

    /**
     * Rejects null and blank names.
     *
     * @param value the argument
     * @param parameter its name
     * @return the argument
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static String notBlank(@Nullable String value, String parameter) {
        String v = notNull(value, parameter);
        if (v.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank");
        }
        return v;
    }

    /**
     * Rejects null, zero and negative durations.
     *
     * @param value the argument
     * @param parameter its name
     * @return the argument
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static Duration positive(@Nullable Duration value, String parameter) {
        Duration v = notNull(value, parameter);
        if (v.isZero() || v.isNegative()) {
            throw new IllegalArgumentException(parameter + " must be positive, but was " + v);
        }
        return v;
    }
}
