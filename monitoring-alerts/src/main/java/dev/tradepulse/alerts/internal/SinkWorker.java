package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSink;
import dev.tradepulse.alerts.Notification;
import dev.tradepulse.alerts.SinkException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's queue: takes everything waiting as one notification, keeps to the sink's
 * rate, retries with backoff (or the provider's {@code Retry-After}), and holds deliveries while
 * the sink's circuit breaker is open. What arrives while it waits joins the next message.
 */
final class SinkWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final AlertSink sink;
    private final SinkQueue queue;
    private final Clock clock;
    private final AlertDispatcher.Waiter waiter;
    private final DispatcherMeters meters;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final CircuitBreaker breaker;
    private final long intervalNanos;
    private final int burst;
    private double tokens;
    private long lastRefillNanos;
    private volatile long deadlineNanos = Long.MAX_VALUE;

    SinkWorker(AlertSink sink, SinkQueue queue, Clock clock, AlertDispatcher.Waiter waiter, DispatcherMeters meters,
            int maxAttempts, Duration backoff, Duration groupWait, Duration groupInterval) {
        this.groupWait = groupWait;
        this.groupInterval = groupInterval;
        this.sink = sink;
        this.queue = queue;
        this.clock = clock;
        this.waiter = waiter;
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.breaker = CircuitBreaker.of("alerts.sink." + sink.name(), CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(80)
                .waitDurationInOpenState(Duration.ofSeconds(30)).build());
        this.intervalNanos = sink.limits().interval().toNanos();
        this.burst = sink.limits().burst();
        this.tokens = burst;
        this.lastRefillNanos = clock.monotonicTime();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Stops retrying and waiting once this monotonic time passes (set by close). */
    void deadline(long monotonicNanos) {
        this.deadlineNanos = monotonicNanos;
    }

    @Override
    public void run() {
        List<SinkQueue.Queued> held = new ArrayList<>();
        try {
            while (true) {
                if (held.isEmpty() && !queue.awaitAny(java.util.concurrent.TimeUnit.SECONDS.toNanos(1))) {
                    if (queue.isClosing()) {
                        return;
                    }
                    continue;
                }
                if (held.isEmpty() && !groupWait.isZero() && !queue.isClosing()) {
                    waiter.await(groupWait); // let the rest of a burst arrive
                }
                waitForToken();
                held.addAll(queue.drain()); // everything that waited joins this message
                if (held.isEmpty()) {
                    continue;
                }
                if (deliver(held)) {
                    held.clear();
                    if (!groupInterval.isZero() && !queue.isClosing()) {
                        waiter.await(groupInterval); // what arrives meanwhile goes out as one update
                    }
                } else if (clock.monotonicTime() >= deadlineNanos) {
                    held.forEach(q -> meters.failed(sink.name(), q.alert().severity()));
                    return;
                }
            }
        } catch (InterruptedException e) {
            held.addAll(queue.drain());
            held.forEach(q -> meters.failed(sink.name(), q.alert().severity()));
            Thread.currentThread().interrupt();
        }
    }

    private void waitForToken() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            long waitNanos = (long) ((1 - tokens) * intervalNanos);
            waiter.await(Duration.ofNanos(waitNanos));
            refill();
        }
        tokens = Math.max(0, tokens - 1);
    }

    private void refill() {
        long now = clock.monotonicTime();
        tokens = Math.min(burst, tokens + (double) (now - lastRefillNanos) / intervalNanos);
        lastRefillNanos = now;
    }

    /** One message, with retries; true when it is done with (delivered, or failed for good). */
    private boolean deliver(List<SinkQueue.Queued> held) throws InterruptedException {
        List<dev.tradepulse.alerts.Alert> alerts = held.stream().map(SinkQueue.Queued::stamped).toList();
        Notification notification = new Notification(alerts);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (!breaker.tryAcquirePermission()) {
                // The sink is known to be down: hold the alerts (new ones merge in) and look again later.
                waiter.await(Duration.ofSeconds(1));
                return false;
            }
            long start = breaker.getCurrentTimestamp();
            try {
                sink.deliver(notification);
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                long now = clock.monotonicTime();
                held.forEach(q -> meters.delivered(sink.name(), q.alert().severity(), now - q.firedNanos()));
                return true;
            } catch (SinkException e) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                if (!e.isRetryable()) {
                    LOG.error("Alert sink '{}' rejected a message of {} alerts for good: {}", sink.name(), alerts.size(),
                            oneLine(e.getMessage()));
                    held.forEach(q -> meters.failed(sink.name(), q.alert().severity()));
                    return true;
                }
                retryWait(attempt, e.retryAfter().orElse(null), e.getMessage());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                retryWait(attempt, null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (clock.monotonicTime() >= deadlineNanos) {
                break;
            }
        }
        LOG.error("Alert sink '{}' failed to deliver {} alerts after {} attempts", sink.name(), alerts.size(), maxAttempts);
        held.forEach(q -> meters.failed(sink.name(), q.alert().severity()));
        return true;
    }

    private void retryWait(int attempt, Duration retryAfter, String why) throws InterruptedException {
        if (attempt >= maxAttempts) {
            return;
        }
        Duration wait = retryAfter != null ? retryAfter : backoffFor(attempt);
        LOG.warn("Alert sink '{}' attempt {}/{} failed: {}. Retrying in {} ms", sink.name(), attempt, maxAttempts,
                oneLine(why), wait.toMillis());
        waiter.await(wait);
    }

    private Duration backoffFor(int attempt) {
        Duration d = backoff.multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
