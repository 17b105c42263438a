package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import io.micrometer.core.instrument.Counter;

/**
 * One sink with its queue, worker, thread and drop counters (by severity, looked up once).
 *
 * @param sink the sink
 * @param queue its queue
 * @param worker the worker that delivers the queue
 * @param thread the worker's thread
 * @param dropped drop counters by severity ordinal
 */
record Lane(AlertSink sink, SinkQueue queue, SinkWorker worker, Thread thread, Counter[] dropped) {

    void countDrop(Severity severity) {
        dropped[severity.ordinal()].increment();
    }

    String name() {
        return sink.name();
    }
}
