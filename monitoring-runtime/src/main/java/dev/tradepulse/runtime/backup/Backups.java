package dev.tradepulse.runtime.backup;

import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Backs up and restores a bot's durable data: its audit journal, its state store, its
 * configuration file and any SQLite files it registers. Each backup is a directory
 * {@code backup-<UTC time>} with a {@code MANIFEST} of every file's SHA-256 and size; it appears
 * under its final name only once complete, so a crash mid-backup leaves nothing that looks whole.
 * The journal is verified before it is copied and the copy after; SQLite files are copied with
 * {@code VACUUM INTO} (consistent while the bot writes) and checked with {@code PRAGMA integrity_check}.
 * Immutable and thread-safe; backups of one root should not run at once.
 */
public final class Backups {

    static final String PREFIX = "backup-";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final @Nullable Path journal;
    private final @Nullable JournalVerifier verifier;
    private final @Nullable Path state;
    private final @Nullable Path config;
    private final Map<String, Path> sqlite;
    private final int keep;
    private final Clock clock;

    private Backups(Builder b) {
        this.root = b.root;
        this.journal = b.journal;
        this.verifier = b.verifier;
        this.state = b.state;
        this.config = b.config;
        this.sqlite = Map.copyOf(b.sqlite);
        this.keep = b.keep;
        this.clock = b.clock;
    }

    /**
     * @param root where backups are kept, preferably another volume
     * @return a builder
     * @throws NullPointerException if {@code root} is null
     */
    public static Builder builder(Path root) {
        return new Builder(Checks.notNull(root, "root"));
    }

    /**
     * Takes a backup, then removes the oldest beyond the retention.
     *
     * @return what was copied and checked; not {@link BackupReport#ok()} if the journal did not
     *     verify or a file is damaged (the backup is kept as evidence all the same)
     * @throws IOException if a source cannot be read or the backup cannot be written; nothing
     *     partial is left under a backup's name
     */
    public BackupReport create() throws IOException {
        Files.createDirectories(root);
        String name = PREFIX + NAME.format(clock.instant());
        Path target = root.resolve(name);
        for (int n = 2; Files.exists(target); n++) {
            target = root.resolve(name + "-" + n);
        }
        Path work = Files.createTempDirectory(root, ".incomplete-");
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Manifest manifest = new Manifest(clock.instant());
        try {
            if (journal != null) {
                manifest.source("journal", journal);
                check("journal before the copy", journal, problems, notes);
                Copying.journal(journal, work.resolve("journal"));
                check("journal copy", work.resolve("journal"), problems, notes);
            }
            if (state != null) {
                manifest.source("state", state);
                Copying.state(state, work.resolve("state"));
                checkState(work.resolve("state"), problems, notes);
            }
            if (config != null) {
                manifest.source("config", config);
                Path to = work.resolve("config").resolve(config.getFileName().toString());
                Files.createDirectories(to.getParent());
                Files.copy(config, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
            for (Map.Entry<String, Path> db : sqlite.entrySet()) {
                manifest.source("sqlite " + db.getKey(), db.getValue());
                Path to = work.resolve("sqlite").resolve(db.getKey() + ".db");
                Sqlite.backup(db.getValue(), to);
                Sqlite.check("sqlite " + db.getKey(), to, problems, notes);
            }
            manifest.addFiles(work);
            manifest.write(work.resolve(Manifest.FILE));
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Copying.deleteTree(work);
            throw e;
        }
        prune();
        return new BackupReport(target, manifest.files().size(), manifest.bytes(), problems, notes);
    }

    /**
     * Checks a backup: every file against the manifest, the journal copy with the verifier, the
     * state records, the SQLite files' integrity.
     *
     * @param backup a backup directory
     * @return what was found; never throws for what is in the backup
     * @throws NullPointerException if {@code backup} is null
     */
    public BackupReport verify(Path backup) {
        Checks.notNull(backup, "backup");
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Manifest manifest;
        try {
            manifest = Manifest.read(backup.resolve(Manifest.FILE));
        } catch (IOException | RuntimeException e) {
            return new BackupReport(backup, 0, 0, List.of("no readable MANIFEST: " + e.getClass().getSimpleName()), List.of());
        }
        manifest.check(backup, problems);
        notes.add(manifest.files().size() + " files match the manifest's SHA-256 sums" + (problems.isEmpty() ? "" : " (except as listed)"));
        if (Files.isDirectory(backup.resolve("journal"))) {
            check("journal copy", backup.resolve("journal"), problems, notes);
        }
        for (Map.Entry<String, Path> source : manifest.sources().entrySet()) {
            if (source.getKey().startsWith("sqlite ")) {
                Path db = backup.resolve("sqlite").resolve(source.getKey().substring(7) + ".db");
                Sqlite.check(source.getKey(), db, problems, notes);
            }
        }
        return new BackupReport(backup, manifest.files().size(), manifest.bytes(), problems, notes);
    }

    /**
     * Restores a backup into this configuration's places, after it verifies. The places must be
     * absent or empty: a restore never mixes a backup with what is there.
     *
     * @param backup a backup directory
     * @return the backup's check and the checks of what was restored
     * @throws NullPointerException if {@code backup} is null
     * @throws IllegalStateException if the backup does not verify, or a place is not empty
     * @throws IOException if copying fails
     */
    public BackupReport restore(Path backup) throws IOException {
        BackupReport check = verify(backup);
        if (!check.ok()) {
            throw new IllegalStateException("the backup " + backup + " does not verify, so it is not restored: "
                    + String.join("; ", check.problems()));
        }
        Map<Path, Path> plan = new LinkedHashMap<>();
        if (journal != null && Files.isDirectory(backup.resolve("journal"))) {
            plan.put(backup.resolve("journal"), journal);
        }
        if (state != null && Files.isDirectory(backup.resolve("state"))) {
            plan.put(backup.resolve("state"), state);
        }
        if (config != null) {
            Path c = backup.resolve("config").resolve(config.getFileName().toString());
            if (Files.exists(c)) {
                plan.put(c, config);
            }
        }
        for (Map.Entry<String, Path> db : sqlite.entrySet()) {
            Path c = backup.resolve("sqlite").resolve(db.getKey() + ".db");
            if (Files.exists(c)) {
                plan.put(c, db.getValue());
            }
        }
        for (Path to : plan.values()) {
            if (Files.isRegularFile(to) || (Files.isDirectory(to) && !Copying.isEmpty(to))) {
                throw new IllegalStateException(to + " is not empty; move it away (or wipe it) before restoring into it");
            }
        }
        List<String> problems = new ArrayList<>(check.problems());
        List<String> notes = new ArrayList<>(check.notes());
        for (Map.Entry<Path, Path> p : plan.entrySet()) {
            if (Files.isDirectory(p.getKey())) {
                Copying.tree(p.getKey(), p.getValue());
            } else {
                Files.createDirectories(p.getValue().toAbsolutePath().getParent());
                Files.copy(p.getKey(), p.getValue());
            }
            notes.add("restored " + p.getValue());
        }
        if (journal != null && plan.containsValue(journal)) {
            check("restored journal", journal, problems, notes);
        }
        if (state != null && plan.containsValue(state)) {
            checkState(state, problems, notes);
        }
        return new BackupReport(backup, check.files(), check.bytes(), problems, notes);
    }

    /**
     * @return the newest complete backup, if any
     * @throws IOException if the root cannot be listed
     */
    public Optional<Path> latest() throws IOException {
        List<Path> all = backups();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * @return the complete backups, oldest first
     * @throws IOException if the root cannot be listed
     */
    public List<Path> backups() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).sorted().toList();
        }
    }

    private void prune() throws IOException {
        List<Path> all = backups();
        for (int i = 0; i < all.size() - keep; i++) {
            Copying.deleteTree(all.get(i));
        }
    }

    private void check(String what, Path dir, List<String> problems, List<String> notes) {
        if (verifier == null) {
            return;
        }
        Verification v = verifier.live().verify(dir);
        if (v.ok()) {
            notes.add(what + " verifies: " + v.summary());
        } else {
            problems.add(what + " does not verify: " + v.summary());
        }
    }

    private static void checkState(Path dir, List<String> problems, List<String> notes) {
        List<String> keys = Copying.stateKeys(dir);
        try (StateStore store = StateStore.directory(dir, Clock.systemUTC())) {
            for (String key : keys) {
                StateRecord r = store.read(key);
                if (r.status() != StateRecord.Status.OK) {
                    problems.add("state record " + key + " is " + r.status() + ": " + r.problem());
                }
            }
            notes.add(keys.size() + " state records read back");
        } catch (IOException e) {
            problems.add("the state directory " + dir + " cannot be opened: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(dir.resolve(StateStore.LOCK_FILE));
            } catch (IOException ignored) {
                // a leftover lock file is harmless
            }
        }
    }

    /** Builds {@link Backups}; not thread-safe. */
    public static final class Builder {
        private final Path root;
        private @Nullable Path journal;
        private @Nullable JournalVerifier verifier;
        private @Nullable Path state;
        private @Nullable Path config;
        private final Map<String, Path> sqlite = new LinkedHashMap<>();
        private int keep = 14;
        private Clock clock = Clock.systemUTC();

        private Builder(Path root) {
            this.root = root;
        }

        /**
         * @param dir the journal's directory
         * @param verifier how to verify it (with the key, if there is one)
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder journal(Path dir, JournalVerifier verifier) {
            this.journal = Checks.notNull(dir, "dir");
            this.verifier = Checks.notNull(verifier, "verifier");
            return this;
        }

        /**
         * @param dir the state store's directory
         * @return this builder
         * @throws NullPointerException if {@code dir} is null
         */
        public Builder state(Path dir) {
            this.state = Checks.notNull(dir, "dir");
            return this;
        }

        /**
         * @param file the configuration file
         * @return this builder
         * @throws NullPointerException if {@code file} is null
         */
        public Builder config(Path file) {
            this.config = Checks.notNull(file, "file");
            return this;
        }

        /**
         * @param name a name for it in the backup: {@code a-z 0-9 - _}
         * @param database the SQLite file; needs {@code org.xerial:sqlite-jdbc} on the class path
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the name is malformed or used twice
         */
        public Builder sqlite(String name, Path database) {
            Checks.notNull(name, "name");
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new IllegalArgumentException("name must be 1 to 64 characters of a-z 0-9 - _, but was " + name);
            }
            if (sqlite.putIfAbsent(name, Checks.notNull(database, "database")) != null) {
                throw new IllegalArgumentException("name used twice: " + name);
            }
            return this;
        }

        /**
         * @param backups how many backups to keep, the newest; at least 1 (default 14)
         * @return this builder
         * @throws IllegalArgumentException if {@code backups < 1}
         */
        public Builder keep(int backups) {
            if (backups < 1) {
                throw new IllegalArgumentException("backups must be >= 1, but was " + backups);
            }
            this.keep = backups;
            return this;
        }

        /**
         * @param clock names backups by its time
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** @return the backups; nothing is touched until {@link Backups#create()} */
        public Backups build() {
            return new Backups(this);
        }
    }
}
