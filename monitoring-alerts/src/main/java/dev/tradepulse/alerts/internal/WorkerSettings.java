package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every sink worker of one dispatcher shares: time, waiting, meters, the retry schedule and
 * its caps, the breaker registry, and where alerts go that no sink delivered.
 *
 * @param clock the dispatcher's clock
 * @param waiter how workers wait
 * @param meters the dispatcher's meters
 * @param maxAttempts delivery attempts per message
 * @param intervals the wait before retry {@code n} (1-based), when the provider names none
 * @param groupWait Alertmanager's {@code group_wait}
 * @param groupInterval Alertmanager's {@code group_interval}
 * @param maxRetryAfter the longest a provider's {@code Retry-After} is honoured
 * @param maxCriticalRetryAfter the same, for a message that holds a CRITICAL alert
 * @param breakers where sink breakers are created
 * @param undelivered told of each alert that the last of its sinks failed to deliver
 */
record WorkerSettings(Clock clock, AlertDispatcher.Waiter waiter, DispatcherMeters meters, int maxAttempts,
        IntervalFunction intervals, Duration groupWait, Duration groupInterval, Duration maxRetryAfter,
        Duration maxCriticalRetryAfter, CircuitBreakerRegistry breakers, Consumer<SinkQueue.Queued> undelivered) {
}
