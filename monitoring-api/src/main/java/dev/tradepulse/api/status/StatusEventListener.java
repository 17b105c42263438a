package dev.tradepulse.api.status;

/**
 * Hears {@link StatusEvent}s. It is called on the thread that published the event, often a
 * trading thread, so it must return at once: hand the event to a queue of its own and do the
 * work elsewhere. A listener that throws is counted and logged at a bounded rate, and the
 * publisher carries on.
 *
 * <p>Implementations must be thread-safe: events can arrive from several threads at once.
 */
@FunctionalInterface
public interface StatusEventListener {

    /**
     * One event happened.
     *
     * @param event the event
     */
    void onEvent(StatusEvent event);
}
