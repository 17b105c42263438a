package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real journal in a temporary directory, a real dispatcher with a capturing sink, and a clock. */
final class Fixture implements AutoCloseable {

    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T14:00:00Z"));
    final List<Alert> delivered = new CopyOnWriteArrayList<>();
    final AlertDispatcher alerts = AlertDispatcher.builder().clock(clock).sink(new AlertSink() {
        @Override
        public String name() {
            return "ops";
        }

        @Override
        public void deliver(Notification n) {
            delivered.addAll(n.alerts());
        }
    }).build();
    final Path dir;
    final ComplianceLogger audit;

    Fixture(Path dir) {
        this.dir = dir;
        this.audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").clock(clock).build();
    }

    /** The TRADING_STATE lines of the journal, in order. */
    List<String> stateEvents() throws Exception {
        return journal().stream().filter(l -> l.contains("\"type\":\"TRADING_STATE\"")).toList();
    }

    List<String> journal() throws Exception {
        audit.flush();
        try (var files = Files.list(dir.resolve("audit"))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().flatMap(p -> {
                try {
                    return Arrays.stream(Files.readString(p).split("\n"));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(l -> !l.isBlank()).toList();
        }
    }

    Alert active(String key) {
        return alerts.activeAlerts().stream().filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no active alert " + key + " in " + alerts.activeAlerts()));
    }

    boolean isActive(String key) {
        return alerts.activeAlerts().stream().anyMatch(a -> a.key().equals(key));
    }

    @Override
    public void close() {
        alerts.close(Duration.ofSeconds(5));
        audit.close();
    }
}
