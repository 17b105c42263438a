package dev.tradepulse.http.stream.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@code StatusStream}'s endpoints count, across every server it is mounted on.
 *
 * <p>Internal to monitoring-http: no compatibility promise. Thread-safe.
 */
public final class StreamCounters {
    final LongAdder opened = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder droppedSlow = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder eventsCoalesced = new LongAdder();
    final Set<StreamSession> open = ConcurrentHashMap.newKeySet();

    /** Creates counters at zero. */
    public StreamCounters() {
    }

    /** @return connections open now */
    public int open() {
        return open.size();
    }

    /** @return connections opened */
    public LongAdder opened() {
        return opened;
    }

    /** @return handshakes refused for want of a slot */
    public LongAdder refused() {
        return refused;
    }

    /** @return clients dropped as too slow */
    public LongAdder droppedSlow() {
        return droppedSlow;
    }

    /** @return messages written */
    public LongAdder sent() {
        return sent;
    }

    /** @return client messages answered with ERROR */
    public LongAdder clientErrors() {
        return clientErrors;
    }

    /** @return events sent only as section updates */
    public LongAdder eventsCoalesced() {
        return eventsCoalesced;
    }
}
