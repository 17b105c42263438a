package dev.tradepulse.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.verify.Verification.Reason;
import dev.tradepulse.test.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Every way of tampering the issue names is detected, and the verifier says where. */
class TamperDetectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));

    @BeforeEach
    void writeJournal() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).clock(clock).instance("t")
                .signer(Checkpoints.hmacSigner(Journals.KEY)).checkpointEvery(5, Duration.ofHours(1))
                .rotateAtBytes(4096).build()) {
            for (int i = 0; i < 40; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.PLACED, Actor.of("s1"), "o-" + i, "BTCUSDT", "BUY", 1, 100 + i, "x");
                clock.advance(Duration.ofMillis(10));
            }
        }
        assertThat(verifier.verify(dir).ok()).as(verifier.verify(dir).summary()).isTrue();
    }

    private Path file(int n) throws Exception {
        return Journals.files(dir).get(n);
    }

    private List<String> read(Path p) throws Exception {
        return new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
    }

    private void write(Path p, List<String> lines) throws Exception {
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private Verification.Problem problem() {
        Verification v = verifier.verify(dir);
        assertThat(v.ok()).as("verification should fail").isFalse();
        return v.problem().orElseThrow();
    }

    @Test
    void the_journal_spans_several_files() throws Exception {
        assertThat(Journals.files(dir)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void flipping_one_byte_is_a_modified_line_at_that_line() throws Exception {
        Path p = file(0);
        byte[] bytes = Files.readAllBytes(p);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"o-3\"") + 3;
        bytes[at] = (byte) '7';
        Files.write(p, bytes);

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.MODIFIED_LINE);
        assertThat(problem.file()).isEqualTo(p.getFileName().toString());
        assertThat(read(p).get((int) problem.line() - 1)).contains("\"o-7\"");
    }

    @Test
    void deleting_a_line_is_reported_with_the_missing_seq() throws Exception {
        Path p = file(0);
        List<String> lines = read(p);
        lines.remove(3);
        write(p, lines);

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.DELETED_LINES);
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).startsWith("seq 4 missing");
    }

    @Test
    void swapping_two_lines_is_reported_as_reordered() throws Exception {
        Path p = file(0);
        List<String> lines = read(p);
        String a = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, a);
        write(p, lines);

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isIn(Reason.DELETED_LINES, Reason.REORDERED_LINES);
        assertThat(problem.line()).isIn(3L, 4L);
    }

    @Test
    void truncating_back_to_an_earlier_checkpoint_is_detected() throws Exception {
        // Cut the journal right after its last checkpoint but the closing one, deleting later files.
        List<Path> files = Journals.files(dir);
        Path cutFile = null;
        int cutLine = -1;
        for (Path p : files) {
            List<String> lines = read(p);
            boolean lastFile = p.equals(files.get(files.size() - 1));
            for (int i = 0; i < lines.size() - (lastFile ? 1 : 0); i++) {
                if (lines.get(i).contains("\"type\":\"CHECKPOINT\"")) {
                    cutFile = p;
                    cutLine = i;
                }
            }
        }
        write(cutFile, read(cutFile).subList(0, cutLine + 1));
        for (Path p : files.subList(files.indexOf(cutFile) + 1, files.size())) {
            Files.delete(p);
        }

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.TRUNCATED_AFTER_CHECKPOINT);
        assertThat(problem.file()).isEqualTo(cutFile.getFileName().toString());
        assertThat(problem.line()).isEqualTo(cutLine + 1);
        assertThat(problem.message()).contains("without a closing checkpoint");
    }

    @Test
    void a_cut_last_line_is_a_torn_tail() throws Exception {
        Path last = file(Journals.files(dir).size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        assertThat(problem().reason()).isEqualTo(Reason.TORN_TAIL);
    }

    @Test
    void dropping_a_rotated_file_is_a_missing_file() throws Exception {
        Files.delete(file(1));

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.MISSING_FILE);
        assertThat(problem.message()).contains("file number 2 is missing");
    }

    @Test
    void dropping_the_first_file_is_a_missing_file_at_the_start() throws Exception {
        Files.delete(file(0));

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.MISSING_FILE);
        assertThat(problem.message()).contains("no retention record accounts for the earlier lines");
    }

    @Test
    void rewriting_the_whole_chain_without_the_key_fails_on_the_first_signature() throws Exception {
        MessageDigest sha = JournalFiles.sha256();
        String prev = JournalFiles.GENESIS;
        byte[] wrongKey = "attacker-key-attacker-key-attacker".getBytes(StandardCharsets.US_ASCII);
        for (Path p : Journals.files(dir)) {
            List<String> out = new ArrayList<>();
            for (String line : read(p)) {
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                node.remove("mac"); // tags cannot be made without the key: the forger drops them
                node.put("prev", prev);
                if (node.path("type").asText().equals("ORDER_EVENT")) {
                    ((ObjectNode) node.get("details")).put("price", 1.0); // the forgery
                }
                if (node.path("type").asText().equals("CHECKPOINT")) {
                    ObjectNode d = (ObjectNode) node.get("details");
                    d.put("head", prev);
                    d.put("sig", Base64.getEncoder().encodeToString(Checkpoints.hmacSigner(wrongKey)
                            .sign(Checkpoints.signatureInput(node.get("seq").asLong() - 1, prev))));
                }
                String rewritten = JSON.writeValueAsString(node);
                out.add(rewritten);
                byte[] b = rewritten.getBytes(StandardCharsets.UTF_8);
                prev = JournalFiles.hashHex(sha, b, 0, b.length);
            }
            write(p, out);
        }
        assertThat(JournalVerifier.withoutKey().verify(dir).ok()).as("without the key the forgery passes").isTrue();

        Verification.Problem problem = problem();
        assertThat(problem.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(problem.file()).isEqualTo(file(0).getFileName().toString());
        assertThat(read(file(0)).get((int) problem.line() - 1)).contains("\"type\":\"CHECKPOINT\"");
    }

    @Test
    void ed25519_checkpoints_verify_with_the_public_key_and_fail_with_another() throws Exception {
        Path ed = dir.resolve("ed");
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        KeyPair pair = gen.generateKeyPair();
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(ed)
                .signer(Checkpoints.ed25519Signer(pair.getPrivate())).build()) {
            audit.userAction("login", Actor.of("u1"), Map.of());
        }
        assertThat(JournalVerifier.withKey(Checkpoints.ed25519Verifier(pair.getPublic())).verify(ed).ok()).isTrue();
        Verification other = JournalVerifier.withKey(Checkpoints.ed25519Verifier(gen.generateKeyPair().getPublic()))
                .verify(ed);
        assertThat(other.problem().orElseThrow().reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }
}
