package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.state.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a bot that saves its tracker after every step, at random points, mid-save included. */
class TrackerCrashTest {

    @TempDir
    Path dir;

    @Test
    void after_each_sigkill_the_restored_tracker_holds_the_acknowledged_save_or_the_one_in_flight() throws Exception {
        Random random = new Random(20261201);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int trials = Integer.getInteger("tracker.crash.trials", 10);
        int midSave = 0;
        long steps = 0;
        for (int trial = 0; trial < trials; trial++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TrackerChild.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the child died; what was read is what it said
                }
            });
            reader.start();
            int killAfter = 1 + random.nextInt(40);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> lines.stream().filter(l -> l.startsWith("ACK ")).count() >= killAfter || !child.isAlive());
            // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the pipe, so the
            // reader could lose lines the child had written (an ACK, then a restored state "newer" than seen).
            child.toHandle().destroyForcibly(); // no shutdown hook, no close, maybe mid-write
            child.waitFor();
            reader.join();

            assertThat(lines).as("trial %d", trial).first().asString()
                    .isEqualTo(trial == 0 ? "READY FIRST_START" : "READY RESTORED");
            String acked = null;
            String inFlight = null;
            for (String line : lines) {
                if (line.startsWith("SAVING ")) {
                    inFlight = line.substring(7);
                } else if (line.startsWith("ACK ")) {
                    acked = line.substring(4);
                    inFlight = null;
                }
            }
            assertThat(acked).as("trial %d acknowledged no save", trial).isNotNull();
            midSave += inFlight == null ? 0 : 1;

            try (StateStore store = StateStore.directory(dir, Clock.systemUTC())) {
                PerformanceTracker restored = PerformanceTracker.builder("momentum").config(TrackerChild.config())
                        .stateStore(store).build();
                assertThat(restored.restoreResult().outcome()).as("trial %d", trial)
                        .isEqualTo(TrackerRestore.Outcome.RESTORED);
                String state = TrackerChild.describe(restored);
                assertThat(state).as("trial %d: the restored trades, baseline and equity", trial)
                        .isIn(inFlight == null ? List.of(acked) : List.of(acked, inFlight));

                // ... and everything else is what a tracker that never died would hold after as many steps
                PerformanceTracker lived = PerformanceTracker.builder("momentum").config(TrackerChild.config()).build();
                steps = restored.snapshot().tradeStats().trades();
                for (long i = 0; i < steps; i++) {
                    TrackerChild.step(lived, i);
                }
                assertThat(restored.snapshot()).as("trial %d", trial).isEqualTo(lived.snapshot());
            }
        }
        System.out.printf("tracker crash soak: %d SIGKILL trials, %d killed between SAVING and ACK, %d steps%n",
                trials, midSave, steps);
    }
}
