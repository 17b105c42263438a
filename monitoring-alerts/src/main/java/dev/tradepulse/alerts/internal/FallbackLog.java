package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.support.LogText;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default fallback: each alert that no sink delivered, whole (key, severity, summary,
 * description, labels, details, source, start, runbook), as one ERROR line on the logger
 * {@code dev.tradepulse.alerts.undelivered}, every field escaped and cut. At most
 * {@value #PER_MESSAGE} alerts per message and one message a second (bursts of ten): a flood of
 * undelivered alerts cannot flood the log; the rest are named by key in one more line.
 */
final class FallbackLog implements AlertSink {

    static final String NAME = "undelivered-log";
    static final int PER_MESSAGE = 20;
    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.undelivered");
    private static final Limits LIMITS = new Limits(Integer.MAX_VALUE, 1.0, 10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }

    @Override
    public void deliver(Notification notification) {
        List<Alert> alerts = notification.alerts();
        for (Alert a : alerts.subList(0, Math.min(PER_MESSAGE, alerts.size()))) {
            LOG.error("Undelivered alert: {}", line(a));
        }
        if (alerts.size() > PER_MESSAGE) {
            StringBuilder keys = new StringBuilder();
            for (Alert a : alerts.subList(PER_MESSAGE, Math.min(alerts.size(), PER_MESSAGE + 10))) {
                keys.append(keys.length() == 0 ? "" : ", ").append(LogText.clean(a.key(), 100));
            }
            LOG.error("{} more undelivered alerts, not shown whole: {}{}", alerts.size() - PER_MESSAGE, keys,
                    alerts.size() > PER_MESSAGE + 10 ? ", …" : "");
        }
    }

    static String line(Alert a) {
        StringBuilder b = new StringBuilder(256);
        b.append('[').append(a.severity().priority()).append(' ').append(a.severity()).append("] ");
        if (a.status() == Alert.Status.RESOLVED) {
            b.append("RESOLVED ");
        }
        b.append("key=").append(LogText.clean(a.key(), 300))
                .append(" summary=").append(LogText.clean(a.summary(), 2000));
        if (!a.description().isEmpty()) {
            b.append(" description=").append(LogText.clean(a.description(), 2000));
        }
        if (!a.labels().isEmpty()) {
            b.append(" labels=").append(LogText.clean(a.labels().toString(), 2000));
        }
        if (!a.details().isEmpty()) {
            b.append(" details=").append(LogText.clean(a.details().toString(), 2000));
        }
        if (!a.source().isEmpty()) {
            b.append(" source=").append(LogText.clean(a.source(), 300));
        }
        b.append(" startsAt=").append(a.startsAt());
        a.endsAt().ifPresent(t -> b.append(" endsAt=").append(t));
        a.runbook().ifPresent(r -> b.append(" runbook=").append(LogText.clean(r.toString(), 500)));
        return b.toString();
    }

    @Override
    public String toString() {
        return "FallbackLog";
    }
}
