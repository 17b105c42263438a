package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.api.support.LogText;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's queue: takes everything waiting as one notification, keeps to the sink's
 * rate, retries with jittered exponential backoff (or the provider's {@code Retry-After}, capped),
 * and counts an attempt refused by the sink's open circuit breaker as a failed one. Each message
 * ends delivered or failed; the last sink to fail an alert hands it to the dispatcher's fallback.
 *
 * <p>Its outcome counting and {@link #abandon} share one lock, so that once the dispatcher has
 * abandoned what a worker holds, nothing the worker does later changes a counter.
 */
final class SinkWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");
    /** A delivery running longer than this is reported as stalled. */
    static final Duration STALL_AFTER = Duration.ofSeconds(30);
    static final CircuitBreakerConfig BREAKER_CONFIG = CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(80)
            .waitDurationInOpenState(Duration.ofSeconds(30)).build();
    private static final long IDLE = Long.MIN_VALUE;
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AlertSink sink;
    private final String name;
    private final SinkQueue queue;
    private final WorkerSettings settings;
    private final CircuitBreaker breaker;
    private final long intervalNanos;
    private final int burst;
    private double tokens;
    private long lastRefillNanos;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile long inFlightSince = IDLE;

    private final Object lock = new Object();
    /** The message being delivered; guarded by {@link #lock}. */
    private final List<SinkQueue.Queued> held = new ArrayList<>();
    /** Set once everything is counted; guarded by {@link #lock}. */
    private boolean finished;

    SinkWorker(AlertSink sink, SinkQueue queue, WorkerSettings settings) {
        this.sink = sink;
        this.name = sink.name();
        this.queue = queue;
        this.settings = settings;
        this.breaker = settings.breakers().circuitBreaker("alerts.sink." + name, BREAKER_CONFIG);
        this.intervalNanos = sink.limits().interval().toNanos();
        this.burst = sink.limits().burst();
        this.tokens = burst;
        this.lastRefillNanos = settings.clock().monotonicTime();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Stops retrying and waiting once this monotonic time passes (set by close). */
    void deadline(long monotonicNanos) {
        this.deadlineNanos = monotonicNanos;
    }

    /** How long the delivery in progress has run, or zero when none is. */
    Duration inFlight() {
        long since = inFlightSince;
        return since == IDLE ? Duration.ZERO : Duration.ofNanos(Math.max(0, settings.clock().monotonicTime() - since));
    }

    @Override
    public void run() {
        try {
            while (true) {
                if (!queue.awaitAny(SLICE_NANOS)) {
                    if (queue.isClosing()) {
                        abandon("closed");
                        return;
                    }
                    continue;
                }
                if (!settings.groupWait().isZero() && !queue.isClosing()) {
                    settings.waiter().await(settings.groupWait()); // let the rest of a burst arrive
                }
                waitForToken();
                List<SinkQueue.Queued> batch = take(); // everything that waited joins this message
                if (batch == null) {
                    return;
                }
                if (batch.isEmpty()) {
                    continue;
                }
                deliver(batch);
                if (settings.clock().monotonicTime() >= deadlineNanos) {
                    abandon("the close deadline passed");
                    return;
                }
                if (!settings.groupInterval().isZero() && !queue.isClosing()) {
                    settings.waiter().await(settings.groupInterval()); // what arrives meanwhile goes out as one update
                }
            }
        } catch (InterruptedException e) {
            abandon("interrupted while closing");
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            abandon("its worker failed: " + LogText.clean(t.toString(), 300));
        }
    }

    private void waitForToken() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            long waitNanos = (long) ((1 - tokens) * intervalNanos);
            settings.waiter().await(Duration.ofNanos(waitNanos));
            refill();
        }
        tokens = Math.max(0, tokens - 1);
    }

    private void refill() {
        long now = settings.clock().monotonicTime();
        tokens = Math.min(burst, tokens + (double) (now - lastRefillNanos) / intervalNanos);
        lastRefillNanos = now;
    }

    /** Moves what is queued into the held message; null once abandoned. */
    private @Nullable List<SinkQueue.Queued> take() {
        synchronized (lock) {
            if (finished) {
                return null;
            }
            held.addAll(queue.drain());
            return new ArrayList<>(held);
        }
    }

    /** One message, with retries; always ends delivered or failed. */
    private void deliver(List<SinkQueue.Queued> batch) throws InterruptedException {
        Notification notification = notification(batch);
        boolean critical = hasCritical(batch);
        String lastFailure = "";
        int attempt = 1;
        for (;; attempt++) {
            Duration retryAfter = null;
            if (!breaker.tryAcquirePermission()) {
                lastFailure = "circuit breaker '" + breaker.getName() + "' is open";
            } else {
                long start = breaker.getCurrentTimestamp();
                inFlightSince = settings.clock().monotonicTime();
                try {
                    sink.deliver(notification);
                    breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                    settle(batch, true);
                    return;
                } catch (SinkException e) {
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                    if (!e.isRetryable()) {
                        LOG.error("Alert sink '{}' rejected a message of {} alerts for good: {}; keys: {}", name,
                                batch.size(), LogText.clean(String.valueOf(e.getMessage()), 300), keys(batch));
                        settle(batch, false);
                        return;
                    }
                    retryAfter = e.retryAfter().orElse(null);
                    lastFailure = String.valueOf(e.getMessage());
                } catch (InterruptedException e) {
                    breaker.releasePermission();
                    throw e;
                } catch (Throwable e) { // a sink is user code: an Error is a failed attempt too
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                    lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                } finally {
                    inFlightSince = IDLE;
                }
            }
            if (attempt >= settings.maxAttempts() || settings.clock().monotonicTime() >= deadlineNanos) {
                break;
            }
            if (retryWait(attempt, retryAfter, lastFailure, critical)) {
                // A CRITICAL alert arrived during a long back-off: it joins this message, which goes now.
                batch = take();
                if (batch == null) {
                    return;
                }
                notification = notification(batch);
                critical = true;
            }
        }
        LOG.error("Alert sink '{}' failed to deliver {} alerts after {} attempts ({}); keys: {}", name, batch.size(),
                attempt, LogText.clean(lastFailure, 300), keys(batch));
        settle(batch, false);
    }

    private static Notification notification(List<SinkQueue.Queued> batch) {
        return new Notification(batch.stream().map(SinkQueue.Queued::stamped).toList());
    }

    private static boolean hasCritical(List<SinkQueue.Queued> batch) {
        return batch.stream().anyMatch(q -> q.alert().severity() == Severity.CRITICAL);
    }

    /**
     * Waits before the next attempt: our own jittered backoff, or the provider's {@code Retry-After}
     * capped (lower for a message that holds a CRITICAL alert). A message without a CRITICAL alert
     * waits in slices, and stops early when one is queued.
     *
     * @return true if it stopped early for a CRITICAL alert
     */
    private boolean retryWait(int attempt, @Nullable Duration retryAfter, String why, boolean critical)
            throws InterruptedException {
        Duration wait;
        if (retryAfter != null) {
            Duration cap = critical ? settings.maxCriticalRetryAfter() : settings.maxRetryAfter();
            wait = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        } else {
            wait = Duration.ofMillis(Math.max(0, settings.intervals().apply(attempt)));
        }
        LOG.warn("Alert sink '{}' attempt {}/{} failed: {}. Retrying in {} ms", name, attempt, settings.maxAttempts(),
                LogText.clean(why, 300), wait.toMillis());
        if (critical) {
            settings.waiter().await(wait);
            return false;
        }
        for (long left = wait.toNanos(); left > 0; left -= SLICE_NANOS) {
            if (queue.hasCritical()) {
                return true;
            }
            settings.waiter().await(Duration.ofNanos(Math.min(left, SLICE_NANOS)));
        }
        return queue.hasCritical();
    }

    /** Counts a finished message, and hands alerts nobody delivered to the fallback. */
    private void settle(List<SinkQueue.Queued> batch, boolean ok) {
        synchronized (lock) {
            if (finished) {
                return; // close has counted them already
            }
            long now = settings.clock().monotonicTime();
            for (SinkQueue.Queued q : batch) {
                if (ok) {
                    settings.meters().delivered(name, q.alert().severity(), now - q.firedNanos());
                } else {
                    settings.meters().failed(name, q.alert().severity());
                }
                if (q.settle(ok) && !q.fallback()) {
                    settings.undelivered().accept(q);
                }
            }
            held.clear();
        }
    }

    /**
     * Gives up on everything held and queued: counts it failed, hands it to the fallback, and logs
     * it. Called by the worker when it stops, and by the dispatcher for a worker that would not
     * stop; whichever comes first counts, and nothing is counted after.
     *
     * @param why why, for the log
     */
    void abandon(String why) {
        List<SinkQueue.Queued> all;
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            all = new ArrayList<>(held);
            held.clear();
            all.addAll(queue.drain());
            for (SinkQueue.Queued q : all) {
                settings.meters().failed(name, q.alert().severity());
                if (q.settle(false) && !q.fallback()) {
                    settings.undelivered().accept(q);
                }
            }
        }
        if (!all.isEmpty()) {
            LOG.warn("Alert sink '{}' abandoned {} alerts at close ({}); keys: {}", name, all.size(), why, keys(all));
        }
    }

    /** Up to ten keys, cleaned, for a log line. */
    static String keys(List<SinkQueue.Queued> alerts) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(10, alerts.size());
        for (int i = 0; i < shown; i++) {
            Alert a = alerts.get(i).alert();
            b.append(i == 0 ? "" : ", ").append(LogText.clean(a.key(), 100)).append(" (").append(a.severity()).append(')');
        }
        if (alerts.size() > shown) {
            b.append(" and ").append(alerts.size() - shown).append(" more");
        }
        return b.toString();
    }
}
