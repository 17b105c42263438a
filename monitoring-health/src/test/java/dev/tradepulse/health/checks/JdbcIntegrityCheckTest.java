package dev.tradepulse.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

class JdbcIntegrityCheckTest {

    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    private SQLiteDataSource sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READWRITE); // without CREATE: a missing file is an error
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** A trade table of a few dozen pages, with an index, written and closed. */
    private Path tradeDatabase() throws Exception {
        Path file = dir.resolve("trades.db");
        SQLiteDataSource create = new SQLiteDataSource();
        create.setUrl("jdbc:sqlite:" + file);
        try (Connection c = create.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size=" + PAGE);
            s.execute("CREATE TABLE trades(id INTEGER PRIMARY KEY, symbol TEXT, qty REAL)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO trades(symbol, qty) VALUES (?, ?)")) {
                for (int i = 0; i < 5_000; i++) {
                    insert.setString(1, String.format("SYM%05d", i));
                    insert.setDouble(2, i * 1.5);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("CREATE INDEX trades_symbol ON trades(symbol)");
        }
        return file;
    }

    /** Overwrites part of a page in the middle of the file, past its header, as a bad disk or a stray write would. */
    private static void corruptMiddlePage(Path file) throws Exception {
        long pages = Files.size(file) / PAGE;
        assertThat(pages).as("the database spans enough pages to corrupt one in the middle").isGreaterThan(10);
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0xA5);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(pages / 2 * PAGE + 100);
            raf.write(garbage);
            raf.getFD().sync();
        }
    }

    @Test
    void an_intact_file_passes_the_full_and_the_quick_check() throws Exception {
        Path file = tradeDatabase();

        for (SqliteIntegrity mode : SqliteIntegrity.values()) {
            HealthResult result = HealthChecks.jdbcIntegrity(sqlite(file), mode, Duration.ofSeconds(10)).check();

            assertThat(result.status()).as(mode.name()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.details()).containsEntry("database", "SQLite")
                    .containsEntry("check", mode.pragma().toLowerCase(java.util.Locale.ROOT)).containsKey("latency_ms");
        }
    }

    @Test
    void a_file_with_an_overwritten_page_is_unhealthy_and_names_its_first_problems() throws Exception {
        Path file = tradeDatabase();
        corruptMiddlePage(file);

        HealthResult result = HealthChecks.jdbcIntegrity(sqlite(file), SqliteIntegrity.FULL, Duration.ofSeconds(10))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("integrity check found ").contains("problems: ").contains("page").endsWith("; ...")
                .doesNotContain("\n").doesNotContain("*** in database"));
        assertThat((Integer) result.details().get("problems")).isGreaterThan(JdbcCheck.MAX_PROBLEMS);
        @SuppressWarnings("unchecked")
        List<String> first = (List<String>) result.details().get("first_problems");
        assertThat(first).hasSize(JdbcCheck.MAX_PROBLEMS)
                .allSatisfy(p -> assertThat(p).doesNotContain("\n").hasSizeLessThan(JdbcCheck.MAX_PROBLEM_CHARS + 30));
        assertThat(result.message().orElseThrow()).hasSizeLessThan(
                (JdbcCheck.MAX_PROBLEM_CHARS + 30) * JdbcCheck.MAX_PROBLEMS + 100);
    }

    @Test
    void the_quick_check_also_finds_an_overwritten_page() throws Exception {
        Path file = tradeDatabase();
        corruptMiddlePage(file);

        HealthResult result = HealthChecks.jdbcIntegrity(sqlite(file), SqliteIntegrity.QUICK, Duration.ofSeconds(10))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("check", "pragma quick_check");
    }

    @Test
    void an_integrity_pragma_given_as_a_plain_validation_query_no_longer_passes_on_its_error_rows() throws Exception {
        // Regression: the plain mode passed on any returned row, so "PRAGMA integrity_check"
        // reporting a damaged page read as HEALTHY.
        Path file = tradeDatabase();
        corruptMiddlePage(file);

        HealthResult result = HealthChecks.jdbc(sqlite(file), "PRAGMA integrity_check", Duration.ofSeconds(10)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).startsWith("integrity check found "));
    }

    @Test
    void a_plain_validation_query_still_only_proves_the_database_answers() throws Exception {
        Path file = tradeDatabase();
        corruptMiddlePage(file);

        HealthResult result = HealthChecks.jdbc(sqlite(file), "SELECT 1", Duration.ofSeconds(10)).check();

        assertThat(result.status()).as("documented: a row from the query is all the plain mode asks for")
                .isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void a_file_too_damaged_to_check_makes_the_check_throw_for_the_registry_to_report() throws Exception {
        Path file = tradeDatabase();
        long pages = Files.size(file) / PAGE;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(PAGE); // the first page after the header page, whole
            byte[] garbage = new byte[(int) (pages - 1) * PAGE];
            Arrays.fill(garbage, (byte) 0xFF);
            raf.write(garbage);
        }

        assertThatThrownBy(() -> HealthChecks.jdbcIntegrity(sqlite(file), SqliteIntegrity.FULL, Duration.ofSeconds(10))
                .check()).isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void a_validation_query_that_never_ends_is_cut_off_by_the_query_timeout() throws Exception {
        // Regression: the plain mode set no query timeout, so a runaway query held the check forever.
        SQLiteDataSource ds = sqlite(tradeDatabase());
        String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
        var check = HealthChecks.jdbc(ds, endless, Duration.ofMillis(250)); // timeout: 4 x 250 ms, at least 1 s

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(check::check)
                .isInstanceOf(java.sql.SQLException.class));
    }

    @Test
    void integrity_pragmas_are_recognised_with_a_schema_an_argument_or_any_case() {
        assertThat(JdbcCheck.isIntegrityPragma("PRAGMA integrity_check")).isTrue();
        assertThat(JdbcCheck.isIntegrityPragma("  pragma main.quick_check(10)")).isTrue();
        assertThat(JdbcCheck.isIntegrityPragma("Pragma Integrity_Check;")).isTrue();
        assertThat(JdbcCheck.isIntegrityPragma("SELECT 1")).isFalse();
        assertThat(JdbcCheck.isIntegrityPragma("PRAGMA integrity_checks")).isFalse();
        assertThat(JdbcCheck.isIntegrityPragma("PRAGMA foreign_key_check")).isFalse();
    }

    @Test
    void bad_arguments_are_refused_naming_the_parameter() throws Exception {
        SQLiteDataSource ds = sqlite(tradeDatabase());

        assertThatThrownBy(() -> HealthChecks.jdbcIntegrity(null, SqliteIntegrity.FULL, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> HealthChecks.jdbcIntegrity(ds, null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> HealthChecks.jdbcIntegrity(ds, SqliteIntegrity.FULL, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
