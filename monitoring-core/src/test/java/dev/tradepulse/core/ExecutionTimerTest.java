package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.tradepulse.core.Fixtures.Harness;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionTimerTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void records_runnables_suppliers_and_callables_with_their_outcome() throws Exception {
        ExecutionTimer timer = h.monitoring.timer("strategy.tick").tag("strategy", "momentum").build();

        timer.record(() -> h.clock.add(Duration.ofMillis(5)));
        assertThat(timer.record(() -> 7)).isEqualTo(7);
        assertThatThrownBy(() -> timer.recordCallable(() -> {
            throw new IOException("feed lost");
        })).isExactlyInstanceOf(IOException.class);

        assertThat(h.timerCount("strategy.tick", "strategy", "momentum", "outcome", "success", "exception", "none"))
                .isEqualTo(2);
        assertThat(h.timerCount("strategy.tick", "outcome", "error", "exception", "IOException")).isEqualTo(1);
        assertThat(h.timerSeconds("strategy.tick", "outcome", "success")).isEqualTo(0.005);
    }

    @Test
    void percentiles_histogram_and_slo_buckets_are_configurable_per_timer() {
        ExecutionTimer timer = h.monitoring.timer("order.latency")
                .publishPercentiles(0.5, 0.95)
                .publishPercentileHistogram(true)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100))
                .description("Order round trip")
                .build();
        timer.record(() -> h.clock.add(Duration.ofMillis(50)));

        var snapshot = h.registry.get("order.latency").timer().takeSnapshot();
        assertThat(Arrays.stream(snapshot.percentileValues()).map(ValueAtPercentile::percentile))
                .containsExactly(0.5, 0.95);
        assertThat(Arrays.stream(snapshot.histogramCounts()).map(c -> c.bucket(TimeUnit.MILLISECONDS)))
                .contains(10.0, 100.0);
        assertThat(h.registry.get("order.latency").timer().getId().getDescription()).isEqualTo("Order round trip");
    }

    @Test
    void a_stage_is_timed_until_it_completes() throws Exception {
        ExecutionTimer timer = h.monitoring.timer("fill.wait").build();
        CompletableFuture<String> fill = new CompletableFuture<>();

        CompletionStage<String> timed = timer.recordStage(() -> fill);
        h.clock.add(Duration.ofSeconds(3));
        fill.complete("filled");

        assertThat(timed.toCompletableFuture().get()).isEqualTo("filled");
        assertThat(h.timerSeconds("fill.wait", "outcome", "success")).isEqualTo(3.0);
    }

    @Test
    void the_slow_call_threshold_comes_from_the_timer_then_the_name_then_the_default() {
        try (Harness custom = new Harness(b -> b.slowCallThreshold(Duration.ofMillis(500))
                .slowCallThreshold("named", Duration.ofMillis(100)));
                LogCapture log = LogCapture.of(ExecutionTimer.class)) {
            custom.monitoring.timer("plain").build().record(() -> custom.clock.add(Duration.ofMillis(200)));
            custom.monitoring.timer("named").build().record(() -> custom.clock.add(Duration.ofMillis(200)));
            custom.monitoring.timer("own").slowCallThreshold(Duration.ofMillis(150)).build()
                    .record(() -> custom.clock.add(Duration.ofMillis(200)));

            assertThat(log.lines(Level.WARN)).containsExactly("Function named completed in 0.20s",
                    "Function own completed in 0.20s");
            assertThat(log.lines(Level.DEBUG)).containsExactly("Function plain completed in 0.20s");
        }
    }

    @Test
    void works_with_a_composite_registry() {
        SimpleMeterRegistry inner = new SimpleMeterRegistry(SimpleConfig.DEFAULT, h.clock);
        CompositeMeterRegistry composite = new CompositeMeterRegistry(h.clock);
        composite.add(inner);
        try (Monitoring monitoring = Monitoring.builder().meterRegistry(composite).build()) {
            monitoring.timer("composite.timer").build().record(() -> h.clock.add(Duration.ofMillis(1)));
        }
        assertThat(inner.get("composite.timer").timer().count()).isEqualTo(1);
    }

    @Test
    void a_failing_meter_never_reaches_the_caller_and_is_counted() throws Exception {
        ExecutionTimer timer = h.monitoring.timer("broken").build();
        h.registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("broken")) {
                    throw new IllegalStateException("registry exploded");
                }
                return id;
            }
        });

        // The success timer was registered before the registry broke, so it still records.
        assertThat(timer.record(() -> "traded")).isEqualTo("traded");
        // The error timer is new: registering it fails (1).
        assertThatThrownBy(() -> timer.recordCallable(() -> {
            throw new IOException("the caller's own failure");
        })).isExactlyInstanceOf(IOException.class).hasMessage("the caller's own failure");
        // A timer built now fails to register up front (2) and again on first use (3).
        ExecutionTimer lateTimer = h.monitoring.timer("broken").build();
        lateTimer.record(() -> { });

        assertThat(h.monitoring.instrumentationFailures()).isEqualTo(3);
        assertThat(h.timerCount("broken", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void a_decoration_combines_timer_retry_and_breaker_in_one_call() throws Exception {
        Decoration placeOrder = h.monitoring.decoration("placeOrder")
                .timer("exchange.requests").retry("exchange").circuitBreaker("exchange").build();
        int[] attempts = {0};

        String result = placeOrder.call(() -> {
            h.clock.add(Duration.ofMillis(10));
            if (++attempts[0] < 3) {
                throw new IOException("timeout");
            }
            return "filled";
        });

        assertThat(result).isEqualTo("filled");
        assertThat(h.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(h.timerSeconds("exchange.requests", "operation", "placeOrder", "outcome", "success"))
                .isEqualTo(2.03);
        assertThat(h.monitoring.circuitBreakerRegistry().circuitBreaker("exchange").getMetrics()
                .getNumberOfFailedCalls()).isEqualTo(2);
        assertThat(placeOrder.decorateSupplier(() -> "again").get()).isEqualTo("again");
        int[] ran = {0};
        placeOrder.decorateRunnable(() -> ran[0]++).run();
        assertThat(ran[0]).isEqualTo(1);
        assertThat(placeOrder.decorateCompletionStage(() -> Fixtures.completed("async")).get()
                .toCompletableFuture().get()).isEqualTo("async");
        assertThat(placeOrder.toString()).isEqualTo("Decoration[placeOrder]");
    }

    @Test
    void a_decoration_reuses_a_configured_timer() {
        ExecutionTimer timer = h.monitoring.timer("venue.calls").tag("venue", "binance").build();
        Decoration decoration = h.monitoring.decoration("cancel").timer(timer).build();

        decoration.run(() -> { });

        assertThat(h.timerCount("venue.calls", "venue", "binance", "operation", "cancel")).isEqualTo(1);
    }

    @Test
    void a_timer_from_another_monitoring_is_rejected() {
        try (Monitoring other = Monitoring.ofDefaults()) {
            ExecutionTimer foreign = other.timer("x").build();
            assertThatThrownBy(() -> h.monitoring.decoration("op").timer(foreign))
                    .hasMessage("timer must come from this Monitoring's timer(...) builder");
        }
    }
}
