package dev.tradepulse.compliance;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link JournalLifecycleTest}: opens a signed journal, writes a few events,
 * prints {@code READY}, then per mode holds it open ({@code hold}, {@code term}: until killed or
 * signalled) or calls {@code System.exit(0)} without closing ({@code exit}).
 */
public final class JournalChild {

    private JournalChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("child")
                .signer(Checkpoints.hmacSigner(Journals.KEY)).durability(Durability.ASYNC).build();
        for (int i = 0; i < 50; i++) {
            audit.userAction("child-" + mode, Actor.of("child"), Map.of("i", i));
        }
        audit.flush();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        if (mode.equals("exit")) {
            System.exit(0); // no close(): the shutdown hook must leave a verifiable journal
        }
        Thread.currentThread().join();
    }
}
