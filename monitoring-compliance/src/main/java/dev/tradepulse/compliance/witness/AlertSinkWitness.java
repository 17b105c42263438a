package dev.tradepulse.compliance.witness;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertSink;
import dev.tradepulse.alerts.Notification;
import dev.tradepulse.alerts.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends the latest head as a message at most once per interval. Heads in between are skipped,
 * not failed: the next message carries a later head, which covers them.
 */
final class AlertSinkWitness implements Witness {

    private final AlertSink sink;
    private final Duration every;
    private final Clock clock;
    private Instant lastSent;

    AlertSinkWitness(AlertSink sink, Duration every, Clock clock) {
        this.sink = sink;
        this.every = every;
        this.clock = clock;
    }

    @Override
    public synchronized void publish(WitnessedHead head) throws Exception {
        Instant now = clock.instant();
        if (lastSent != null && now.isBefore(lastSent.plus(every))) {
            return;
        }
        String summary = "Audit journal " + head.origin() + " reached seq " + head.coversSeq() + ", head "
                + head.head().substring(0, 16);
        Alert alert = Alert.builder("audit-witness:" + head.origin(), Severity.LOW, summary)
                .description("Keep this message: verify the journal reaches it. " + head.toJson())
                .source("tradepulse-audit").build();
        sink.deliver(Notification.of(alert));
        lastSent = now;
    }

    @Override
    public String toString() {
        return "Witness.alertSink(" + sink.name() + ")";
    }
}
