package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps every alert it is given, for tests that check what a component fired. */
public final class CollectingSink implements AlertSink {

    /** Every alert delivered, in order. */
    public final List<Alert> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "ops";
    }

    @Override
    public void deliver(Notification notification) {
        received.addAll(notification.alerts());
    }
}
