package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What every sink's builder sets the same way: the sink's name, its {@link SinkConfig} (the
 * deadline of one delivery, its own retry and breaker), the clock, and for HTTP sinks how much of
 * a response body is kept. Each value is checked when it is set. Not thread-safe.
 */
final class SinkSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private String name;
    private SinkConfig.Builder config = SinkConfig.custom();
    private Clock clock = Clock.systemUTC();
    private int maxResponseBytes = HttpDelivery.DEFAULT_MAX_RESPONSE_BYTES;

    SinkSettings(String defaultName) {
        this.name = defaultName;
    }

    static String checkName(String name) {
        Checks.notNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'");
        }
        return name;
    }

    void name(String name) {
        this.name = checkName(name);
    }

    void config(SinkConfig config) {
        this.config = SinkConfig.from(Checks.notNull(config, "config"));
    }

    void timeout(Duration timeout) {
        config.timeout(timeout);
    }

    void retry(RetryConfig retry) {
        config.retry(retry);
    }

    void circuitBreaker(CircuitBreakerConfig breaker) {
        config.circuitBreaker(breaker);
    }

    void clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
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

    SinkConfig sinkConfig() {
        return config.build();
    }

    HttpDelivery delivery(HttpClient client) {
        return new HttpDelivery(Checks.notNull(client, "client"), config.build().timeout(), clock, maxResponseBytes);
    }
}
