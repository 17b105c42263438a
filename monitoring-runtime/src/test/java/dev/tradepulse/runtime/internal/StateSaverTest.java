package dev.tradepulse.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSaverTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void oneStrategysSuccessfulSaveDoesNotHideAnotherStrategysFailedSave() throws Exception {
        try (StateStore good = StateStore.directory(dir.resolve("good"), clock);
                FullDisk full = new FullDisk(StateStore.directory(dir.resolve("full"), clock))) {
            // The failing strategy comes first: the old single "last failure" was cleared by the
            // next strategy's successful save in the same round.
            PerformanceTracker failing = PerformanceTracker.builder("momentum").clock(clock).stateStore(full).build();
            PerformanceTracker saving = PerformanceTracker.builder("grid").clock(clock).stateStore(good).build();
            StateSaver saver = new StateSaver(List.of(failing, saving), clock, Duration.ofHours(1));
            full.failing = true;

            failing.updatePosition(new Position("BTCUSDT", Side.BUY, 1, 100, 100, Double.NaN));
            saving.updatePosition(new Position("ETHUSDT", Side.BUY, 1, 10, 10, Double.NaN));
            saver.close();

            HealthResult health = saver.healthCheck().check();
            assertThat(saving.stateDirty()).as("grid was saved").isFalse();
            assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.message()).hasValueSatisfying(m -> assertThat(m).contains("momentum").doesNotContain("grid"));
        }
    }

    @Test
    void aStrategyWhoseSaveWorksAgainIsNoLongerReported() throws Exception {
        try (FullDisk full = new FullDisk(StateStore.directory(dir.resolve("full"), clock))) {
            PerformanceTracker tracker = PerformanceTracker.builder("momentum").clock(clock).stateStore(full).build();
            full.failing = true;
            StateSaver first = new StateSaver(List.of(tracker), clock, Duration.ofHours(1));
            tracker.updatePosition(new Position("BTCUSDT", Side.BUY, 1, 100, 100, Double.NaN));
            first.close();
            assertThat(first.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);

            full.failing = false;
            StateSaver second = new StateSaver(List.of(tracker), clock, Duration.ofHours(1));
            second.close();
            assertThat(second.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(tracker.stateDirty()).isFalse();
        }
    }

    /** A store on a disk that filled up: writes fail the way a full disk fails them. */
    private static final class FullDisk implements StateStore {
        private final StateStore delegate;
        volatile boolean failing;

        FullDisk(StateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public StateRecord read(String key) {
            return delegate.read(key);
        }

        @Override
        public void write(String key, int version, byte[] payload) throws IOException {
            if (failing) {
                throw new IOException("No space left on device");
            }
            delegate.write(key, version, payload);
        }

        @Override
        public void delete(String key) throws IOException {
            delegate.delete(key);
        }

        @Override
        public Path directory() {
            return delegate.directory();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
