package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.test.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The component model: config objects, one wall clock type, @Timed mapped by Micrometer, and close(). */
class ComponentModelTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    interface Book {
        @Timed(value = "book.depth", description = "depth reads", extraTags = {"venue", "binance"},
                percentiles = {0.5, 0.99}, histogram = true, serviceLevelObjectives = {0.01, 0.1})
        int depth(String symbol);

        @Timed
        int plain(String symbol);
    }

    static final class FixedBook implements Book {
        @Override
        public int depth(String symbol) {
            return 10;
        }

        @Override
        public int plain(String symbol) {
            return 1;
        }
    }

    @Test
    void a_timed_annotation_keeps_its_tags_description_percentiles_histogram_and_slos() {
        Book book = h.monitoring.instrument(Book.class, new FixedBook());

        book.depth("BTC");
        book.plain("BTC");

        Timer timer = h.registry.get("book.depth")
                .tags("venue", "binance", "class", Book.class.getName(), "method", "depth", "outcome", "success",
                        "exception", "none")
                .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getDescription()).isEqualTo("depth reads");
        HistogramSnapshot snapshot = timer.takeSnapshot();
        assertThat(Arrays.stream(snapshot.percentileValues()).map(ValueAtPercentile::percentile))
                .containsExactly(0.5, 0.99);
        assertThat(Arrays.stream(snapshot.histogramCounts()).map(c -> c.bucket(TimeUnit.MILLISECONDS)))
                .contains(10.0, 100.0);
        assertThat(h.timerCount("method.timed", "method", "plain")).as("Micrometer's default name").isEqualTo(1);
    }

    interface LongTasks {
        @Timed(longTask = true)
        void rebalance();
    }

    @Test
    void a_long_task_timer_without_a_name_is_rejected_when_the_proxy_is_built() {
        assertThatThrownBy(() -> h.monitoring.instrument(LongTasks.class, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LongTasks.rebalance: @Timed(longTask = true) needs a metric name");
    }

    @Test
    void event_times_come_from_the_injected_java_time_clock() throws Exception {
        MutableClock clock = MutableClock.start();
        List<RetryExhausted> exhausted = new CopyOnWriteArrayList<>();
        List<CircuitBreakerStateChange> changes = new CopyOnWriteArrayList<>();
        try (Monitoring monitoring = Monitoring.builder()
                .clock(clock)
                .sleeper(wait -> { })
                .retry("venue", RetryConfig.custom().maxAttempts(2).build())
                .circuitBreaker("venue", CircuitBreakerConfig.ofDefaults())
                .listener(new MonitoringListener() {
                    @Override
                    public void onRetryExhausted(RetryExhausted event) {
                        exhausted.add(event);
                    }

                    @Override
                    public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                        changes.add(event);
                    }
                })
                .build()) {
            Venue venue = monitoring.instrument(Venue.class, () -> {
                throw new IOException("reset");
            });
            clock.advance(Duration.ofMinutes(3));

            assertThatThrownBy(venue::order).isInstanceOf(IOException.class);
            monitoring.circuitBreakerRegistry().circuitBreaker("venue").transitionToOpenState();

            Instant expected = Instant.parse("2026-01-05T00:03:00Z");
            assertThat(exhausted).singleElement().extracting(RetryExhausted::at).isEqualTo(expected);
            assertThat(changes).singleElement().extracting(CircuitBreakerStateChange::at).isEqualTo(expected);
        }
    }

    interface Venue {
        @Retry(name = "venue")
        String order() throws IOException;
    }

    @Test
    void the_config_object_has_defaults_a_copy_constructor_and_is_what_the_monitoring_reports() {
        MonitoringConfig defaults = MonitoringConfig.ofDefaults();
        assertThat(defaults.slowCallThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.retries()).isEmpty();

        MonitoringConfig config = MonitoringConfig.custom()
                .slowCallThreshold(Duration.ofMillis(250))
                .slowCallThreshold("exchange.requests", Duration.ofSeconds(2))
                .retry("exchange")
                .circuitBreaker("exchange", CircuitBreakerConfig.ofDefaults())
                .build();
        MonitoringConfig changed = MonitoringConfig.from(config).slowCallThreshold(Duration.ofMillis(100)).build();

        assertThat(changed.slowCallThreshold()).isEqualTo(Duration.ofMillis(100));
        assertThat(changed.slowCallThresholds()).containsEntry("exchange.requests", Duration.ofSeconds(2));
        assertThat(changed.retries()).containsOnlyKeys("exchange");
        assertThat(config.slowCallThreshold()).as("the original is unchanged").isEqualTo(Duration.ofMillis(250));
        try (Monitoring monitoring = Monitoring.builder().config(changed).retry("extra").build()) {
            assertThat(monitoring.config().retries()).containsOnlyKeys("exchange", "extra");
            assertThat(monitoring.retryRegistry().find("exchange")).isPresent();
            assertThat(monitoring.circuitBreakerRegistry().find("exchange")).isPresent();
        }
        assertThat(changed.toString()).contains("slowCallThreshold=PT0.1S", "retries=[exchange]");
    }

    @Test
    void config_settings_are_checked_and_name_the_parameter() {
        assertThatThrownBy(() -> MonitoringConfig.custom().slowCallThreshold(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> MonitoringConfig.custom().retry(" ", RetryConfig.ofDefaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> MonitoringConfig.from(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("existing");
        assertThatThrownBy(() -> Monitoring.builder().config(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("config");
    }

    interface SlowVenue {
        @Retry(name = "slow")
        CompletionStage<String> quote();
    }

    @Test
    void closing_completes_an_async_retry_waiting_on_the_own_scheduler_and_stops_its_thread() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Set<Thread> earlier = Set.copyOf(Thread.getAllStackTraces().keySet());
        Monitoring monitoring = Monitoring.builder()
                .retry("slow", RetryConfig.custom().maxAttempts(3)
                        .intervalFunction(IntervalFunction.of(Duration.ofHours(1))).build())
                .build();
        SlowVenue venue = monitoring.instrument(SlowVenue.class, () -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("venue down"));
        });
        CompletableFuture<String> result = venue.quote().toCompletableFuture();
        assertThat(result).isNotDone();
        List<Thread> threads = schedulerThreads().stream().filter(t -> !earlier.contains(t)).toList();
        assertThat(threads).hasSize(1);

        monitoring.close();
        monitoring.close(); // idempotent

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("venue down");
        assertThat(calls).hasValue(1);
        threads.get(0).join(5_000); // close() waited for termination; the thread's last instructions may still run
        assertThat(threads.get(0).isAlive()).as("the scheduler thread has ended").isFalse();
    }

    private static List<Thread> schedulerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tradepulse-retry-scheduler") && t.isAlive())
                .toList();
    }
}
