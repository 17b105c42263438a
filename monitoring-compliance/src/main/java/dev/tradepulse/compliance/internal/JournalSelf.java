package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journal reporting on itself: meters (a {@link MeterBinder}), a health check and a status
 * section, all reading the {@link JournalStats}, the queue and the witnesses. Thread-safe.
 */
final class JournalSelf {

    private final JournalStats stats;
    private final WitnessPublisher witnesses;
    private final EventQueue queue;
    private final Durability durability;

    JournalSelf(JournalStats stats, WitnessPublisher witnesses, EventQueue queue, Durability durability) {
        this.stats = stats;
        this.witnesses = witnesses;
        this.queue = queue;
        this.durability = durability;
    }

    /** The journal's meters, read from its own counters; for {@link ComplianceLogger#bindTo}. */
    MeterBinder meters(ComplianceLogger logger) {
        return registry -> bindTo(registry, logger);
    }

    private void bindTo(MeterRegistry registry, ComplianceLogger logger) {
        FunctionCounter.builder("tradepulse.audit.events.written", stats, JournalStats::lines)
                .description("Journal lines written (events and the journal's own records)").register(registry);
        FunctionCounter.builder("tradepulse.audit.events.rejected", logger, ComplianceLogger::rejected)
                .description("Events refused because the journal had failed").register(registry);
        FunctionCounter.builder("tradepulse.audit.events.lost", logger, ComplianceLogger::lost)
                .description("ASYNC events accepted but not known to be on disk when the journal failed")
                .register(registry);
        FunctionCounter.builder("tradepulse.audit.bytes", stats, JournalStats::bytes).baseUnit("bytes")
                .description("Bytes written to the journal").register(registry);
        stats.addFsyncTimer(Timer.builder("tradepulse.audit.fsync").description("fsync latency of the journal")
                .publishPercentiles(0.5, 0.99).register(registry));
        Gauge.builder("tradepulse.audit.queue.depth", queue, EventQueue::depth)
                .description("Events waiting for the writer").register(registry);
        Gauge.builder("tradepulse.audit.checkpoint.age", stats, JournalStats::checkpointAgeSeconds).baseUnit("seconds")
                .description("Time since the last checkpoint").register(registry);
        FunctionCounter.builder("tradepulse.audit.witness.failures", witnesses, WitnessPublisher::failures)
                .description("Checkpoint heads a witness failed to record").register(registry);
    }

    HealthCheck healthCheck(DefaultComplianceLogger logger, Duration checkpointInterval) {
        return () -> {
            var failure = logger.failure();
            if (failure.isPresent()) {
                return HealthResult.builder(HealthStatus.UNHEALTHY)
                        .message("journal failed: " + LogLine.describe(failure.get())).build();
            }
            if (logger.isClosed()) {
                return HealthResult.unhealthy("journal is closed");
            }
            if (!Files.isDirectory(logger.directory())) {
                return HealthResult.unhealthy("journal directory is gone");
            }
            double age = stats.checkpointAgeSeconds();
            HealthResult.Builder b;
            if (age > 3.0 * Math.max(1, checkpointInterval.toSeconds()) + 5) {
                b = HealthResult.builder(HealthStatus.DEGRADED)
                        .message(String.format(Locale.ROOT, "no checkpoint for %.0f s", age));
            } else if (witnesses.failures() > 0 && witnesses.lastPublished() == null) {
                b = HealthResult.builder(HealthStatus.DEGRADED).message("no witness has recorded a head");
            } else {
                b = HealthResult.builder(HealthStatus.HEALTHY).message("writable");
            }
            return b.detail("durability", durability.name()).detail("events_written", stats.lines())
                    .detail("rejected", logger.rejected()).detail("lost", logger.lost())
                    .detail("checkpoint_age_seconds", Math.round(age))
                    .detail("witness_failures", witnesses.failures()).build();
        };
    }

    StatusSection statusSection(DefaultComplianceLogger logger) {
        return StatusSection.of("audit-journal", "Audit journal", details -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("durability", durability.name());
            fields.put("events written", Long.toString(stats.lines()));
            fields.put("last checkpoint", String.format(Locale.ROOT, "%.0f s ago", stats.checkpointAgeSeconds()));
            fields.put("rejected / lost", logger.rejected() + " / " + logger.lost());
            WitnessedHead head = witnesses.lastPublished();
            fields.put("witnessed", head == null ? "-" : "seq " + head.coversSeq());
            if (details) {
                fields.put("bytes", Long.toString(stats.bytes()));
                fields.put("fsyncs", Long.toString(stats.fsyncs()));
                fields.put("witness failures", Long.toString(witnesses.failures()));
            }
            boolean failed = logger.failure().isPresent() || logger.isClosed();
            Tone tone = failed ? Tone.CRITICAL : witnesses.failures() > 0 ? Tone.WARN : Tone.OK;
            String state = logger.failure().isPresent() ? "FAILED" : logger.isClosed() ? "CLOSED" : "WRITING";
            return StatusView.cards(List.of(new StatusView.Card("Journal", tone, state, fields, List.of())));
        });
    }
}
