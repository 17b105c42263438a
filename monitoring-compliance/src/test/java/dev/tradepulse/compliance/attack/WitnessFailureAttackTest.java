package dev.tradepulse.compliance.attack;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;

/** A witness is user code or a peer: one that hangs must not silence the others or block the caller. */
class WitnessFailureAttackTest {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void unblock() {
        release.countDown();
    }

    /** Blocks in publish (and, if asked, in latest) until the test ends, as a stuck peer would. */
    private Witness hanging(boolean inLatest) {
        return new Witness() {
            @Override
            public void publish(WitnessedHead head) throws Exception {
                release.await();
            }

            @Override
            public Optional<WitnessedHead> latest() {
                if (inLatest) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Optional.empty();
            }
        };
    }

    @Test
    void a_hanging_witness_does_not_stop_checkpoint_heads_reaching_the_other_witnesses() throws Exception {
        Witness file = Witnesses.file(root.resolve("audit.witness"));
        ComplianceLogger audit = AttackKit.builder(root.resolve("audit"), clock).checkpointEvery(5, Duration.ofHours(1))
                .witness(hanging(false)).witness(file).build();
        try {
            for (int i = 0; i < 50; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("i", i));
            }
            audit.flush();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .alias("10 checkpoints were written; the file witness behind a hung one must get one")
                    .until(() -> file.latest().isPresent());
        } finally {
            release.countDown();
            audit.close();
        }
    }

    @Test
    void build_does_not_hang_on_a_witness_whose_latest_never_returns() throws Exception {
        Path dir = root.resolve("audit");
        AttackKit.builder(dir, clock).build().close(); // an existing journal: build() asks witnesses where it ended
        CompletableFuture<ComplianceLogger> opened = CompletableFuture.supplyAsync(
                () -> AttackKit.builder(dir, clock).witness(hanging(true)).build());
        try {
            ComplianceLogger audit = opened.get(5, TimeUnit.SECONDS);
            audit.close();
        } catch (TimeoutException e) {
            throw new AssertionError("build() still blocked after 5 s on a witness's latest()", e);
        } finally {
            release.countDown();
        }
    }
}
