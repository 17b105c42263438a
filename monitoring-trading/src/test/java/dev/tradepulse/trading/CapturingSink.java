package dev.tradepulse.trading;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps every alert delivered to it, for tests that check what a component fired. Thread-safe. */
public final class CapturingSink implements AlertSink {

    private final List<Alert> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "capture";
    }

    @Override
    public void deliver(Notification notification) {
        received.addAll(notification.alerts());
    }

    /** @return every alert delivered so far, in order */
    public List<Alert> received() {
        return List.copyOf(received);
    }

    /** @return the keys of the firing alerts delivered so far, in order */
    public List<String> firingKeys() {
        return received.stream().filter(a -> a.status() == Alert.Status.FIRING).map(Alert::key).toList();
    }
}
