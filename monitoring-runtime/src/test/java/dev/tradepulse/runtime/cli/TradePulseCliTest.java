package dev.tradepulse.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradePulseCliTest {

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TradePulseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void backupVerifyAndRestoreFromTheCommandLineWithExitStatusesAnOperatorCanScript() throws Exception {
        byte[] key = "a command line drill key 32 byte".getBytes(StandardCharsets.US_ASCII);
        Path keyFile = tmp.resolve("audit.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n");
        Path journal = tmp.resolve("data/audit");
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(journal).signer(Checkpoints.hmacSigner(key)).build()) {
            audit.userAction("login", Actor.of("ops"), Map.of());
        }
        String into = tmp.resolve("backups").toString();
        Result made = run("backup", "--into", into, "--journal", journal.toString(), "--hmac-key-file", keyFile.toString());
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(made.out()).startsWith("OK ").contains("journal copy verifies");

        Result verified = run("backup", "--into", into, "--verify", "LATEST", "--hmac-key-file", keyFile.toString());
        assertThat(verified.status()).as(verified.out()).isZero();

        Path copy;
        try (Stream<Path> s = Files.walk(Path.of(into))) {
            copy = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        Files.writeString(copy, Files.readString(copy).replace("login", "logout"));
        Result tampered = run("backup", "--into", into, "--verify", "LATEST", "--hmac-key-file", keyFile.toString());
        assertThat(tampered.status()).isEqualTo(1);
        assertThat(tampered.out()).startsWith("FAILED ").contains("PROBLEM: ");

        Result refused = run("restore", "--into", into, "LATEST", "--journal", tmp.resolve("elsewhere").toString(),
                "--hmac-key-file", keyFile.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("does not verify, so it is not restored");
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhatIsMissing() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("backup").err()).contains("--into ROOT is required");
        assertThat(run("frobnicate").err()).contains("unknown command: frobnicate");
        assertThat(run("backup", "--into", tmp.toString(), "--keep").err()).contains("--keep needs a value");
        assertThat(run("restore", "--into", tmp.toString(), "LATEST").err()).contains("there is no backup yet");
        assertThat(run("help").status()).isZero();
    }

    @Test
    void configCheckPrintsTheEffectiveConfigurationWithOriginsAndNeverASecret() throws Exception {
        Path file = tmp.resolve("tradepulse.yml");
        Files.writeString(file, "app: desk-7\nalerts:\n  slack:\n    webhook: https://hooks.slack.com/services/T0/B0/sekrit\n");
        Result r = run("config", "check", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("app = desk-7").contains(file + ":1")
                .contains("alerts.slack.webhook = ******").doesNotContain("sekrit");
    }

    @Test
    void configCheckOfAFileWithATypoFailsWithTheLineAndTheNearestKey() throws Exception {
        Path file = tmp.resolve("tradepulse.yml");
        Files.writeString(file, "server:\n  prot: 9000\n");
        Result r = run("config", "check", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("server.prot").contains(file + ":2").contains("did you mean server.port?");
    }

    @Test
    void theConfigurationReferenceInDocsIsTheOneTheCodeGenerates() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        Result r = run("config", "reference");
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(doc, r.out());
        }
        assertThat(Files.readString(doc))
                .as("docs/configuration.md is stale; regenerate: ./mvnw -pl monitoring-runtime -am test "
                        + "-Dtest=TradePulseCliTest -Ddocs.update=true -Dsurefire.failIfNoSpecifiedTests=false")
                .isEqualTo(r.out());
    }

    @Test
    void verifyIsTheAuditCommandLinesOwn() throws Exception {
        Result r = run("verify", tmp.resolve("absent").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err() + r.out()).contains("absent");
    }
}
