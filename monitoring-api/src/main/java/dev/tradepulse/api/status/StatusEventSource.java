package dev.tradepulse.api.status;

import dev.tradepulse.api.support.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Something that publishes {@link StatusEvent}s: a dispatcher, a tracker, a kill switch, or a
 * status section that gathers theirs ({@link StatusSection#events()}). A stream subscribes once
 * and closes its subscription when it stops.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface StatusEventSource {

    /** A source that never publishes anything. */
    StatusEventSource NONE = listener -> {
        Checks.notNull(listener, "listener");
        return () -> { };
    };

    /**
     * Starts delivering this source's events to a listener, from now on.
     *
     * @param listener the listener; see {@link StatusEventListener} for what it must do
     * @return the subscription; closing it stops the delivery
     * @throws NullPointerException if {@code listener} is null
     */
    Subscription subscribe(StatusEventListener listener);

    /**
     * One source for several: subscribing subscribes to each, and closing closes each.
     *
     * @param sources the sources
     * @return the combined source
     * @throws NullPointerException if {@code sources} or one of them is null
     */
    static StatusEventSource all(List<? extends StatusEventSource> sources) {
        List<StatusEventSource> copy = List.copyOf(Checks.notNull(sources, "sources"));
        if (copy.isEmpty()) {
            return NONE;
        }
        return listener -> {
            Checks.notNull(listener, "listener");
            List<Subscription> subscriptions = new ArrayList<>(copy.size());
            for (StatusEventSource source : copy) {
                subscriptions.add(source.subscribe(listener));
            }
            return () -> subscriptions.forEach(Subscription::close);
        };
    }

    /** A listener's registration with a source; thread-safe. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {

        /** Stops delivering events to the listener. Idempotent; never throws. */
        @Override
        void close();
    }
}
