package dev.tradepulse.kafka.cli;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.kafka.FleetReport;
import dev.tradepulse.kafka.InstanceReport;
import dev.tradepulse.kafka.KafkaJournalVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code verify-kafka}: verifies every instance's journal from the topic and prints one line per
 * instance. Exit status 0 when every instance is clean, 1 when one has a gap, tampering or is
 * stale, 2 on a usage or connection error.
 *
 * <pre>
 * java -cp monitoring-kafka.jar:... dev.tradepulse.kafka.cli.VerifyKafka --bootstrap HOST:PORT
 *     [--topic T] [--hmac-key-file F] [--state-dir D] [--stale-after PT1H] [--timeout PT60S]
 * </pre>
 *
 * With {@code --state-dir} the offsets and chain heads are kept there, and each run goes on from
 * the last. The key file holds the raw HMAC root key (at least 32 bytes). Stateless; one run per call.
 */
public final class VerifyKafka {

    private VerifyKafka() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     * @param out where the report goes
     * @param err where errors go
     * @return the exit status: 0 clean, 1 problems found, 2 usage or connection error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("usage: verify-kafka --bootstrap HOST:PORT [--topic T] [--hmac-key-file F] "
                        + "[--state-dir D] [--stale-after PT1H] [--timeout PT60S]");
                return 2;
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        String bootstrap = opts.get("bootstrap");
        if (bootstrap == null) {
            err.println("verify-kafka: --bootstrap is required");
            return 2;
        }
        @Nullable StateStore store = null;
        try {
            KafkaJournalVerifier.Builder b = KafkaJournalVerifier.builder().bootstrapServers(bootstrap);
            if (opts.containsKey("topic")) {
                b.topic(opts.get("topic"));
            }
            if (opts.containsKey("hmac-key-file")) {
                b.hmacKey(Files.readAllBytes(Path.of(opts.get("hmac-key-file"))));
            }
            if (opts.containsKey("stale-after")) {
                b.staleAfter(Duration.parse(opts.get("stale-after")));
            }
            if (opts.containsKey("state-dir")) {
                store = StateStore.directory(Path.of(opts.get("state-dir")), Clock.systemUTC());
                b.stateStore(store, "kafka-verifier");
            }
            Duration timeout = Duration.parse(opts.getOrDefault("timeout", "PT60S"));
            FleetReport report;
            try (KafkaJournalVerifier verifier = b.build()) {
                report = verifier.catchUp(timeout);
            }
            for (InstanceReport r : report.instances()) {
                out.println((r.clean() ? "OK   " : "FAIL ") + r.origin() + " events=" + r.events() + " last_seq="
                        + r.lastVerifiedSeq() + " gaps=" + r.gaps() + " tampering=" + r.tampering().size()
                        + " duplicates_dropped=" + r.duplicatesDropped() + " last_checkpoint="
                        + r.lastCheckpoint().map(Object::toString).orElse("none") + (r.stale() ? " STALE" : ""));
                for (InstanceReport.Tampering t : r.tampering()) {
                    out.println("     seq " + t.seq() + ": " + t.problem());
                }
            }
            out.println((report.clean() ? "verified" : "NOT verified") + ": " + report.instances().size()
                    + " instances, offsets " + report.offsets() + (report.caughtUp() ? "" : " (timed out before the end)"));
            return report.clean() ? 0 : 1;
        } catch (IOException | DateTimeParseException e) {
            err.println("verify-kafka: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("verify-kafka: " + LogText.describe(e));
            return 2;
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
