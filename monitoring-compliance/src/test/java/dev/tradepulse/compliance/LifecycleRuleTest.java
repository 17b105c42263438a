package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.audit.WitnessedHead;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build() returns a live logger or releases what it took; close() is idempotent and leaves no thread behind. */
class LifecycleRuleTest {

    @TempDir
    Path dir;

    private static Set<Thread> tradepulseThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tradepulse-")).collect(Collectors.toSet());
    }

    @Test
    void close_leaves_none_of_the_loggers_threads_behind() throws Exception {
        Set<Thread> before = tradepulseThreads();
        List<WitnessedHead> witnessed = new CopyOnWriteArrayList<>();
        for (Durability durability : Durability.values()) {
            ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve(durability.name())).instance("t")
                    .durability(durability).shutdownHook(false).witness(witnessed::add).build();
            audit.userAction("a", Actor.of("u"), Map.of());
            audit.recordDurably(AuditEvent.builder("CUSTOM").actor("u").action("x").build()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            audit.close();
            audit.close(); // idempotent
        }
        assertThat(witnessed).as("each journal's closing head reached its witness").hasSizeGreaterThanOrEqualTo(3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<Thread> left = tradepulseThreads();
            left.removeAll(before);
            assertThat(left).extracting(Thread::getName).isEmpty();
        });
    }

    @Test
    void durable_events_still_queued_at_close_complete_once_close_has_synced_them() throws Exception {
        for (Durability durability : Durability.values()) {
            Path journal = dir.resolve("q-" + durability.name());
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            ComplianceLogger audit = ComplianceLogger.builder().directory(journal).instance("t").durability(durability)
                    .shutdownHook(false).build();
            for (int i = 0; i < 5_000; i++) {
                stages.add(audit.recordDurably(AuditEvent.builder("LATE").actor(Actor.of("u")).action("x").build())
                        .toCompletableFuture());
            }
            audit.close(); // without waiting for any stage
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            long onDisk = Journals.lines(journal).stream().filter(l -> l.contains("\"LATE\"")).count();
            assertThat(onDisk).as(durability.name()).isEqualTo(5_000);
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void a_build_that_fails_after_the_journal_opened_releases_it_for_the_next_writer() {
        Path journal = dir.resolve("audit");
        List<String> refused = new ArrayList<>();
        SimpleMeterRegistry broken = new SimpleMeterRegistry() {
            @Override
            protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> f) {
                refused.add(id.getName());
                throw new IllegalStateException("registry refuses " + id.getName());
            }
        };
        assertThatThrownBy(() -> ComplianceLogger.builder().directory(journal).instance("t").shutdownHook(false)
                .meterRegistry(broken).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("registry refuses tradepulse.audit.");
        assertThat(refused).isNotEmpty();

        try (ComplianceLogger next = ComplianceLogger.builder().directory(journal).instance("t").shutdownHook(false)
                .build()) {
            next.userAction("after", Actor.of("u"), Map.of());
            assertThat(next.failure()).isEmpty();
        }
    }
}
