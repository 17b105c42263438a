package dev.tradepulse.alerts.sinks;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What every HTTP sink's builder sets the same way: the sink's name, the deadline of one whole
 * exchange, the clock (for {@code Retry-After} dates) and how much of a response body is kept.
 * Each value is checked when it is set.
 */
final class HttpSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private String name;
    private Duration timeout = HttpDelivery.DEFAULT_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private int maxResponseBytes = HttpDelivery.DEFAULT_MAX_RESPONSE_BYTES;

    HttpSettings(String defaultName) {
        this.name = defaultName;
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'");
        }
        return name;
    }

    void name(String name) {
        this.name = checkName(name);
    }

    void timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        this.timeout = timeout;
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    void maxResponseBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + bytes);
        }
        this.maxResponseBytes = bytes;
    }

    String name() {
        return name;
    }

    Clock clock() {
        return clock;
    }

    HttpDelivery delivery(HttpClient client) {
        return new HttpDelivery(Objects.requireNonNull(client, "client must not be null"), timeout, clock,
                maxResponseBytes);
    }
}
