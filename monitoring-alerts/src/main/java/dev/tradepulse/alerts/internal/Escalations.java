package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Escalation;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches CRITICAL alerts until they are acknowledged or resolved, and sends each unanswered one
 * to the next tier's sinks when that tier's wait has passed (on the dispatcher's clock). Checked
 * every {@code AlertDispatcherConfig.escalationCheckInterval()} (four times a second by default) on
 * its own daemon thread, {@code tradepulse-alerts-escalation-1}, never on the caller's. Thread-safe.
 */
final class Escalations {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts");

    /** Where an escalated alert goes. */
    @FunctionalInterface
    interface Sender {
        void send(List<String> sinks, Alert alert, long firedWall);
    }

    private record Watched(Alert alert, long firedNanos, long firedWall, int nextTier) {
    }

    private final List<Escalation> tiers;
    private final Ticker time;
    private final Sender sender;
    private final long everyMillis;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("alerts-escalation"));

    Escalations(List<Escalation> tiers, Ticker time, Duration every, Sender sender) {
        this.tiers = List.copyOf(tiers);
        this.time = time;
        this.sender = sender;
        this.everyMillis = every.toMillis();
    }

    /** Starts checking on the schedule. */
    void start() {
        ticker.scheduleWithFixedDelay(this::check, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    void watch(Alert alert, long firedNanos, long firedWall) {
        watched.putIfAbsent(alert.key(), new Watched(alert, firedNanos, firedWall, 0));
    }

    void stop(String key) {
        watched.remove(key);
    }

    private void check() {
        try {
            long now = time.nanos();
            for (Map.Entry<String, Watched> e : watched.entrySet()) {
                Watched w = e.getValue();
                Escalation tier = tiers.get(w.nextTier());
                if (now - w.firedNanos() < tier.after().toNanos()) {
                    continue;
                }
                int number = w.nextTier() + 1;
                Alert original = w.alert();
                Alert.Builder escalated = Alert.builder(original.key(), original.severity(),
                        "[ESCALATED tier " + number + "] " + original.summary())
                        .description(original.description()).source(original.source())
                        .startsAt(original.startsAt().equals(Instant.EPOCH) ? Instant.ofEpochMilli(w.firedWall())
                                : original.startsAt());
                original.labels().forEach(escalated::label);
                original.details().forEach(escalated::detail);
                original.runbook().ifPresent(escalated::runbook);
                escalated.label("escalation", "tier-" + number);
                sender.send(tier.sinks(), escalated.build(), w.firedWall());
                if (number < tiers.size()) {
                    watched.replace(e.getKey(), w, new Watched(w.alert(), w.firedNanos(), w.firedWall(), number));
                } else {
                    watched.remove(e.getKey(), w);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Escalation check failed and was contained: {}", LogText.clean(e.toString(), 300));
        }
    }

    /** Stops the thread, waiting up to a second for a check in progress. */
    void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
