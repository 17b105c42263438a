package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing in GROUP_COMMIT mode is killed with SIGKILL at random moments, 20 times
 * over the same journal. Every event acknowledged before a kill must be there after reopening,
 * and the chain must verify.
 */
class CrashRecoveryTest {

    private static final Pattern KEY = Pattern.compile("\"k\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void every_acknowledged_event_survives_sigkill_and_the_chain_verifies_after_each_crash() throws Exception {
        Random random = new Random(20261122);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int trials = Integer.getInteger("crash.trials", 20); // benchmarks/scripts/audit-kill-soak.sh runs 100
        for (int trial = 0; trial < trials; trial++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), "r" + trial, "4")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Set<String> acks = ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("ACK ")) {
                            acks.add(line.substring(4));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child died; what was read is what was acknowledged
                }
            });
            reader.start();
            int killAfter = 20 + random.nextInt(400);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= killAfter || !child.isAlive());
            child.toHandle().destroyForcibly(); // SIGKILL, keeping our end of the pipe open: every ack written is read
            child.waitFor();
            reader.join();
            assertThat(acks).as("trial %d wrote nothing; is the child failing to start?", trial).isNotEmpty();
            acknowledged.addAll(acks);

            // Reopening recovers any torn tail; closing leaves a clean journal to verify.
            ComplianceLogger.builder().directory(dir).instance("verify").signer(Checkpoints.hmacSigner(Journals.KEY))
                    .build().close();
            Verification v = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY)).verify(dir);
            assertThat(v.ok()).as("trial %d: %s", trial, v.summary()).isTrue();
        }
        Set<String> inJournal = ConcurrentHashMap.newKeySet();
        for (String line : Journals.lines(dir)) {
            Matcher m = KEY.matcher(line);
            if (m.find()) {
                inJournal.add(m.group(1));
            }
        }
        Set<String> lost = ConcurrentHashMap.newKeySet();
        lost.addAll(acknowledged);
        lost.removeAll(inJournal);
        System.out.printf("crash soak: %d SIGKILL trials, %d acknowledged events, %d lost%n", trials,
                acknowledged.size(), lost.size());
        assertThat(acknowledged).hasSizeGreaterThan(trials * 20);
        assertThat(lost).isEmpty();
    }
}
