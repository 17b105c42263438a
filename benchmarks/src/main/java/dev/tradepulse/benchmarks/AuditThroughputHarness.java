package dev.tradepulse.benchmarks;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue #5 throughput figures, one mode per JVM (see {@code benchmarks/scripts/audit-throughput.sh}):
 * <ul>
 *   <li>{@code sha}: this machine's SHA-256 rate on 256-byte inputs, one core: the ceiling for a chain;</li>
 *   <li>{@code async N}: TradePulse ASYNC with hashing and HMAC checkpoints, N producer threads;</li>
 *   <li>{@code log4j N}: the same events through Log4j2 async loggers with a JSON layout to a file;</li>
 *   <li>{@code group N}: TradePulse GROUP_COMMIT, N threads, every call fsynced before it returns;</li>
 *   <li>{@code async-v1 N}: ASYNC with checkpoint signatures but no per-line tags (what v1 wrote),
 *       for the cost of per-line authentication;</li>
 *   <li>{@code pipelined W}: one thread calling {@code recordDurably} with up to W events in flight,
 *       counted when their fsync completes them.</li>
 * </ul>
 * Throughput counts until everything is on disk (flush/shutdown included). Caller latency is
 * sampled on every 16th call.
 */
public final class AuditThroughputHarness {

    private static final byte[] KEY = "benchmark-key-benchmark-key-benchmark-key".getBytes();
    /** Made once, as a strategy would: the event methods take the actor as a value. */
    private static final Actor STRATEGY = Actor.of("strategy-7");

    private AuditThroughputHarness() {
    }

    /** One producer's view: how many calls, and sampled latencies. */
    interface Call {
        void run(long i);
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "async";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("audit-bench");
        switch (mode) {
            case "sha" -> sha();
            case "pipelined" -> pipelined(dir, threads, seconds);
            case "async", "group", "async-v1" -> {
                Durability durability = mode.startsWith("async") ? Durability.ASYNC : Durability.GROUP_COMMIT;
                Signer hmac = Checkpoints.hmacSigner(KEY);
                // A signer of our own signs checkpoints only: no line keys, so lines carry no tags.
                Signer signer = !mode.equals("async-v1") ? hmac : new Signer() {
                    @Override
                    public String algorithm() {
                        return hmac.algorithm();
                    }

                    @Override
                    public byte[] sign(byte[] data) {
                        return hmac.sign(data);
                    }
                };
                try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).app("bench").instance("b1")
                        .shutdownHook(false).durability(durability).signer(signer).build()) {
                    run(mode + " " + durability, threads, seconds, durability == Durability.ASYNC ? 200_000 : 5_000,
                            i -> audit.orderEvent(
                            ComplianceLogger.OrderStage.PLACED, STRATEGY, "o-" + i, "BTCUSDT", "BUY", 0.5, 64210.5,
                            "binance"), audit::flush);
                }
            }
            case "log4j" -> {
                System.setProperty("log4j2.contextSelector",
                        "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
                System.setProperty("log4j2.configurationFile", "classpath:log4j2-audit-bench.xml");
                System.setProperty("audit.bench.log4j.file", dir.resolve("log4j.jsonl").toString());
                org.apache.logging.log4j.Logger log = org.apache.logging.log4j.LogManager.getLogger("audit");
                run("log4j2 async JSON", threads, seconds, 200_000, i -> {
                    org.apache.logging.log4j.message.StringMapMessage m = new org.apache.logging.log4j.message.StringMapMessage(10);
                    m.with("type", "ORDER_EVENT").with("level", "INFO").with("actor", "strategy-7").with("action", "placed")
                            .with("order_id", "o-" + i).with("symbol", "BTCUSDT").with("side", "BUY")
                            .with("quantity", 0.5).with("price", 64210.5).with("venue", "binance");
                    log.info(m);
                }, org.apache.logging.log4j.LogManager::shutdown);
            }
            default -> throw new IllegalArgumentException(
                    "mode: sha | async N | async-v1 N | log4j N | group N | pipelined WINDOW");
        }
        // Each run writes gigabytes: leave neither the files nor their dirty pages to the next run.
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One thread, up to {@code window} durable events in flight, each counted once its fsync completes it. */
    private static void pipelined(Path dir, int window, int seconds) throws Exception {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).app("bench").instance("b1")
                .shutdownHook(false).durability(Durability.GROUP_COMMIT).signer(Checkpoints.hmacSigner(KEY)).build()) {
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
            LongAdder durable = new LongAdder();
            LongAdder failed = new LongAdder();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long i = 0;
            while (System.nanoTime() < end) {
                inFlight.acquire();
                audit.recordDurably(dev.tradepulse.compliance.AuditEvent.builder("ORDER_EVENT").actor("strategy-7")
                        .action("placed").detail("order_id", "o-" + i++).detail("symbol", "BTCUSDT")
                        .detail("price", 64210.5).build()).whenComplete((ok, e) -> {
                            (e == null ? durable : failed).increment();
                            inFlight.release();
                        });
            }
            inFlight.acquire(window); // every event is durable (or failed)
            long nanos = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "pipelined recordDurably, 1 thread, window %d, %d s: %d durable, %d failed,"
                    + " %.0f durable events/s%n", window, seconds, durable.sum(), failed.sum(),
                    durable.sum() / (nanos / 1e9));
        }
    }

    private static void sha() {
        MessageDigest sha = dev.tradepulse.compliance.internal.JournalFiles.sha256();
        byte[] input = new byte[256];
        Arrays.fill(input, (byte) 'x');
        long n = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                sha.update(input);
                input[0] = sha.digest()[0];
            }
            n += 1000;
        }
        double perSec = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "sha256 of 256 B on one core: %.2f M hashes/s%n", perSec / 1e6);
    }

    private static void run(String name, int threads, int seconds, int warmUp, Call call, Runnable drain)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder calls = new LongAdder();
        List<long[]> samples = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < warmUp; i++) { // warm-up, not counted
            call.run(-i);
        }
        drain.run();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[4_000_000];
            int[] count = new int[1];
            samples.add(lat);
            counts.add(count);
            int id = t;
            Thread th = new Thread(() -> {
                long i = (long) id << 40;
                while (!stop.get()) {
                    for (int k = 0; k < 16; k++) {
                        call.run(i++);
                    }
                    long s = System.nanoTime();
                    call.run(i++);
                    long d = System.nanoTime() - s;
                    if (count[0] < lat.length) {
                        lat[count[0]++] = d;
                    }
                    calls.add(17);
                }
                done.countDown();
            });
            th.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        long producedNanos = System.nanoTime() - start;
        drain.run();
        long totalNanos = System.nanoTime() - start;
        long n = calls.sum();
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "%s, %d threads, %d s: %d events, %.0f events/s until on disk "
                + "(%.0f/s while producing); caller latency p50 %.2f us, p99 %.2f us, p99.9 %.2f us%n",
                name, threads, seconds, n, n / (totalNanos / 1e9), n / (producedNanos / 1e9),
                all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3, all[(int) (all.length * 0.999)] / 1e3);
    }
}
