package dev.tradepulse.compliance.witness;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
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
                .description("Keep this message: verify the journal reaches it. " + WitnessedHeads.toJson(head))
                .source("tradepulse-audit").build();
        sink.deliver(Notification.of(alert));
        lastSent = now;
    }

    @Override
    public String toString() {
        return "Witnesses.alertSink(" + sink.name() + ")";
    }
}
