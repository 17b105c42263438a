package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.reports.ReportScheduler;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.alerts.sinks.SlackSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The component model in alerts: config objects, sink configs, live-from-build lifecycles. */
class ComponentModelTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));

    /** A sink that always fails, retryably, with a retry of its own. */
    static final class FailingSink implements ConfiguredSink {
        final AtomicInteger attempts = new AtomicInteger();
        private final SinkConfig config;

        FailingSink(SinkConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public SinkConfig config() {
            return config;
        }

        @Override
        public void deliver(Notification notification) throws SinkException {
            attempts.incrementAndGet();
            throw SinkException.retryable("provider down", null);
        }
    }

    @Test
    void the_default_config_holds_what_the_dispatcher_used_to_hard_code() {
        AlertDispatcherConfig c = AlertDispatcherConfig.ofDefaults();

        assertThat(c.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(c.queueCapacity()).isEqualTo(10_000);
        assertThat(c.groupWait()).isZero();
        assertThat(c.groupInterval()).isZero();
        assertThat(c.sinkRetry().getMaxAttempts()).isEqualTo(5);
        assertThat(c.maxRetryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.maxCriticalRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        CircuitBreakerConfig breaker = c.sinkCircuitBreaker();
        assertThat(breaker.getSlidingWindowSize()).isEqualTo(10);
        assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(5);
        assertThat(breaker.getFailureRateThreshold()).isEqualTo(80f);
        assertThat(c.stallAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.undeliveredWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.escalationCheckInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.routes()).isEmpty();
        assertThat(c.defaultSinks()).isEmpty();
        assertThat(c.escalations()).isEmpty();
        assertThat(c.inhibitions()).isEmpty();
    }

    @Test
    void from_copies_every_setting_and_leaves_the_original_as_it_was() {
        AlertDispatcherConfig base = AlertDispatcherConfig.custom().repeatInterval(Duration.ofMinutes(7))
                .queueCapacity(12).route(Route.to("ops").when(Severity.CRITICAL)).defaultSinks("ops")
                .escalate(Duration.ofMinutes(5), "ops").maxAttempts(2).build();

        AlertDispatcherConfig copy = AlertDispatcherConfig.from(base).queueCapacity(99).build();

        assertThat(copy.repeatInterval()).isEqualTo(Duration.ofMinutes(7));
        assertThat(copy.routes()).isEqualTo(base.routes());
        assertThat(copy.defaultSinks()).containsExactly("ops");
        assertThat(copy.escalations()).containsExactly(new Escalation(Duration.ofMinutes(5), List.of("ops")));
        assertThat(copy.sinkRetry().getMaxAttempts()).isEqualTo(2);
        assertThat(copy.queueCapacity()).isEqualTo(99);
        assertThat(base.queueCapacity()).isEqualTo(12);
    }

    @Test
    void every_bad_setting_is_rejected_naming_its_parameter() {
        AlertDispatcherConfig.Builder b = AlertDispatcherConfig.custom();

        assertThatThrownBy(() -> b.repeatInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessageContaining("alerts");
        assertThatThrownBy(() -> b.groupWait(Duration.ofSeconds(-1))).hasMessageContaining("wait");
        assertThatThrownBy(() -> b.sinkRetry(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("retry");
        assertThatThrownBy(() -> b.escalate(Duration.ofMinutes(1))).hasMessageContaining("sinks");
        assertThatThrownBy(() -> SinkConfig.custom().timeout(Duration.ZERO)).hasMessageContaining("timeout");
    }

    @Test
    void the_dispatcher_is_built_from_a_config_and_exposes_it() {
        AlertDispatcherConfig config = AlertDispatcherConfig.custom().repeatInterval(Duration.ofMinutes(3)).build();

        try (AlertDispatcher d = AlertDispatcher.builder().config(config).queueCapacity(5).clock(clock)
                .sink(LogSink.create()).build()) {
            assertThat(d.config().repeatInterval()).isEqualTo(Duration.ofMinutes(3));
            assertThat(d.config().queueCapacity()).isEqualTo(5); // a shortcut after config() changes one setting
        }
    }

    @Test
    void each_sinks_breaker_lives_in_the_dispatchers_registry_with_the_sinks_own_config_or_the_dispatchers() {
        CircuitBreakerConfig strict = CircuitBreakerConfig.custom().slidingWindowSize(3).minimumNumberOfCalls(3).build();
        LogSink audited = LogSink.builder().name("audit-log").circuitBreaker(strict).build();

        try (AlertDispatcher d = AlertDispatcher.builder().clock(clock).sink(audited).sink(LogSink.create()).build()) {
            assertThat(d.circuitBreakerRegistry().circuitBreaker("alerts.sink.audit-log").getCircuitBreakerConfig()
                    .getSlidingWindowSize()).isEqualTo(3);
            assertThat(d.circuitBreakerRegistry().circuitBreaker("alerts.sink.log").getCircuitBreakerConfig()
                    .getSlidingWindowSize()).isEqualTo(10);
        }
    }

    @Test
    void a_sink_with_a_retry_of_its_own_is_tried_that_many_times_not_the_dispatchers_five() {
        FailingSink sink = new FailingSink(SinkConfig.custom().retry(RetryConfig.custom().maxAttempts(2).build())
                .build());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (AlertDispatcher d = AlertDispatcher.builder().clock(clock).meterRegistry(meters).sleeper(clock::advance)
                .fallback().sink(sink).build()) {
            d.fire(Alert.builder("exchange-down", Severity.HIGH, "Exchange down").build());

            await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("tradepulse.alerts.failed")
                    .tag("sink", "flaky").tag("severity", "high").counter().count() == 1);
            assertThat(sink.attempts).hasValue(2);
        }
    }

    @Test
    void a_built_in_sinks_config_holds_no_secret() {
        URI secret = URI.create("https://hooks.slack.example/services/T000/B000/s3cr3t-token");
        SlackSink slack = SlackSink.builder(secret, HttpClient.newHttpClient()).name("slack-risk")
                .timeout(Duration.ofSeconds(3)).build();

        assertThat(slack.config().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(slack.config().toString()).doesNotContain("s3cr3t");
        assertThat(slack.toString()).doesNotContain("s3cr3t");
        assertThat(slack.name()).isEqualTo("slack-risk");
    }

    /** Regression: a RuleEngine built and never started evaluated nothing, so its risk limits never fired. */
    @Test
    void a_rule_engine_evaluates_on_its_schedule_from_build_without_start() throws Exception {
        CountDownLatch rounds = new CountDownLatch(3);
        AtomicReference<Thread> evaluator = new AtomicReference<>();
        try (AlertDispatcher d = AlertDispatcher.builder().sink(new CollectingSink()).build()) {
            RuleEngine engine = RuleEngine.builder(d).interval(Duration.ofMillis(10))
                    .rule(Rule.when("probe", now -> {
                        evaluator.set(Thread.currentThread());
                        rounds.countDown();
                        return OptionalDouble.of(0);
                    }).above(1).build())
                    .build();
            try {
                assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                engine.close();
                engine.close(); // idempotent
            }
            assertThat(evaluator.get().getName()).startsWith("tradepulse-rules-");
            assertThat(evaluator.get().isDaemon()).isTrue();
            evaluator.get().join(TimeUnit.SECONDS.toMillis(5));
            assertThat(evaluator.get().isAlive()).isFalse();
        }
    }

    @Test
    void a_report_scheduler_sends_due_reports_on_its_own_thread_from_build() {
        CollectingSink sink = new CollectingSink();
        try (AlertDispatcher d = AlertDispatcher.builder().clock(clock).sink(sink).build();
                ReportScheduler reports = ReportScheduler.builder(d).clock(clock).daily(LocalTime.of(8, 0))
                        .checkInterval(Duration.ofMillis(10)).build()) {
            clock.advance(Duration.ofHours(8));

            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.received.isEmpty());
            assertThat(sink.received.get(0).key()).isEqualTo("report:daily:1970-01-01");
            assertThat(reports.config().checkInterval()).isEqualTo(Duration.ofMillis(10));
        }
    }

    @Test
    void close_is_idempotent_and_leaves_no_worker_thread_behind() {
        AlertDispatcher d = AlertDispatcher.builder().clock(clock).sink(LogSink.named("lifecycle-probe"))
                .escalate(Duration.ofMinutes(5), "lifecycle-probe").build();
        assertThat(threadsNamed("tradepulse-alerts-lifecycle-probe-")).isNotEmpty();

        d.close(Duration.ofSeconds(1));
        d.close(Duration.ofSeconds(1));
        d.close(null); // never throws

        assertThat(threadsNamed("tradepulse-alerts-lifecycle-probe-")).isEmpty();
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
                .filter(Thread::isAlive).toList();
    }

    /** The documented contract: a test delivery may run while the worker delivers. */
    @Test
    void send_test_alert_calls_deliver_while_the_worker_is_still_delivering() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch workerInside = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AlertSink sink = new AlertSink() {
            @Override
            public String name() {
                return "busy";
            }

            @Override
            public void deliver(Notification n) throws InterruptedException {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    if (!n.first().key().equals("tradepulse-test-alert")) {
                        workerInside.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
        try (AlertDispatcher d = AlertDispatcher.builder().clock(clock).sink(sink).fallback().build()) {
            d.fire(Alert.builder("slow", Severity.HIGH, "slow").build());
            assertThat(workerInside.await(10, TimeUnit.SECONDS)).isTrue();

            Map<String, Optional<String>> result = d.sendTestAlert(Duration.ofSeconds(5));

            assertThat(result).containsExactly(Map.entry("busy", Optional.empty()));
            assertThat(most).hasValue(2);
            release.countDown();
        }
    }

    /** Regression: a severity matcher with a typo matched nothing, and the silence silently did nothing. */
    @Test
    void a_severity_matcher_that_names_no_severity_is_rejected() {
        Instant t = Instant.EPOCH;

        assertThatThrownBy(() -> new Silence(Map.of("severity", "critcal"), t, t.plusSeconds(60), "typo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("critcal");
        assertThatThrownBy(() -> new Inhibition(Map.of("severity", "hihg"), Map.of("alertname", "x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        Silence typed = Silence.of(Severity.LOW, t, t.plusSeconds(60), "digest noise");
        assertThat(typed.mutes(Alert.builder("k", Severity.LOW, "s").build(), t)).isTrue();
        assertThat(typed.mutes(Alert.builder("k", Severity.CRITICAL, "s").build(), t)).isFalse();
        assertThat(new Silence(Map.of("severity", "CRITICAL"), t, t.plusSeconds(1), "case does not matter")
                .mutes(Alert.builder("k", Severity.CRITICAL, "s").build(), t)).isTrue();
    }
}
