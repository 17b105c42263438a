package dev.tradepulse.api.alert;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failed delivery, as the sink saw it: whether trying again could help (a 429 or 5xx, a
 * timeout) or not (a 400: the message itself is wrong), and how long the provider asked us to wait.
 */
public final class SinkException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final transient @Nullable Duration retryAfter;

    private SinkException(String message, boolean retryable, @Nullable Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * A failure worth retrying.
     *
     * @param message what happened, without secrets
     * @param retryAfter how long the provider asked to wait, or null
     * @return the exception
     */
    public static SinkException retryable(String message, @Nullable Duration retryAfter) {
        return new SinkException(message, true, retryAfter);
    }

    /**
     * A failure that retrying cannot fix.
     *
     * @param message what happened, without secrets
     * @return the exception
     */
    public static SinkException permanent(String message) {
        return new SinkException(message, false, null);
    }

    /** @return whether to retry */
    public boolean isRetryable() {
        return retryable;
    }

    /** @return the wait the provider asked for */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
