package dev.tradepulse.api.alert;

import java.time.Duration;

/**
 * Where notifications go: Slack, Telegram, PagerDuty, a webhook, a log. Deliver one
 * notification, or throw. The dispatcher owns retries, backoff, rate limits and breakers; a sink
 * only says how it failed, with {@link SinkException}.
 *
 * <p>A sink must never put a secret (a token, a webhook URL, a routing key) into an exception
 * message or its {@code toString}.
 *
 * <p><b>Thread safety: a sink must be thread-safe.</b> The dispatcher gives each sink one worker
 * thread that calls {@link #deliver} one message at a time, but {@code sendTestAlert} calls
 * {@link #deliver} on a thread of its own, while the worker may be delivering, and may interrupt
 * that thread when its deadline passes. So {@link #deliver} may run on two threads at once: keep
 * per-delivery state local (or guard what is shared), and answer an interrupt by returning or
 * throwing promptly. {@link #name()}, {@link #limits()} and {@link #sendsResolved()} must return
 * the same values on every call and thread; {@link #close()} is called once, after the worker has
 * stopped (a test delivery that overran its deadline may still be running).
 */
public interface AlertSink {

    /** @return a short name for routing, metrics and logs, such as {@code slack} */
    String name();

    /**
     * The sink's published limits: message size and rate. The dispatcher keeps to the rate,
     * merging what waits into the next message; the sink cuts text to the size.
     *
     * @return the limits
     */
    default Limits limits() {
        return Limits.UNLIMITED;
    }

    /** @return whether it should receive resolve notifications */
    default boolean sendsResolved() {
        return true;
    }

    /**
     * Delivers one notification. May be called on two threads at once (see the class comment).
     *
     * @param notification what to deliver
     * @throws SinkException when delivery failed, saying whether to retry and when
     * @throws Exception any other failure, treated as retryable
     */
    void deliver(Notification notification) throws Exception;

    /** Releases what the sink holds (threads, connections); called once by the dispatcher's close. */
    default void close() {
    }

    /**
     * A sink's limits. Immutable and thread-safe.
     *
     * @param maxMessageChars the longest message it accepts
     * @param messagesPerSecond the sustained rate it accepts
     * @param burst how many messages it accepts at once before the rate applies
     */
    record Limits(int maxMessageChars, double messagesPerSecond, int burst) {

        /** No limits, for logs. */
        public static final Limits UNLIMITED = new Limits(Integer.MAX_VALUE, Double.MAX_VALUE, Integer.MAX_VALUE);

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a value is not positive
         */
        public Limits {
            if (maxMessageChars < 1 || !(messagesPerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("limits must be positive, got " + maxMessageChars + " chars, "
                        + messagesPerSecond + "/s, burst " + burst);
            }
        }

        /** @return the wait between messages at the sustained rate */
        public Duration interval() {
            return messagesPerSecond >= 1e9 ? Duration.ZERO : Duration.ofNanos((long) (1e9 / messagesPerSecond));
        }
    }
}
