package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.audit.Signer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A signer is user code: an Error it throws fails the journal closed, like an I/O error, in every mode. */
class FailingSignerTest {

    @TempDir
    Path dir;

    private final AtomicBoolean broken = new AtomicBoolean();

    private final Signer signer = new Signer() {
        @Override
        public String algorithm() {
            return "test";
        }

        @Override
        public byte[] sign(byte[] data) {
            if (broken.get()) {
                throw new AssertionError("signer broke");
            }
            return new byte[32];
        }
    };

    private ComplianceLogger open(Durability durability) {
        return ComplianceLogger.builder().directory(dir).instance("t").durability(durability).signer(signer)
                .checkpointEvery(1, Duration.ofSeconds(60)).shutdownHook(false).build();
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"GROUP_COMMIT", "SYNC_EACH"})
    void a_durable_call_whose_checkpoint_signer_throws_an_error_gets_an_audit_exception_and_does_not_hang(
            Durability durability) throws Exception {
        try (ComplianceLogger audit = open(durability)) {
            audit.userAction("before", Actor.of("u"), Map.of());
            broken.set(true);
            CompletableFuture<Void> call = CompletableFuture.runAsync(
                    () -> audit.userAction("signed badly", Actor.of("u"), Map.of()));
            Throwable thrown = null;
            try {
                call.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                thrown = e.getCause();
            }
            assertThat(thrown).isInstanceOf(AuditJournalException.class);
            assertThat(audit.failure()).get().isInstanceOf(AssertionError.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = "ASYNC")
    void an_async_journal_whose_signer_throws_an_error_fails_and_counts_later_calls_as_rejected(Durability durability) {
        try (ComplianceLogger audit = open(durability)) {
            broken.set(true);
            audit.userAction("signed badly", Actor.of("u"), Map.of());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audit.failure().isPresent());
            assertThat(audit.failure()).get().isInstanceOf(AssertionError.class);
            audit.userAction("after", Actor.of("u"), Map.of());
            assertThat(audit.rejected()).isEqualTo(1);
        }
    }
}
