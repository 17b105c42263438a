package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.state.StateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random points: a child JVM moves its state in a loop, the parent kills it with
 * {@code kill -9} after a random number of acknowledged transitions plus a random delay (often
 * in the middle of the next write), reopens the directory and checks what it finds.
 */
class RiskStateCrashTest {

    private static final int TRIALS = 12;

    @TempDir
    Path dir;

    /** What a child printed before it died. */
    private record Run(List<String> lines, Process process) {
    }

    private Run start(int trial, CountDownLatch ready, int acksBeforeKill, List<String> lines, CountDownLatch enough)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", System.getProperty("java.class.path"), RiskStateChild.class.getName(),
                dir.toString(), "audit-" + trial).redirectError(dir.resolve("child-" + trial + ".err").toFile()).start();
        Thread reader = new Thread(() -> {
            int acks = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(l);
                    if (l.startsWith("READY ")) {
                        ready.countDown();
                    } else if (l.startsWith("ACK ") && ++acks >= acksBeforeKill) {
                        enough.countDown();
                    }
                }
            } catch (Exception e) {
                lines.add("READ FAILED " + e);
            }
            ready.countDown();
            enough.countDown();
        }, "crash-test-reader-" + trial);
        reader.setDaemon(true);
        reader.start();
        return new Run(lines, p);
    }

    @Test
    void a_state_killed_at_random_points_is_never_found_less_safe_than_what_was_acknowledged() throws Exception {
        Random random = new Random(20261201L);
        long sequence = 0;
        TradingState state = TradingState.ACTIVE;
        int tempFilesLeft = 0;
        int inFlightFound = 0;
        try (Fixture f = new Fixture(dir.resolve("parent"))) {
            for (int trial = 0; trial < TRIALS; trial++) {
                CountDownLatch ready = new CountDownLatch(1);
                CountDownLatch enough = new CountDownLatch(1);
                List<String> lines = new CopyOnWriteArrayList<>();
                long t0 = System.nanoTime();
                Run run = start(trial, ready, random.nextInt(12), lines, enough);
                try {
                    assertThat(ready.await(60, TimeUnit.SECONDS)).as("child %d ready", trial).isTrue();
                    assertThat(lines.get(0)).as("the child restored what the parent found")
                            .endsWith(" " + state + " " + sequence);
                    long t1 = System.nanoTime();
                    assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();
                    System.out.printf("trial %d: ready in %d ms, then %d ms of transitions%n", trial,
                            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                    LockSupport.parkNanos(random.nextInt(3_000_000)); // a random point in the next write
                } finally {
                    run.process().toHandle().destroyForcibly(); // SIGKILL, keeping our end of its pipes open
                }
                assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(run.process().exitValue()).as("killed, not exited").isEqualTo(137);
                try (var files = Files.list(dir.resolve("state"))) {
                    tempFilesLeft += (int) files.filter(p -> p.getFileName().toString().contains(".tmp-")).count();
                }

                // the last acknowledged state, and whether a call was under way after it
                long ackSeq = sequence;
                TradingState acked = state;
                boolean inFlight = false;
                String op = "";
                for (String l : lines) {
                    String[] w = l.split(" ");
                    if (w[0].equals("ACK") && w.length == 3) {
                        ackSeq = Long.parseLong(w[1]);
                        acked = TradingState.valueOf(w[2]);
                        inFlight = false;
                    } else if (w[0].equals("BEGIN") && w.length == 2) {
                        inFlight = true;
                        op = w[1];
                    }
                }

                try (StateStore store = StateStore.directory(dir.resolve("state"), f.clock)) {
                    RiskState found = RiskState.builder("bot", f.audit, f.alerts).stateStore(store).build();
                    Transition restored = found.lastTransition().orElseThrow();
                    assertThat(found.holds()).as("never a damaged record").noneMatch(h -> h.cause().kind()
                            == Cause.Kind.SYSTEM);
                    if (restored.sequence() == ackSeq) {
                        assertThat(found.current()).as("trial %d: the acknowledged state", trial).isEqualTo(acked);
                    } else {
                        assertThat(inFlight).as("trial %d: a newer state only if a call was under way", trial).isTrue();
                        assertThat(restored.sequence()).isEqualTo(ackSeq + 1);
                        assertThat(found.current()).isEqualTo(switch (op) {
                            case "reduce" -> TradingState.REDUCING;
                            case "halt" -> TradingState.HALTED;
                            default -> TradingState.ACTIVE;
                        });
                        inFlightFound++;
                    }
                    if (acked == TradingState.HALTED && found.current() == TradingState.ACTIVE) {
                        assertThat(op).as("ACTIVE after an acknowledged HALT only by a re-arm").isEqualTo("rearm");
                    }
                    if (found.current() != acked) {
                        assertThat(found.current() == TradingState.ACTIVE || found.current().isSaferThan(acked))
                                .as("less safe than acknowledged only through a re-arm").isTrue();
                    }
                    sequence = restored.sequence();
                    state = found.current();
                }
            }
        }
        System.out.printf("SIGKILL soak: %d trials, %d kills found the in-flight write done, %d temporary files left "
                + "by kills mid-write%n", TRIALS, inFlightFound, tempFilesLeft);
        assertThat(sequence).as("the children made progress").isGreaterThan(TRIALS);
    }
}
