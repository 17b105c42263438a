package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {

    /** A sink that records what it is given, and can be told to fail or to hang. */
    static final class RecordingSink implements AlertSink {
        final String name;
        final Limits limits;
        final List<Notification> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        final List<SinkException> failures = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hang;

        RecordingSink(String name, Limits limits) {
            this.name = name;
            this.limits = limits;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Limits limits() {
            return limits;
        }

        @Override
        public void deliver(Notification n) throws Exception {
            attempts.incrementAndGet();
            CountDownLatch h = hang;
            if (h != null) {
                h.await();
            }
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            delivered.add(n);
        }

        int alerts() {
            return delivered.stream().mapToInt(n -> n.alerts().size()).sum();
        }
    }

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AlertDispatcher> open = new ArrayList<>();

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

    @AfterEach
    void close() {
        open.forEach(d -> d.close(Duration.ofSeconds(5)));
    }

    private static Alert alert(String key, Severity s) {
        return Alert.builder(key, s, "summary " + key).build();
    }

    @Test
    void a_million_identical_alerts_inside_the_repeat_interval_make_exactly_one_delivery() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));

        for (int i = 0; i < 1_000_000; i++) {
            d.fire(alert("disk-low", Severity.MEDIUM));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        d.close(Duration.ofSeconds(5));
        assertThat(sink.alerts()).isEqualTo(1);
        assertThat(meters.get("tradepulse.alerts.deduplicated").tag("severity", "medium").counter().count())
                .isEqualTo(999_999);
    }

    @Test
    void after_the_repeat_interval_the_same_key_is_sent_again() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink).repeatInterval(Duration.ofMinutes(30)));

        d.fire(alert("disk-low", Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        clock.advance(Duration.ofMinutes(29));
        d.fire(alert("disk-low", Severity.MEDIUM));
        clock.advance(Duration.ofMinutes(2));
        d.fire(alert("disk-low", Severity.MEDIUM));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
    }

    @Test
    void routes_send_critical_to_paging_sinks_and_the_rest_to_the_defaults() {
        RecordingSink pager = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        RecordingSink chat = new RecordingSink("telegram", AlertSink.Limits.UNLIMITED);
        RecordingSink digest = new RecordingSink("digest", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(pager).sink(chat).sink(digest)
                .route(Route.to("pagerduty", "telegram").when(Severity.CRITICAL))
                .route(Route.to("telegram").whenLabel("team", "execution"))
                .defaultSinks("digest"));

        d.fire(alert("kill-switch", Severity.CRITICAL));
        d.fire(Alert.builder("slippage", Severity.MEDIUM, "slippage high").label("team", "execution").build());
        d.fire(alert("daily-report", Severity.LOW));

        await().atMost(Duration.ofSeconds(10)).until(() -> pager.alerts() + chat.alerts() + digest.alerts() == 4);
        assertThat(pager.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactly("kill-switch");
        assertThat(chat.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactlyInAnyOrder("kill-switch", "slippage");
        assertThat(digest.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactly("daily-report");
    }

    @Test
    void ten_thousand_distinct_alerts_to_a_one_per_second_sink_become_a_handful_of_messages_with_none_lost() {
        RecordingSink slow = new RecordingSink("telegram", new AlertSink.Limits(4096, 1.0, 1));
        CountDownLatch burstFired = new CountDownLatch(1);
        // The burst arrives within one rate-limit interval: virtual time moves on only after it.
        AlertDispatcher d = start(AlertDispatcher.builder().clock(clock).meterRegistry(meters).sink(slow).sleeper(wait -> {
            burstFired.await();
            waits.add(wait);
            clock.advance(wait);
        }));

        for (int i = 0; i < 10_000; i++) {
            d.fire(alert("order-reject-" + i, Severity.HIGH));
        }
        burstFired.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.alerts() == 10_000);

        assertThat(slow.delivered.size()).isLessThanOrEqualTo(3);
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(slow.delivered).flatExtracting(Notification::alerts).extracting(Alert::key).doesNotHaveDuplicates();
    }

    @Test
    void a_full_queue_drops_the_least_severe_first_and_counts_it() throws Exception {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        sink.hang = new CountDownLatch(1);
        AlertDispatcher d = start(builder().sink(sink).queueCapacity(3));
        d.fire(alert("first", Severity.LOW));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts.get() == 1); // the worker holds "first"

        d.fire(alert("low-1", Severity.LOW));
        d.fire(alert("low-2", Severity.LOW));
        d.fire(alert("medium", Severity.MEDIUM));
        d.fire(alert("critical", Severity.CRITICAL)); // queue full: low-1 makes way
        d.fire(alert("low-3", Severity.LOW)); // nothing less severe: low-3 itself is dropped
        sink.hang.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 4);
        assertThat(sink.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactlyInAnyOrder("first", "critical", "medium", "low-2");
        assertThat(meters.get("tradepulse.alerts.dropped").tags("sink", "ops", "severity", "low").counter().count())
                .isEqualTo(2);
    }

    @Test
    void retries_honour_retry_after_and_exponential_backoff_and_a_permanent_failure_is_not_retried() {
        RecordingSink sink = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        sink.failures.add(SinkException.retryable("HTTP 429", Duration.ofSeconds(2)));
        sink.failures.add(SinkException.retryable("HTTP 503", null));
        AlertDispatcher d = start(builder().sink(sink).backoff(Duration.ofMillis(500)));

        d.fire(alert("down", Severity.CRITICAL));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(2));
        // The second wait is the backoff for attempt 2, 1 s with resilience4j's +-50% jitter.
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));

        sink.failures.add(SinkException.permanent("HTTP 400"));
        d.fire(alert("bad", Severity.HIGH));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                meters.get("tradepulse.alerts.failed").tags("sink", "pagerduty", "severity", "high").counter().count() == 1);
        assertThat(sink.attempts.get()).isEqualTo(4);
    }

    @Test
    void fire_never_blocks_or_throws_even_when_every_sink_hangs() {
        RecordingSink a = new RecordingSink("a", AlertSink.Limits.UNLIMITED);
        RecordingSink b = new RecordingSink("b", AlertSink.Limits.UNLIMITED);
        a.hang = new CountDownLatch(1);
        b.hang = a.hang;
        AlertDispatcher d = start(builder().sink(a).sink(b).queueCapacity(100));

        // The sinks stay hung until after the loop: a fire() that waited for one would never return,
        // and the guard (a hang detector, not a speed limit; speed is measured in benchmarks/) fails.
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 100_000; i++) {
                d.fire(alert("k" + i, Severity.values()[i % 4]));
            }
            d.fire(null);
            d.resolve(null);
        }, "100,000 fire() calls with both sinks hung must all return");

        assertThat(a.hang.getCount()).as("the sinks were hung throughout").isEqualTo(1);
        assertThat(meters.get("tradepulse.alerts.rejected").counter().count()).isEqualTo(2);
        a.hang.countDown();
    }

    @Test
    void resolve_reaches_the_sinks_that_support_it() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));

        d.fire(alert("breaker-open", Severity.HIGH));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        d.resolve("breaker-open");
        d.resolve("never-fired");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        assertThat(sink.delivered.get(1).first().status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(sink.delivered.get(1).first().endsAt()).isPresent();
    }

    @Test
    void close_delivers_what_is_queued() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        sink.hang = new CountDownLatch(1);
        AlertDispatcher d = builder().sink(sink).build();
        for (int i = 0; i < 50; i++) {
            d.fire(alert("k" + i, Severity.MEDIUM));
        }
        sink.hang.countDown();
        d.close(Duration.ofSeconds(10));

        assertThat(sink.alerts()).isEqualTo(50);
    }

    @Test
    void a_silence_mutes_matching_alerts_for_its_window_only() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));
        Instant now = clock.instant();
        d.silence(new Silence(java.util.Map.of("exchange", "binance"), now, now.plus(Duration.ofHours(1)),
                "planned maintenance"));

        d.fire(Alert.builder("api-errors:binance", Severity.HIGH, "errors").label("exchange", "binance").build());
        d.fire(Alert.builder("api-errors:kraken", Severity.HIGH, "errors").label("exchange", "kraken").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        clock.advance(Duration.ofMinutes(61));
        d.fire(Alert.builder("api-errors:binance", Severity.HIGH, "errors").label("exchange", "binance").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        assertThat(sink.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactly("api-errors:kraken", "api-errors:binance");
        assertThat(meters.get("tradepulse.alerts.silenced").tag("severity", "high").counter().count()).isEqualTo(1);
    }

    @Test
    void exchange_down_inhibits_order_failures_on_the_same_exchange_only() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink).inhibit(new Inhibition(
                java.util.Map.of("alertname", "exchange-down"), java.util.Map.of("alertname", "order-failures"),
                List.of("exchange"))));

        d.fire(Alert.builder("exchange-down:binance", Severity.CRITICAL, "Binance down")
                .label("alertname", "exchange-down").label("exchange", "binance").build());
        d.fire(Alert.builder("order-failures:binance", Severity.HIGH, "orders failing")
                .label("alertname", "order-failures").label("exchange", "binance").build());
        d.fire(Alert.builder("order-failures:kraken", Severity.HIGH, "orders failing")
                .label("alertname", "order-failures").label("exchange", "kraken").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        assertThat(sink.delivered).flatExtracting(Notification::alerts).extracting(Alert::key)
                .containsExactlyInAnyOrder("exchange-down:binance", "order-failures:kraken");
    }

    @Test
    void a_sink_that_keeps_failing_reports_itself_unhealthy() throws Exception {
        RecordingSink broken = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        for (int i = 0; i < 20; i++) {
            broken.failures.add(SinkException.retryable("HTTP 503", null));
        }
        AlertDispatcher d = start(builder().sink(broken).maxAttempts(5));
        var check = d.sinkHealthChecks().get("alerts.sink.pagerduty");
        assertThat(check.check().status()).isEqualTo(dev.tradepulse.api.health.HealthStatus.HEALTHY);

        d.fire(alert("down", Severity.CRITICAL));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                check.check().status() == dev.tradepulse.api.health.HealthStatus.UNHEALTHY);
        assertThat(check.check().message()).get().asString().contains("'alerts.sink.pagerduty' is OPEN");
    }

    @Test
    void an_unacknowledged_critical_alert_escalates_to_the_next_tier_and_an_acknowledged_one_does_not() {
        RecordingSink chat = new RecordingSink("telegram", AlertSink.Limits.UNLIMITED);
        RecordingSink pager = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(chat).sink(pager).defaultSinks("telegram")
                .escalate(Duration.ofMinutes(10), "pagerduty"));

        d.fire(alert("kill-switch", Severity.CRITICAL));
        d.fire(alert("db-down", Severity.CRITICAL));
        d.fire(alert("slow", Severity.HIGH));
        await().atMost(Duration.ofSeconds(10)).until(() -> chat.alerts() == 3);
        d.acknowledge("db-down");
        clock.advance(Duration.ofMinutes(11));

        await().atMost(Duration.ofSeconds(10)).until(() -> pager.alerts() == 1);
        Alert escalated = pager.delivered.get(0).first();
        assertThat(escalated.key()).isEqualTo("kill-switch");
        assertThat(escalated.summary()).startsWith("[ESCALATED tier 1]");
        assertThat(escalated.labels()).containsEntry("escalation", "tier-1");
    }

    @Test
    void with_a_group_wait_a_burst_becomes_one_message_even_for_an_unlimited_sink() {
        RecordingSink sink = new RecordingSink("webhook", AlertSink.Limits.UNLIMITED);
        CountDownLatch burstFired = new CountDownLatch(1);
        AlertDispatcher d = start(AlertDispatcher.builder().clock(clock).meterRegistry(meters).sink(sink)
                .groupWait(Duration.ofSeconds(30)).sleeper(wait -> {
                    burstFired.await(); // the group wait ends after the burst, in virtual time
                    waits.add(wait);
                }));

        for (int i = 0; i < 50; i++) {
            d.fire(alert("fill-" + i, Severity.MEDIUM));
        }
        burstFired.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 50);
        assertThat(sink.delivered).hasSize(1);
        assertThat(waits).contains(Duration.ofSeconds(30));
    }

    @Test
    void with_a_group_interval_updates_after_the_first_message_are_merged() {
        RecordingSink sink = new RecordingSink("webhook", AlertSink.Limits.UNLIMITED);
        CountDownLatch secondWave = new CountDownLatch(1);
        AtomicInteger intervals = new AtomicInteger();
        AlertDispatcher d = start(AlertDispatcher.builder().clock(clock).meterRegistry(meters).sink(sink)
                .groupInterval(Duration.ofMinutes(5)).sleeper(wait -> {
                    if (wait.equals(Duration.ofMinutes(5)) && intervals.incrementAndGet() == 1) {
                        secondWave.await(); // the interval ends after the second wave has arrived
                    }
                }));

        d.fire(alert("first", Severity.HIGH));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 1);
        for (int i = 0; i < 20; i++) {
            d.fire(alert("update-" + i, Severity.HIGH));
        }
        secondWave.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 21);
        assertThat(sink.delivered).hasSize(2);
    }

    @Test
    void send_test_alert_reports_each_sink() {
        RecordingSink good = new RecordingSink("slack", AlertSink.Limits.UNLIMITED);
        RecordingSink bad = new RecordingSink("pagerduty", AlertSink.Limits.UNLIMITED);
        bad.failures.add(SinkException.permanent("pagerduty enqueue: HTTP 400"));
        AlertDispatcher d = start(builder().sink(good).sink(bad));

        var results = d.sendTestAlert();

        assertThat(results.get("slack")).isEmpty();
        assertThat(results.get("pagerduty")).contains("pagerduty enqueue: HTTP 400");
        assertThat(good.delivered).singleElement().extracting(n -> n.first().summary())
                .isEqualTo("TradePulse test alert: this sink works");
    }

    @Test
    void the_built_in_subscriptions_turn_breaker_and_health_changes_into_alerts() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        AlertDispatcher d = start(builder().sink(sink));
        var resilience = AlertSubscriptions.resilience(d);
        var health = AlertSubscriptions.health(d);
        java.time.Instant at = Instant.EPOCH;

        resilience.onCircuitBreakerStateChange(new dev.tradepulse.core.CircuitBreakerStateChange("exchange",
                io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED,
                io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN, 62.5f, 5, at));
        health.onComponentChange("database", dev.tradepulse.api.health.HealthStatus.HEALTHY,
                dev.tradepulse.api.health.HealthResult.unhealthy("connection refused"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 2);
        resilience.onCircuitBreakerStateChange(new dev.tradepulse.core.CircuitBreakerStateChange("exchange",
                io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN,
                io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED, 0f, 0, at));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.alerts() == 3);
        assertThat(sink.delivered).flatExtracting(Notification::alerts).extracting(Alert::key, Alert::status)
                .contains(org.assertj.core.groups.Tuple.tuple("circuit-breaker-open:exchange", Alert.Status.FIRING),
                        org.assertj.core.groups.Tuple.tuple("component-unhealthy:database", Alert.Status.FIRING),
                        org.assertj.core.groups.Tuple.tuple("circuit-breaker-open:exchange", Alert.Status.RESOLVED));
    }

    @Test
    void misconfiguration_fails_at_build_naming_the_problem() {
        RecordingSink sink = new RecordingSink("ops", AlertSink.Limits.UNLIMITED);
        assertThatThrownBy(() -> AlertDispatcher.builder().sink(sink).route(Route.to("pagerduty")).build())
                .hasMessageContaining("names an unknown sink 'pagerduty'; known: [ops]");
        assertThatThrownBy(() -> AlertDispatcher.builder().sink(sink).sink(sink))
                .hasMessage("a sink named 'ops' is already registered");
        assertThatThrownBy(() -> AlertDispatcher.builder().build()).hasMessage("at least one sink must be added");
        assertThatThrownBy(() -> Alert.builder(" ", Severity.LOW, "s")).hasMessage("key must not be blank");
        assertThatThrownBy(() -> Alert.builder("k", null, "s")).hasMessage("severity must not be null");
        assertThatThrownBy(() -> Alert.builder("k", Severity.LOW, "s").runbook(java.net.URI.create("javascript:x")))
                .hasMessage("uri must be http or https, got javascript");
        java.time.Instant t = Instant.EPOCH;
        assertThatThrownBy(() -> new Silence(java.util.Map.of(), t, t.plusSeconds(1), "x"))
                .hasMessageContaining("matchers must not be empty");
        assertThatThrownBy(() -> new Silence(java.util.Map.of("a", "b"), t, t, "x")).hasMessage("until must be after from");
    }
}
