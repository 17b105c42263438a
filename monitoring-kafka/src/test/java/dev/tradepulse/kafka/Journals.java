package dev.tradepulse.kafka;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Test journals: a real ComplianceLogger with an HMAC key. */
final class Journals {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef-fleet-key".getBytes(StandardCharsets.US_ASCII);

    private Journals() {
    }

    static ComplianceLogger.Builder logger(Path dir, String instance) {
        return ComplianceLogger.builder().directory(dir).app("bot").instance(instance)
                .durability(Durability.GROUP_COMMIT).signer(Checkpoints.hmacSigner(KEY))
                .checkpointEvery(50, Duration.ofSeconds(1)).shutdownHook(false);
    }

    static void write(ComplianceLogger logger, int from, int count) {
        for (int i = from; i < from + count; i++) {
            logger.userAction("order " + i, Actor.of("trader"), Map.of("n", i, "note", "x".repeat(i % 50)));
        }
    }
}
