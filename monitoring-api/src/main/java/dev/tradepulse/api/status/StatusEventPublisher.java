package dev.tradepulse.api.status;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StatusEventSource} a component owns: it hands each event to every subscribed
 * listener on the caller's thread. Built for trading threads: with no listener,
 * {@link #publish(Supplier)} costs one volatile read and builds nothing; a listener that throws
 * (an {@code Error} included) is counted in {@link #failures()} and logged at most once a minute,
 * and never reaches the caller.
 *
 * <p>Thread-safe: publish and subscribe from any thread.
 */
public final class StatusEventPublisher implements StatusEventSource {

    private static final System.Logger LOG = System.getLogger(StatusEventPublisher.class.getName());

    private final CopyOnWriteArrayList<StatusEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));

    /** Creates a publisher with no listener. */
    public StatusEventPublisher() {
    }

    /**
     * @throws NullPointerException if {@code listener} is null
     */
    @Override
    public Subscription subscribe(StatusEventListener listener) {
        StatusEventListener l = Checks.notNull(listener, "listener");
        // a wrapper per subscription, so subscribing one listener twice and closing once removes one
        StatusEventListener entry = l::onEvent;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /**
     * Whether anyone listens; a caller may skip building an event when nobody does.
     *
     * @return true if at least one listener is subscribed
     */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Hands an event to every listener. Never throws.
     *
     * @param event the event; null is ignored
     */
    public void publish(@Nullable StatusEvent event) {
        if (event == null || listeners.isEmpty()) {
            return;
        }
        for (StatusEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (Throwable e) {
                failed(e);
            }
        }
    }

    /**
     * Builds an event only if someone listens, then hands it to every listener. Never throws:
     * a supplier that fails is counted like a listener that fails.
     *
     * @param event builds the event; null is ignored
     */
    public void publish(@Nullable Supplier<@Nullable StatusEvent> event) {
        if (event == null || listeners.isEmpty()) {
            return;
        }
        StatusEvent built;
        try {
            built = event.get();
        } catch (Throwable e) {
            failed(e);
            return;
        }
        publish(built);
    }

    /**
     * Listeners and event suppliers that threw, since creation.
     *
     * @return the count
     */
    public long failures() {
        return failures.get();
    }

    private void failed(Throwable e) {
        failures.incrementAndGet();
        try {
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.log(Level.WARNING, "A status event listener failed and was skipped (logged at most once a "
                        + "minute, " + failures.get() + " so far): " + LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // a broken log must not reach the publisher's caller
        }
    }

    @Override
    public String toString() {
        return "StatusEventPublisher[" + listeners.size() + " listeners, " + failures.get() + " failures]";
    }
}
