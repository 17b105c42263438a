package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcherConfig;
import dev.tradepulse.api.time.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.function.Consumer;

/**
 * What every sink worker of one dispatcher shares: the configuration, time, waiting, meters, the
 * breaker registry, and where alerts go that no sink delivered. Immutable.
 *
 * @param config the dispatcher's settings (group windows, retry caps, the default retry and breaker)
 * @param ticker the dispatcher's time
 * @param sleeper how workers wait
 * @param meters the dispatcher's meters
 * @param breakers where sink breakers are created
 * @param undelivered told of each alert that the last of its sinks failed to deliver
 */
record WorkerSettings(AlertDispatcherConfig config, Ticker ticker, Sleeper sleeper, DispatcherMeters meters,
        CircuitBreakerRegistry breakers, Consumer<SinkQueue.Queued> undelivered) {
}
