package dev.tradepulse.alerts.sinks;

/**
 * What every HTTP sink's builder sets: the settings of {@link SinkBuilder}, and how much of a
 * response body is kept. Not thread-safe: configure on one thread, then {@code build()}.
 *
 * @param <B> the concrete builder
 */
public abstract class HttpSinkBuilder<B extends HttpSinkBuilder<B>> extends SinkBuilder<B> {

    HttpSinkBuilder(String defaultName) {
        super(defaultName);
    }

    /**
     * How much of a response body is kept; the rest is not read (the connection is closed
     * instead). The default is 64 KiB, enough for any provider's error JSON.
     *
     * @param bytes at least 1024
     * @return this builder
     * @throws IllegalArgumentException if fewer than 1024
     */
    public B maxResponseBytes(int bytes) {
        settings.maxResponseBytes(bytes);
        return self();
    }
}
