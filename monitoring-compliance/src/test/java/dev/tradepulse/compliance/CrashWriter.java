package dev.tradepulse.compliance;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashRecoveryTest} (and benchmarks/scripts/audit-kill-soak.sh):
 * writes in GROUP_COMMIT mode from several threads, every 50th event hostile (huge names, numbers,
 * strings and nesting), plus one thread pipelining {@code recordDurably}, and prints {@code ACK key}
 * after each call returns (or its stage completes), until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    private static Object deep(int levels) {
        Object v = "bottom";
        for (int i = 0; i < levels; i++) {
            v = Map.of("d", v);
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String run = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("crash")
                .signer(Checkpoints.hmacSigner(Journals.KEY)).durability(Durability.GROUP_COMMIT)
                .checkpointEvery(50, java.time.Duration.ofSeconds(1)).build();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                for (long i = 0; ; i++) {
                    String key = run + "-" + id + "-" + i;
                    if (i % 50 == 7) {
                        // Hostile but acknowledged: the writer must cut these so that every reader reads them back.
                        audit.userAction("crash-test", Actor.of("writer-" + id), Map.of("k", key, "x".repeat(60_000), 1,
                                "big", new java.math.BigInteger("9".repeat(1_500)),
                                "tiny", new java.math.BigDecimal("1e-2000"), "deep", deep(30), "long", "y".repeat(100_000)));
                    } else {
                        audit.userAction("crash-test", Actor.of("writer-" + id), Map.of("k", key));
                    }
                    synchronized (System.out) {
                        System.out.println("ACK " + key);
                        System.out.flush();
                    }
                }
            });
            writer.start();
        }
        // One more thread pipelines durable events: each is acknowledged when its stage completes.
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
        Thread pipelined = new Thread(() -> {
            for (long i = 0; ; i++) {
                String key = run + "-p-" + i;
                inFlight.acquireUninterruptibly();
                audit.recordDurably(AuditEvent.builder("PIPELINED").actor("writer-p").action("crash-test")
                        .detail("k", key).build()).whenComplete((ok, failure) -> {
                            inFlight.release();
                            if (failure == null) {
                                synchronized (System.out) {
                                    System.out.println("ACK " + key);
                                    System.out.flush();
                                }
                            }
                        });
            }
        });
        pipelined.start();
        Thread.currentThread().join();
    }
}
