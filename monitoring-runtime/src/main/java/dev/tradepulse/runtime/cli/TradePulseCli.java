package dev.tradepulse.runtime.cli;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.cli.AuditCli;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.runtime.backup.BackupReport;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.backup.Backups;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigException;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.runtime.config.ConfigReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's command line.
 *
 * <pre>
 * tradepulse config check FILE
 * tradepulse config reference
 * tradepulse verify|export DIR ...   (the audit CLI's commands)
 * tradepulse backup  --into ROOT [--journal DIR [--hmac-key-file F]] [--state DIR] [--config FILE]
 *                    [--sqlite NAME=FILE]... [--keep N]
 * tradepulse backup  --into ROOT --verify LATEST|DIR [--hmac-key-file F]
 * tradepulse restore --into ROOT LATEST|DIR [--journal DIR [--hmac-key-file F]] [--state DIR] [--config FILE]
 *                    [--sqlite NAME=FILE]...
 * </pre>
 * Exit status: 0 done and verified, 1 a backup or restore that does not verify, 2 bad usage or an
 * I/O failure. A restore writes only into absent or empty places, and only a backup that verifies.
 */
public final class TradePulseCli {

    private TradePulseCli() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs without exiting.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: tradepulse backup|restore ... (see --help)");
            }
            return switch (args[0]) {
                case "backup" -> backup(args, out);
                case "config" -> config(args, out, err);
                case "verify", "export" -> AuditCli.run(args, out, err);
                case "restore" -> restore(args, out);
                case "--help", "help" -> {
                    out.println(usage());
                    yield 0;
                }
                default -> throw new IllegalArgumentException("unknown command: " + clean(args[0]) + "\n" + usage());
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("tradepulse: " + clean(String.valueOf(e.getMessage())));
            return e instanceof IllegalStateException ? 1 : 2;
        } catch (IOException e) {
            err.println("tradepulse: " + e.getClass().getSimpleName() + ": " + clean(String.valueOf(e.getMessage())));
            return 2;
        }
    }

    /** {@code config check FILE} validates and prints the effective config; {@code config reference} prints every key. */
    private static int config(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 2 && args[1].equals("reference")) {
            out.print(ConfigReference.markdown(RuntimeSchema.schema()));
            return 0;
        }
        if (args.length != 3 || !args[1].equals("check")) {
            throw new IllegalArgumentException("usage: tradepulse config check FILE | tradepulse config reference");
        }
        Path file = Path.of(args[2]);
        try {
            Config config = ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(System.getenv())
                    .systemProperties(System.getProperties()).load();
            out.println("# " + clean(file.toString()) + ": valid, profile " + config.profile()
                    + "; every value with where it came from, secrets as ******");
            config.describe().forEach(out::println);
            return 0;
        } catch (ConfigException e) {
            err.println("tradepulse: " + clean(file.toString()) + " is not valid:");
            e.problems().forEach(p -> err.println("  - " + p));
            return 1;
        }
    }

    private static String usage() {
        return """
                tradepulse config check FILE      validate a config and print the effective, redacted values
                tradepulse config reference       print every key with its default (docs/configuration.md)
                tradepulse verify DIR [--hmac-key-file F] [--witness W] [--live]   verify an audit journal
                tradepulse export DIR [--type T] [--actor A] [--from T] [--to T]  export audit events
                tradepulse backup  --into ROOT [--journal DIR [--hmac-key-file F]] [--state DIR] [--config FILE]
                                   [--sqlite NAME=FILE]... [--keep N]
                tradepulse backup  --into ROOT --verify LATEST|DIR [--hmac-key-file F]
                tradepulse restore --into ROOT LATEST|DIR [--journal DIR [--hmac-key-file F]] [--state DIR]
                                   [--config FILE] [--sqlite NAME=FILE]...""";
    }

    private record Parsed(Backups backups, Optional<String> verify, Optional<String> positional) {
    }

    private static Parsed parse(String[] args) throws IOException {
        Path into = null;
        Path journal = null;
        byte[] key = null;
        Path state = null;
        Path config = null;
        Integer keep = null;
        String verify = null;
        String positional = null;
        Map<String, Path> sqlite = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--into" -> into = Path.of(value(args, ++i));
                case "--journal" -> journal = Path.of(value(args, ++i));
                case "--hmac-key-file" -> key = HexFormat.of().parseHex(Files.readString(Path.of(value(args, ++i))).strip());
                case "--state" -> state = Path.of(value(args, ++i));
                case "--config" -> config = Path.of(value(args, ++i));
                case "--keep" -> keep = Integer.parseInt(value(args, ++i));
                case "--verify" -> verify = value(args, ++i);
                case "--sqlite" -> {
                    String v = value(args, ++i);
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--sqlite needs NAME=FILE, got " + clean(v));
                    }
                    sqlite.put(v.substring(0, eq), Path.of(v.substring(eq + 1)));
                }
                default -> {
                    if (args[i].startsWith("--") || positional != null) {
                        throw new IllegalArgumentException("unknown option: " + clean(args[i]));
                    }
                    positional = args[i];
                }
            }
        }
        if (into == null) {
            throw new IllegalArgumentException("--into ROOT is required (where backups are kept)");
        }
        JournalVerifier verifier = key == null ? JournalVerifier.withoutKey()
                : JournalVerifier.withKey(Checkpoints.hmacVerifier(key));
        Backups.Builder b = Backups.builder(into);
        if (journal != null) {
            b.journal(journal, verifier);
        } else if (key != null) {
            // --verify with a key but no journal place: the key still checks the backup's journal copy.
            b.journal(into.resolve(".no-journal"), verifier);
        }
        if (state != null) {
            b.state(state);
        }
        if (config != null) {
            b.config(config);
        }
        sqlite.forEach(b::sqlite);
        if (keep != null) {
            b.keep(keep);
        }
        return new Parsed(b.build(), Optional.ofNullable(verify), Optional.ofNullable(positional));
    }

    private static int backup(String[] args, PrintStream out) throws IOException {
        Parsed p = parse(args);
        if (p.positional().isPresent()) {
            throw new IllegalArgumentException("unknown argument: " + clean(p.positional().get()));
        }
        BackupReport report;
        if (p.verify().isPresent()) {
            report = p.backups().verify(resolve(p.backups(), p.verify().get()));
        } else {
            report = p.backups().create();
        }
        print(report, out);
        return report.ok() ? 0 : 1;
    }

    private static int restore(String[] args, PrintStream out) throws IOException {
        Parsed p = parse(args);
        String which = p.positional().orElseThrow(() -> new IllegalArgumentException("restore needs LATEST or a backup directory"));
        BackupReport report = p.backups().restore(resolve(p.backups(), which));
        print(report, out);
        return report.ok() ? 0 : 1;
    }

    private static Path resolve(Backups backups, String which) throws IOException {
        if (which.equals("LATEST")) {
            return backups.latest().orElseThrow(() -> new IllegalArgumentException("there is no backup yet"));
        }
        return Path.of(which);
    }

    private static void print(BackupReport r, PrintStream out) {
        out.println((r.ok() ? "OK " : "FAILED ") + r.directory() + " (" + r.files() + " files, " + r.bytes() + " bytes)");
        for (String n : r.notes()) {
            out.println("  " + clean(n));
        }
        for (String problem : r.problems()) {
            out.println("  PROBLEM: " + clean(problem));
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String clean(String s) {
        return s.replaceAll("[\\p{Cntrl}&&[^\n]]", "?");
    }
}
