package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's meters bind through Micrometer's MeterBinder. */
class JournalMetersTest {

    @TempDir
    Path dir;

    @Test
    void a_logger_is_a_meter_binder_and_binds_to_more_than_one_registry() {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("t").shutdownHook(false)
                .durability(Durability.SYNC_EACH).build()) {
            MeterBinder binder = audit;
            binder.bindTo(first);
            binder.bindTo(second);
            binder.bindTo(second); // twice to one registry: the same meters, counted once
            for (int i = 0; i < 5; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("i", i));
            }
            for (SimpleMeterRegistry r : new SimpleMeterRegistry[] {first, second}) {
                assertThat(r.get("tradepulse.audit.events.written").functionCounter().count()).isGreaterThanOrEqualTo(6);
                assertThat(r.get("tradepulse.audit.fsync").timer().count()).isGreaterThanOrEqualTo(5);
                assertThat(r.get("tradepulse.audit.queue.depth").gauge().value()).isZero();
                assertThat(r.get("tradepulse.audit.events.rejected").functionCounter().count()).isZero();
            }
            assertThat(second.get("tradepulse.audit.fsync").timer().count())
                    .isEqualTo(first.get("tradepulse.audit.fsync").timer().count());
        }
    }
}
