package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.alerts.AlertDispatcherTest.RecordingSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.api.health.HealthStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 12: alerts reach someone, or say loudly that they did not, whatever the providers do. */
class AlertDeliveryTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AlertDispatcher> open = new ArrayList<>();
    private final List<CountDownLatch> hangs = new ArrayList<>();

    /** Waits move the fake clock instead of sleeping, and are recorded. */
    private AlertDispatcher.Builder builder() {
        return AlertDispatcher.builder().clock(clock).meterRegistry(meters).sleeper(d -> {
            waits.add(d);
            clock.advance(d);
        });
    }

    private AlertDispatcher start(AlertDispatcher.Builder b) {
        AlertDispatcher d = b.build();
        open.add(d);
        return d;
    }

    private RecordingSink hanging(String name) {
        RecordingSink sink = new RecordingSink(name, AlertSink.Limits.UNLIMITED);
        sink.hang = new CountDownLatch(1);
        hangs.add(sink.hang);
        return sink;
    }

    @AfterEach
    void close() {
        hangs.forEach(CountDownLatch::countDown);
        open.forEach(d -> d.close(Duration.ofSeconds(5)));
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void a_severity_rise_within_the_repeat_interval_is_a_new_notification_and_active_alerts_show_it() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));

        d.fire(Alert.builder("margin:acct1", Severity.LOW, "margin usage 60%").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        clock.advance(Duration.ofMinutes(1));
        d.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent").build());
        d.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent").build());
        d.fire(Alert.builder("margin:acct1", Severity.LOW, "margin usage 61%").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        Alert second = sink.delivered.get(1).first();
        assertThat(second.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(second.summary()).isEqualTo("liquidation imminent");
        assertThat(d.activeAlerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.startsAt()).as("it has been firing since the LOW").isEqualTo(sink.delivered.get(0).first().startsAt());
        });
        assertThat(count("tradepulse.alerts.deduplicated")).isEqualTo(2);
    }

    @Test
    void a_repeat_at_the_same_severity_is_not_resent_but_active_alerts_show_its_latest_summary() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));

        d.fire(Alert.builder("drawdown", Severity.HIGH, "drawdown 12%").build());
        d.fire(Alert.builder("drawdown", Severity.HIGH, "drawdown 13%").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        assertThat(d.activeAlerts()).extracting(Alert::summary).containsExactly("drawdown 13%");
        assertThat(sink.alerts()).isEqualTo(1);
    }

    @Test
    void a_day_long_retry_after_is_capped_and_a_critical_alert_does_not_wait_behind_it() throws Exception {
        RecordingSink sink = new RecordingSink("telegram", AlertSink.Limits.UNLIMITED);
        sink.failures.add(SinkException.retryable("HTTP 429", Duration.ofDays(1)));
        CountDownLatch criticalFired = new CountDownLatch(1);
        AlertDispatcher d = start(AlertDispatcher.builder().clock(clock).meterRegistry(meters).sink(sink).sleeper(w -> {
            criticalFired.await(); // the back-off for the HIGH alert is under way when the CRITICAL arrives
            waits.add(w);
            clock.advance(w);
        }));

        d.fire(Alert.builder("slippage", Severity.HIGH, "slippage high").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1);
        d.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent").build());
        criticalFired.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        assertThat(sink.delivered).singleElement().satisfies(n -> assertThat(n.alerts()).extracting(Alert::key)
                .containsExactly("margin:acct1", "slippage"));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
                .as("virtual time waited before the CRITICAL alert went out, waits " + waits)
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retry_after_is_capped_at_a_minute_by_default_and_the_cap_is_configurable() {
        RecordingSink sink = new RecordingSink("slack", AlertSink.Limits.UNLIMITED);
        sink.failures.add(SinkException.retryable("HTTP 429", Duration.ofDays(1)));
        sink.failures.add(SinkException.retryable("HTTP 429", Duration.ofDays(1)));
        AlertDispatcher d = start(builder().sink(sink));

        d.fire(Alert.builder("slippage", Severity.HIGH, "slippage high").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> AlertDispatcher.builder().maxRetryAfter(Duration.ZERO))
                .hasMessage("max must be positive, but was PT0S");
    }

    @Test
    void an_alert_every_routed_sink_failed_is_logged_whole_by_the_default_fallback_and_counted() throws Exception {
        RecordingSink pager = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        RecordingSink chat = new RecordingSink("telegram", AlertSink.Limits.UNLIMITED);
        for (int i = 0; i < 5; i++) {
            pager.failures.add(SinkException.retryable("pagerduty enqueue: HTTP 503", null));
            chat.failures.add(SinkException.retryable("telegram sendMessage: HTTP 503", null));
        }
        RecordingSink log = new RecordingSink("log", AlertSink.Limits.UNLIMITED);
        try (LogCapture undelivered = new LogCapture("dev.tradepulse.alerts.undelivered")) {
            AlertDispatcher d = start(builder().sink(pager).sink(chat).sink(log)
                    .route(Route.to("pagerduty", "telegram").when(Severity.CRITICAL)).defaultSinks("log"));

            d.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent")
                    .description("margin 97%\u001b[2J").label("account", "acct1").detail("margin_pct", 97).build());

            await().atMost(Duration.ofSeconds(10)).until(() -> !undelivered.lines().isEmpty());
            assertThat(undelivered.lines()).singleElement().asString()
                    .startsWith("ERROR Undelivered alert: [P1 CRITICAL] key=margin:acct1 summary=liquidation imminent")
                    .contains("description=margin 97%\\u001b[2J", "labels={account=acct1}", "details={margin_pct=97}");
            assertThat(count("tradepulse.alerts.undelivered", "severity", "critical")).isEqualTo(1);
            assertThat(log.alerts()).as("the routed log sink was not on the route").isZero();
            var health = d.sinkHealthChecks().get("alerts.delivery");
            await().atMost(Duration.ofSeconds(10)).until(() -> health.check().status() == HealthStatus.UNHEALTHY);
            assertThat(health.check().message()).get().asString().contains("margin:acct1 (CRITICAL)");
            clock.advance(Duration.ofMinutes(16));
            assertThat(health.check().status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void fallback_sinks_get_what_no_routed_sink_delivered_and_nothing_else() {
        RecordingSink pager = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        pager.failures.add(SinkException.permanent("pagerduty enqueue: HTTP 400"));
        RecordingSink chat = new RecordingSink("telegram", AlertSink.Limits.UNLIMITED);
        RecordingSink backup = new RecordingSink("backup-email", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(pager).sink(chat).fallback(backup)
                .route(Route.to("pagerduty").when(Severity.CRITICAL)).defaultSinks("telegram"));

        d.fire(Alert.builder("kill-switch", Severity.CRITICAL, "trading halted").build());
        d.fire(Alert.builder("slippage", Severity.MEDIUM, "slippage").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> backup.alerts() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> chat.alerts() == 1);
        assertThat(backup.delivered.get(0).first().key()).isEqualTo("kill-switch");
        assertThat(d.sinkHealthChecks()).containsKeys("alerts.sink.pagerduty", "alerts.sink.backup-email",
                "alerts.delivery");
        assertThatThrownBy(() -> AlertDispatcher.builder().sink(chat).fallback(new RecordingSink("telegram",
                AlertSink.Limits.UNLIMITED)).build()).hasMessageContaining("fallback sink 'telegram' has the name of a routed sink");
    }

    @Test
    void alerts_dropped_by_every_full_queue_count_as_undelivered_and_critical_ones_reach_the_fallback() {
        RecordingSink sink = hanging("pagerduty");
        RecordingSink backup = new RecordingSink("backup", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink).fallback(backup).queueCapacity(1));
        d.fire(Alert.builder("critical-1", Severity.CRITICAL, "held by the hung sink").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1);

        d.fire(Alert.builder("critical-2", Severity.CRITICAL, "queued").build());
        d.fire(Alert.builder("critical-3", Severity.CRITICAL, "refused: the queue is full").build());
        d.fire(Alert.builder("low-1", Severity.LOW, "refused too").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> backup.alerts() == 1);
        assertThat(backup.delivered.get(0).first().key()).isEqualTo("critical-3");
        assertThat(count("tradepulse.alerts.undelivered", "severity", "critical")).isEqualTo(1);
        assertThat(count("tradepulse.alerts.undelivered", "severity", "low")).isEqualTo(1);
        assertThat(count("tradepulse.alerts.dropped", "sink", "pagerduty")).isEqualTo(2);
    }

    @Test
    void a_hung_sink_shows_as_stalled_in_its_health_check_and_its_inflight_gauge() throws Exception {
        RecordingSink sink = hanging("slack");
        AlertDispatcher d = start(builder().sink(sink));
        var check = d.sinkHealthChecks().get("alerts.sink.slack");

        d.fire(Alert.builder("k", Severity.HIGH, "s").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1);
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        clock.advance(Duration.ofSeconds(31));

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(check.check().message()).get().asString().startsWith("stalled: one delivery has run for 31 s");
        assertThat(meters.get("tradepulse.alerts.delivery.inflight").tag("sink", "slack").gauge().value())
                .isEqualTo(31.0);
        assertThat(meters.get("tradepulse.alerts.queued").tag("sink", "slack").gauge().value()).isZero();
    }

    @Test
    void retries_wait_with_resilience4j_jitter_and_breakers_live_in_the_given_registry() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        for (int i = 0; i < 4; i++) {
            sink.failures.add(SinkException.retryable("HTTP 503", null));
        }
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        AlertDispatcher d = start(builder().sink(sink).circuitBreakerRegistry(registry).maxAttempts(5));

        d.fire(Alert.builder("k", Severity.HIGH, "s").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        assertThat(registry.find("alerts.sink.ops")).isPresent();
        assertThat(d.circuitBreakerRegistry()).isSameAs(registry);
        List<Duration> nominal = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        long total = waits.stream().mapToLong(Duration::toMillis).sum();
        assertThat(total).isBetween(7_500L, 22_500L);
        assertThat(waits).as("randomised, not the nominal doubling").isNotEqualTo(nominal);
    }

    @Test
    void close_returns_with_final_counters_and_logs_the_alerts_it_abandoned() {
        RecordingSink sink = hanging("slack");
        AlertDispatcher d = builder().sink(sink).build();
        for (int i = 0; i < 100; i++) {
            d.fire(Alert.builder("order-reject-" + i, Severity.HIGH, "rejected").build());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1);

        try (LogCapture log = new LogCapture("dev.tradepulse.alerts")) {
            d.close(Duration.ofMillis(200));

            assertThat(count("tradepulse.alerts.failed", "sink", "slack")).isEqualTo(100);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN Alert sink 'slack' abandoned 100 alerts at close (interrupted while closing); keys: ")
                    .contains("order-reject-0 (HIGH)", "and 90 more"));
        }
        assertThat(count("tradepulse.alerts.undelivered")).isEqualTo(100);
    }

    @Test
    void close_logs_what_waited_behind_a_retrying_message_when_the_deadline_passes() {
        RecordingSink sink = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        for (int i = 0; i < 50; i++) {
            sink.failures.add(SinkException.retryable("HTTP 503", null));
        }
        // The default waiter really waits, and wakes when close's deadline passes.
        AlertDispatcher d = AlertDispatcher.builder().clock(clock).meterRegistry(meters).sink(sink)
                .maxAttempts(50).backoff(Duration.ofMinutes(1)).build();
        d.fire(Alert.builder("first", Severity.HIGH, "s").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1);
        d.fire(Alert.builder("second", Severity.LOW, "s").build());

        try (LogCapture log = new LogCapture("dev.tradepulse.alerts")) {
            d.close(Duration.ofMillis(200));

            assertThat(count("tradepulse.alerts.failed", "sink", "pagerduty")).isEqualTo(2);
            assertThat(String.join("\n", log.lines())).contains("first (HIGH)", "second (LOW)");
        }
    }

    @Test
    void send_test_alert_waits_once_for_all_hung_sinks_and_fails_fast_after_close() {
        RecordingSink a = hanging("slack");
        RecordingSink b = hanging("telegram");
        RecordingSink good = new RecordingSink("log", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(a).sink(b).sink(good));

        var results = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> d.sendTestAlert(Duration.ofMillis(300)));

        assertThat(results.get("slack")).contains("no answer within 300 ms");
        assertThat(results.get("telegram")).contains("no answer within 300 ms");
        assertThat(results.get("log")).isEmpty();
        d.close(Duration.ofSeconds(1));
        assertThatThrownBy(d::sendTestAlert).isInstanceOf(IllegalStateException.class)
                .hasMessage("the alert dispatcher is closed");
        assertThat(good.delivered).hasSize(1);
    }
}
