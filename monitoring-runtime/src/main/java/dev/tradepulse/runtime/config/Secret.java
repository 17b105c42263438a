package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret value: its text is available through {@link #reveal()} only, and it prints as
 * {@code ******}. Immutable and thread-safe.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret text
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     */
    public static Secret of(String value) {
        return new Secret(Checks.notNull(value, "value"));
    }

    /** @return the secret text; never log it */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "******";
    }
}
