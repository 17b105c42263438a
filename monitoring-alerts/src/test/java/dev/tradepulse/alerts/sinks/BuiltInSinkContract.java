package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.test.kit.AlertSinkCompatibilityKit;
import dev.tradepulse.test.kit.LoopbackServer;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The published sink kit, plus what a built-in sink must do together with this module's
 * dispatcher: a provider's day-long {@code Retry-After} never holds back a CRITICAL alert beyond
 * the dispatcher's cap. (The kit checks the sink's side: a 429 is a retryable failure that carries
 * the wait.)
 */
abstract class BuiltInSinkContract extends AlertSinkCompatibilityKit {

    @Test
    void a_day_long_retry_after_never_holds_back_a_critical_alert() throws Exception {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.retryAfterADay(), LoopbackServer.Reply.of(successStatus()));
        MutableClock clock = MutableClock.start();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (AlertDispatcher dispatcher = AlertDispatcher.builder().sink(sink).clock(clock).meterRegistry(registry)
                .sleeper(wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                }).build()) {
            dispatcher.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent").build());

            provider.take(); // answered with the day-long back-off
            provider.take(); // the retry, answered with success
            dispatcher.close(Duration.ofSeconds(5)); // counters are final once close returns
        }
        assertThat(registry.get("tradepulse.alerts.delivered").tags("sink", sink.name(), "severity", "critical")
                .counter().count()).as("the CRITICAL alert was delivered on the retry").isEqualTo(1);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
                .as("time a CRITICAL alert waited behind the provider's back-off, waits " + waits)
                .isLessThanOrEqualTo(AlertDispatcher.DEFAULT_MAX_CRITICAL_RETRY_AFTER);
    }
}
