package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.config.ConfigLoader;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotations tp.instrument honours name their retries and breakers, on a method or on the type. */
class InstrumentTest {

    /** Every method of the client is retried and guarded by the named instances. */
    @Retry(name = "exchange")
    @CircuitBreaker(name = "exchange")
    public interface Exchange {
        String price(String symbol) throws IOException;
    }

    @TempDir
    Path dir;

    private TradePulse start() throws IOException {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "resilience:\n  retry:\n    max-attempts: 3\n    wait: 1ms\n");
        return TradePulse.builder().config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load())
                .build();
    }

    @Test
    void classLevelRetryAndBreakerNamesAreDeclaredAndApplyToEveryMethod() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (TradePulse tp = start()) {
            Exchange client = tp.instrument(Exchange.class, symbol -> {
                if (calls.incrementAndGet() < 3) {
                    throw new IOException("502 from the venue");
                }
                return "60000";
            });

            assertThat(client.price("BTCUSDT")).isEqualTo("60000");
            assertThat(calls).hasValue(3);
            assertThat(tp.monitoring().retryRegistry().find("exchange")).isPresent();
            assertThat(tp.monitoring().circuitBreakerRegistry().find("exchange")).isPresent();

        }
    }
}
