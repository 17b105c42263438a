package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two closes at once, as when the bot's main thread leaves its try-with-resources while the
 * shutdown hook runs: the second must not return before the first has finished, or the JVM halts
 * with the journal still open.
 */
class ConcurrentCloseTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    /** Holds the resolve notification until released, so that the first close is caught mid-way. */
    static final class HeldResolve implements AlertSink {
        final CountDownLatch inResolve = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void deliver(Notification n) throws InterruptedException {
            if (n.alerts().stream().anyMatch(a -> a.status() == Alert.Status.RESOLVED)) {
                inResolve.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSecondCloseReturnsOnlyWhenTheFirstHasClosedTheJournalAndTheServer() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + data + "\nshutdown:\n  deadline: 30s\n"
                + "server:\n  token: 0123456789abcdef0123\nstrategies:\n  momentum:\n    daily-loss-halt: -0.15\n");
        HeldResolve sink = new HeldResolve();
        TradePulse tp = TradePulse.builder().clock(clock).sink(sink)
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build();
        Strategy momentum = tp.strategy("momentum");
        momentum.recordEquity(clock.instant(), 10_000);
        clock.advance(Duration.ofMinutes(5));
        momentum.recordEquity(clock.instant(), 8_400);
        momentum.afterTick();
        assertThat(momentum.isHalted()).isTrue();
        URI uri = tp.uri().orElseThrow();

        Thread first = new Thread(tp::close, "first-close");
        Thread second = new Thread(tp::close, "second-close");
        try {
            first.start();
            assertThat(sink.inResolve.await(30, TimeUnit.SECONDS)).as("the first close sends the resolve").isTrue();
            second.start();
            // Bounded: the second close either returns (the bug) or waits for the first.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (second.getState() != Thread.State.TERMINATED && second.getState() != Thread.State.WAITING
                    && second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < end) {
                second.join(1);
            }
            assertThat(second.getState()).as("the second close returned while the first was still closing")
                    .isNotEqualTo(Thread.State.TERMINATED);
        } finally {
            sink.release.countDown();
            first.join(TimeUnit.SECONDS.toMillis(40));
            second.join(TimeUnit.SECONDS.toMillis(40));
        }
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();

        byte[] key = HexFormat.of().parseHex(Files.readString(data.resolve("audit.key"), StandardCharsets.US_ASCII).strip());
        Verification v = JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(data.resolve("audit"));
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/health/live"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()))
                .as("the server is stopped").isInstanceOf(IOException.class);
    }
}
