package dev.tradepulse.http.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a {@link StatusStream}'s endpoints count, across every server it is mounted on; thread-safe. */
final class StreamCounters {
    final LongAdder opened = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder droppedSlow = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder eventsCoalesced = new LongAdder();
    final Set<StreamSession> open = ConcurrentHashMap.newKeySet();
}
