package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.Inhibition;
import dev.tradepulse.alerts.Route;
import dev.tradepulse.api.alert.AlertSink;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A dispatcher's whole configuration, checked and copied by the builder.
 *
 * @param sinks the routed sinks
 * @param fallbacks where alerts go that no routed sink delivered
 * @param routes the routes
 * @param defaultSinks where alerts go that match no route
 * @param repeat the repeat interval
 * @param capacity alerts per sink queue
 * @param maxAttempts delivery attempts per message
 * @param intervals the retry schedule
 * @param groupWait Alertmanager's {@code group_wait}
 * @param groupInterval Alertmanager's {@code group_interval}
 * @param maxRetryAfter the cap on a provider's {@code Retry-After}
 * @param maxCriticalRetryAfter the same for a message that holds a CRITICAL alert
 * @param clock the clock
 * @param waiter how workers wait
 * @param meters the meters
 * @param closing counted down when the dispatcher closes, waking the default waiter
 * @param inhibitions the inhibition rules
 * @param tiers the escalation tiers
 * @param breakers where sink breakers live
 */
record DispatcherConfig(List<AlertSink> sinks, List<AlertSink> fallbacks, List<Route> routes, List<String> defaultSinks,
        Duration repeat, int capacity, int maxAttempts, IntervalFunction intervals, Duration groupWait,
        Duration groupInterval, Duration maxRetryAfter, Duration maxCriticalRetryAfter, Clock clock,
        AlertDispatcher.Waiter waiter, DispatcherMeters meters, CountDownLatch closing, List<Inhibition> inhibitions,
        List<Escalations.Tier> tiers, CircuitBreakerRegistry breakers) {
}
