package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Deduplication and the firing set: when each key was last sent (for the repeat interval) and
 * the firing alert of each key (its most severe, latest form, with when it first fired). Keys
 * are bounded: above {@link #MAX_KEYS}, keys idle for a repeat interval are forgotten.
 * Thread-safe and lock-free on the caller's path.
 */
final class KeyTracker {

    /** Above this many keys, keys idle for a repeat interval are forgotten, so distinct keys cannot leak memory. */
    static final int MAX_KEYS = 50_000;

    /** A firing alert and the wall time it first fired. */
    record Firing(Alert alert, long wallMillis) {
    }

    private final long repeatNanos;
    private final Ticker ticker;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final Map<String, Firing> firing = new ConcurrentHashMap<>();
    private final AtomicBoolean purging = new AtomicBoolean();

    KeyTracker(long repeatNanos, Ticker ticker) {
        this.repeatNanos = repeatNanos;
        this.ticker = ticker;
    }

    /**
     * Decides whether an alert is a new notification. A key fired again within the repeat
     * interval is one only if it is more severe than before; otherwise it updates what
     * {@link #active()} shows (for the same severity). An admitted alert is recorded as firing.
     *
     * @param alert the alert
     * @param now the ticker's nanos
     * @return the alert as now firing, with the wall time its key first fired; null if it must not be sent
     */
    @Nullable Firing admit(Alert alert, long now) {
        // About one call in 1,024 looks at the key count: a thread-local draw, not a shared counter.
        if ((ThreadLocalRandom.current().nextInt() & 1023) == 0 && lastSent.size() > MAX_KEYS) {
            purge(now);
        }
        String key = alert.key();
        Long boxedNow = now; // boxed once for both map calls
        Long previous = lastSent.putIfAbsent(key, boxedNow);
        @Nullable Firing before = null;
        if (previous != null) {
            boolean due = now - previous >= repeatNanos;
            if (!due) {
                Firing f = firing.get(key);
                if (f == null || alert.severity().compareTo(f.alert().severity()) >= 0) {
                    if (f != null && f.alert() != alert && alert.severity() == f.alert().severity()) {
                        firing.replace(key, f, new Firing(alert, f.wallMillis())); // the latest text, same severity
                    }
                    return null;
                }
                before = f; // more severe than what was sent: a new notification
            }
            if (!lastSent.replace(key, previous, boxedNow)) {
                return null; // another thread sent it just now
            }
        }
        Firing admitted = new Firing(alert, before != null ? before.wallMillis() : ticker.wallMillis());
        firing.put(key, admitted);
        return admitted;
    }

    /** An admitted alert was muted: once the mute ends, the next fire goes out. */
    void unsend(String key, long now) {
        lastSent.remove(key, now);
    }

    /**
     * Resolves a key.
     *
     * @return what was firing, or null if the key was not
     */
    @Nullable Firing resolve(String key) {
        Firing was = firing.remove(key);
        if (was != null) {
            lastSent.remove(key);
        }
        return was;
    }

    Collection<Firing> firing() {
        return firing.values();
    }

    /** Forgets keys not fired for a repeat interval; resolving one of them later sends nothing. */
    private void purge(long now) {
        if (!purging.compareAndSet(false, true)) {
            return;
        }
        try {
            lastSent.entrySet().removeIf(e -> {
                boolean idle = now - e.getValue() >= repeatNanos;
                if (idle) {
                    firing.remove(e.getKey());
                }
                return idle;
            });
        } finally {
            purging.set(false);
        }
    }

    int size() {
        return lastSent.size();
    }

    /** The firing alerts, most severe first, then oldest first, each stamped with its first fire. */
    List<Alert> active() {
        return firing.values().stream()
                .sorted(Comparator.comparing((Firing f) -> f.alert().severity()).thenComparingLong(Firing::wallMillis))
                .map(f -> f.alert().startingAt(Instant.ofEpochMilli(f.wallMillis())))
                .toList();
    }
}
