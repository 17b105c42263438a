package dev.tradepulse.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.runtime.otlp.LoopbackCollector;
import dev.tradepulse.runtime.otlp.LoopbackCollector.Mode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The push's own close, apart from the runtime's lifecycle, which would bound it anyway. */
class OtlpExportCloseTest {

    private static OtlpSettings settings(LoopbackCollector c, Duration step, Duration timeout) {
        return new OtlpSettings(c.url(), step, timeout, Map.of(), Map.of("service.name", "bot"));
    }

    @Test
    void closingWhileThePushHangsTakesTheCloseBudgetTwiceAtMostNotThePushesTimeout() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.HANG)) {
            // A scheduled push may take 30 s; the close budget is 300 ms per wait.
            OtlpExport export = OtlpExport.start(settings(collector, Duration.ofSeconds(31), Duration.ofSeconds(30)),
                    System::currentTimeMillis, Duration.ofMillis(300));
            export.registry().counter("bot.orders").increment();
            Thread closer = new Thread(export::close);
            long start = System.nanoTime();
            closer.start();
            closer.join(Duration.ofSeconds(5).toMillis());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(closer.isAlive()).isFalse();
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(collector.received()).as("the final push was sent").hasSize(1);
            assertThat(export.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(export.healthCheck().check().message()).hasValueSatisfying(m -> assertThat(m)
                    .contains("within 300 ms"));
            export.close(); // idempotent
        }
    }

    @Test
    void aPushThatFailsNeverThrowsIntoMicrometerAndEachFailureIsCounted() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.FAIL)) {
            OtlpExport export = OtlpExport.start(settings(collector, Duration.ofSeconds(1), Duration.ofMillis(500)),
                    System::currentTimeMillis, Duration.ofMillis(300));
            export.registry().counter("bot.orders").increment(); // a registry without meters pushes nothing
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> collector.received().size() >= 2);
                await().atMost(Duration.ofSeconds(5)).until(() -> export.healthCheck().check().message()
                        .orElse("").contains("HTTP 500"));
            } finally {
                export.close();
            }
            // Closed: no publishing thread left.
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                    && t.getName().startsWith("tradepulse-otlp-push"));
        }
    }
}
