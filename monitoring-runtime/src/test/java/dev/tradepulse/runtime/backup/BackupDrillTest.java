package dev.tradepulse.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.verify.JournalVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupDrillTest {

    private static final byte[] KEY = "a backup drill key of 32 bytes..".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    Path journal;
    Path state;
    Path config;
    Path db;
    Path root;

    @BeforeEach
    void aBotWithAJournalStateConfigAndADatabase() throws Exception {
        journal = tmp.resolve("data/audit");
        state = tmp.resolve("data/state");
        config = tmp.resolve("tradepulse.yml");
        db = tmp.resolve("data/trades.db");
        root = tmp.resolve("backups");
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(journal).signer(Checkpoints.hmacSigner(KEY)).build()) {
            for (int i = 0; i < 50; i++) {
                audit.userAction("order-" + i, Actor.of("ops"), Map.of("qty", i));
            }
        }
        try (StateStore store = StateStore.directory(state, Clock.systemUTC())) {
            store.write("kill-switch.momentum", 1, "HALTED".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(config, "server:\n  port: 8080\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("create table trades(id integer primary key, symbol text)");
            s.execute("insert into trades(symbol) values ('BTCUSDT'), ('ETHUSDT')");
        }
    }

    private Backups backups(Clock clock) {
        return Backups.builder(root).journal(journal, JournalVerifier.withKey(Checkpoints.hmacVerifier(KEY)))
                .state(state).config(config).sqlite("trades", db).keep(2).clock(clock).build();
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void backUpWipeRestoreAndVerifyGivesBackTheJournalTheHaltAndTheTrades() throws Exception {
        Backups b = backups(at("2026-12-01T10:00:00Z"));
        BackupReport made = b.create();
        assertThat(made.ok()).as(made.problems().toString()).isTrue();
        assertThat(made.directory().getFileName().toString()).isEqualTo("backup-20261201T100000Z");
        assertThat(made.notes()).anyMatch(n -> n.startsWith("journal before the copy verifies"))
                .anyMatch(n -> n.startsWith("journal copy verifies")).anyMatch(n -> n.contains("integrity_check"));
        assertThat(b.latest()).contains(made.directory());
        assertThat(b.verify(made.directory()).ok()).isTrue();

        deleteTree(tmp.resolve("data"));
        Files.delete(config);

        BackupReport restored = b.restore(made.directory());
        assertThat(restored.ok()).as(restored.problems().toString()).isTrue();
        assertThat(restored.notes()).anyMatch(n -> n.startsWith("restored journal verifies"));
        assertThat(JournalVerifier.withKey(Checkpoints.hmacVerifier(KEY)).verify(journal).ok()).isTrue();
        try (StateStore store = StateStore.directory(state, Clock.systemUTC())) {
            StateRecord r = store.read("kill-switch.momentum");
            assertThat(r.status()).isEqualTo(StateRecord.Status.OK);
            assertThat(new String(r.payload(), StandardCharsets.US_ASCII)).isEqualTo("HALTED");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from trades")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
        assertThat(Files.readString(config)).contains("port: 8080");
    }

    @Test
    void aBackupWithAnAlteredFileFailsItsCheckAndIsNeverRestored() throws Exception {
        Backups b = backups(at("2026-12-01T10:00:00Z"));
        Path dir = b.create().directory();
        Path copy;
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            copy = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        String text = Files.readString(copy);
        Files.writeString(copy, text.replace("order-7", "order-8"));
        BackupReport check = b.verify(dir);
        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).anyMatch(p -> p.contains("differs from the manifest"))
                .anyMatch(p -> p.startsWith("journal copy does not verify"));
        deleteTree(tmp.resolve("data"));
        assertThatThrownBy(() -> b.restore(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not verify, so it is not restored");
        assertThat(journal).doesNotExist();
    }

    @Test
    void aRestoreNeverMixesABackupWithWhatIsThere() throws Exception {
        Backups b = backups(at("2026-12-01T10:00:00Z"));
        Path dir = b.create().directory();
        assertThatThrownBy(() -> b.restore(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not empty; move it away");
    }

    @Test
    void aLineTheWriterIsAppendingIsLeftForTheNextBackupNotCopiedTorn() throws Exception {
        Path active;
        try (Stream<Path> s = Files.list(journal)) {
            active = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().reduce((a, c) -> c).orElseThrow();
        }
        Files.writeString(active, "{\"seq\":999,\"type\":\"half", StandardOpenOption.APPEND);
        BackupReport made = backups(at("2026-12-01T10:00:00Z")).create();
        assertThat(made.notes()).anyMatch(n -> n.startsWith("journal copy verifies"));
        assertThat(Files.readString(made.directory().resolve("journal").resolve(active.getFileName()))).doesNotContain("half");
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws Exception {
        Path first = backups(at("2026-12-01T10:00:00Z")).create().directory();
        Path second = backups(at("2026-12-02T10:00:00Z")).create().directory();
        Path third = backups(at("2026-12-03T10:00:00Z")).create().directory();
        assertThat(backups(Clock.systemUTC()).backups()).containsExactly(second, third);
        assertThat(first).doesNotExist();
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".incomplete-"));
        }
    }

    @Test
    void aMissingDatabaseFailsTheBackupAndLeavesNothingThatLooksWhole() throws Exception {
        Files.delete(db);
        assertThatThrownBy(() -> backups(at("2026-12-01T10:00:00Z")).create()).isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
        assertThat(backups(Clock.systemUTC()).backups()).isEmpty();
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> Backups.builder(root).keep(0)).hasMessageContaining("backups must be >= 1");
        assertThatThrownBy(() -> Backups.builder(root).sqlite("Bad Name", db)).hasMessageContaining("name must be");
        assertThatThrownBy(() -> Backups.builder(null)).hasMessageContaining("root");
    }

    private static void deleteTree(Path dir) throws IOException {
        Copying.deleteTree(dir);
    }
}
