package dev.tradepulse.alerts.internal;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sendTestAlert}: every sink at once, each on a thread of its own, so that the caller waits
 * for the slowest sink up to one deadline, not for the sum of them; a sink that has not answered by
 * then is reported as such and its thread interrupted. The sink's worker may be delivering at the
 * same time: {@code AlertSink} requires {@code deliver} to be safe for that.
 */
final class TestAlerts {

    private TestAlerts() {
    }

    static Map<String, Optional<String>> send(List<AlertSink> sinks, Duration timeout, long wallMillis) {
        Alert test = Alert.builder("tradepulse-test-alert", Severity.LOW, "TradePulse test alert: this sink works")
                .description("Sent by AlertDispatcher.sendTestAlert()").startsAt(Instant.ofEpochMilli(wallMillis))
                .build();
        Notification notification = Notification.of(test);
        Map<String, CompletableFuture<Optional<String>>> answers = new LinkedHashMap<>();
        Map<String, Thread> threads = new LinkedHashMap<>();
        for (AlertSink sink : sinks) {
            CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
            Thread t = Threads.daemonThread("alerts-test-" + sink.name(),
                    () -> answer.complete(attempt(sink, notification)));
            answers.put(sink.name(), answer);
            threads.put(sink.name(), t);
            t.start();
        }
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, Optional<String>> results = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Optional<String>>> e : answers.entrySet()) {
            try {
                results.put(e.getKey(), e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException late) {
                Thread slow = threads.get(e.getKey()); // one thread per answer, put together
                if (slow != null) {
                    slow.interrupt();
                }
                results.put(e.getKey(), Optional.of("no answer within " + timeout.toMillis() + " ms"));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                threads.values().forEach(Thread::interrupt);
                results.put(e.getKey(), Optional.of("interrupted"));
                end = System.nanoTime(); // report the rest without waiting
            } catch (ExecutionException cannotHappen) {
                results.put(e.getKey(), Optional.of(LogText.clean(String.valueOf(cannotHappen.getCause()), 300)));
            }
        }
        return results;
    }

    private static Optional<String> attempt(AlertSink sink, Notification notification) {
        try {
            sink.deliver(notification);
            return Optional.empty();
        } catch (InterruptedException e) {
            return Optional.of("interrupted");
        } catch (Throwable e) { // user code: an Error is an answer too
            return Optional.of(LogText.clean(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 300));
        }
    }
}
