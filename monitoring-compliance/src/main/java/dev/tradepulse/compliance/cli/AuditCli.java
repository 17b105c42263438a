package dev.tradepulse.compliance.cli;

import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalExporter;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.witness.Witnesses;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The auditor's command line.
 *
 * <pre>
 * java -jar monitoring-compliance-VERSION-cli.jar verify DIR [--hmac-key-file F | --ed25519-public-key-file F] [--live]
 *                                                          [--witness FILE|URL]
 * java -jar monitoring-compliance-VERSION-cli.jar export DIR [--type T]... [--actor A] [--from TIME] [--to TIME]
 *                                                          [--format jsonl|csv] [--out FILE]
 * </pre>
 * TIME is an ISO-8601 instant ({@code 2026-12-01T09:30:00Z}) or a date ({@code 2026-12-01}, the
 * start of that day in UTC). Exit status: 0 verified (or exported), 1 verification failed, 2 bad
 * usage or unreadable input (a missing directory included); 1 means nothing but a failed verification.
 */
public final class AuditCli {

    private AuditCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI without exiting.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: verify DIR [--hmac-key-file F | --ed25519-public-key-file F]"
                        + " [--live] [--witness FILE|URL] | export DIR [--type T]... [--actor A] [--from ISO] [--to ISO] [--format jsonl|csv]"
                        + " [--out FILE]");
            }
            if (!args[0].equals("verify") && !args[0].equals("export")) {
                throw new Usage("unknown command: " + args[0] + " (verify or export)");
            }
            Path dir = Path.of(args[1]);
            if (!Files.exists(dir)) {
                err.println("error: no such directory: " + dir);
                return 2;
            }
            if (!Files.isDirectory(dir)) {
                err.println("error: not a directory: " + dir);
                return 2;
            }
            return switch (args[0]) {
                case "verify" -> verify(dir, args, out);
                case "export" -> export(dir, args, out, err);
                default -> throw new IllegalArgumentException("unknown command: " + args[0] + " (verify or export)");
            };
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getMessage());
            return 2;
        } catch (Usage e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // Anything else is unreadable input too: exit 1 must keep meaning "verification failed".
            err.println("error: " + e);
            return 2;
        }
    }

    private static int verify(Path dir, String[] args, PrintStream out) throws IOException,
            GeneralSecurityException {
        JournalVerifier verifier = JournalVerifier.withoutKey();
        boolean live = false;
        String witness = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--hmac-key-file" -> verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(
                        HexFormat.of().parseHex(Files.readString(Path.of(value(args, ++i))).strip())));
                case "--ed25519-public-key-file" -> {
                    byte[] der = Base64.getMimeDecoder().decode(Files.readString(Path.of(value(args, ++i)))
                            .replaceAll("-----[A-Z ]+-----", "").strip());
                    verifier = JournalVerifier.withKey(Checkpoints.ed25519Verifier(
                            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der))));
                }
                case "--live" -> live = true;
                case "--witness" -> witness = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (live) {
            verifier = verifier.live();
        }
        if (witness != null) {
            Witness w = witness.startsWith("http://") || witness.startsWith("https://")
                    ? Witnesses.http(URI.create(witness)) : Witnesses.file(Path.of(witness));
            WitnessedHead head = w.latest().orElseThrow(() -> new IllegalArgumentException(
                    "the witness holds no head: " + w));
            verifier = verifier.witnessed(head);
        }
        Verification result = verifier.verify(dir);
        out.println(result.summary());
        return result.ok() ? 0 : 1;
    }

    private static int export(Path dir, String[] args, PrintStream out, PrintStream err) throws IOException {
        Set<String> types = new HashSet<>();
        String actor = null;
        Instant from = null;
        Instant to = null;
        JournalExporter.Format format = JournalExporter.Format.JSONL;
        Path file = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--type" -> types.add(value(args, ++i));
                case "--actor" -> actor = value(args, ++i);
                case "--from" -> from = time("--from", value(args, ++i));
                case "--to" -> to = time("--to", value(args, ++i));
                case "--format" -> format = format(value(args, ++i));
                case "--out" -> file = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        JournalExporter exporter = new JournalExporter(types, actor, from, to);
        long n;
        if (file == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            n = exporter.export(dir, format, w);
        } else {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                n = exporter.export(dir, format, w);
            }
        }
        err.println("exported " + n + " events");
        return 0;
    }

    /** Bad usage, said in words: printed without the exception's class name. */
    private static final class Usage extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    private static Instant time(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new Usage(option + " must be an ISO-8601 instant or date, such as 2026-12-01T00:00:00Z or "
                        + "2026-12-01, got: " + text);
            }
        }
    }

    private static JournalExporter.Format format(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> JournalExporter.Format.JSONL;
            case "csv" -> JournalExporter.Format.CSV;
            default -> throw new Usage("--format must be jsonl or csv, got: " + text);
        };
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
