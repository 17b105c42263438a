package dev.tradepulse.alerts.sinks;

import java.time.Clock;
import java.time.Duration;

/**
 * What every HTTP sink's builder sets the same way: the sink's name, the deadline of one whole
 * exchange, the clock and how much of a response body is kept. Not thread-safe: configure on
 * one thread, then {@code build()}.
 *
 * @param <B> the concrete builder
 */
public abstract class HttpSinkBuilder<B extends HttpSinkBuilder<B>> {

    final HttpSettings http;

    HttpSinkBuilder(String defaultName) {
        this.http = new HttpSettings(defaultName);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The sink's name, for routing, meters, health checks and logs; the default is the kind of
     * sink ({@code slack}, {@code telegram}, ...). Two sinks of one kind need names of their own.
     *
     * @param name 1 to 64 letters, digits, '.', '_' or '-'
     * @return this builder
     * @throws IllegalArgumentException if the name is not of that form
     * @throws NullPointerException if the name is null
     */
    public B name(String name) {
        http.name(name);
        return self();
    }

    /**
     * The deadline of one whole exchange with the provider: connecting, sending, the response
     * headers and its body. The default is 10 seconds.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public B timeout(Duration timeout) {
        http.timeout(timeout);
        return self();
    }

    /**
     * The clock that turns an HTTP-date {@code Retry-After} into a wait; the default is the
     * system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        http.clock(clock);
        return self();
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
        http.maxResponseBytes(bytes);
        return self();
    }
}
