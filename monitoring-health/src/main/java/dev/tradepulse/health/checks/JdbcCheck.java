package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Validates a database connection and measures how long that took. Three modes: the driver's
 * {@link Connection#isValid(int)}; a validation query that must return a row (proof that the
 * database answers, not that its data is intact); and an integrity pragma, whose result must be
 * exactly one row reading {@code ok}. A validation query that is itself an integrity pragma is
 * judged as one, so {@code PRAGMA integrity_check} given as a plain query no longer passes on its
 * list of errors.
 */
final class JdbcCheck implements HealthCheck {

    /** The most problems an integrity result names; the count of all of them is in the details. */
    static final int MAX_PROBLEMS = 5;
    /** The most characters kept of each problem. */
    static final int MAX_PROBLEM_CHARS = 200;
    /** The most rows read from an integrity pragma, so a wrecked file cannot flood memory. */
    private static final int MAX_ROWS = 1_000;

    private static final Pattern INTEGRITY_PRAGMA = Pattern.compile(
            "\\s*pragma\\s+(?:[a-z_][a-z0-9_]*\\s*\\.\\s*)?(?:integrity_check|quick_check)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final DataSource dataSource;
    private final @Nullable String query;
    private final boolean integrity;
    private final Duration timeout;
    private final @Nullable Duration degradedAbove;

    private JdbcCheck(DataSource dataSource, @Nullable String query, boolean integrity, Duration timeout,
            @Nullable Duration degradedAbove) {
        this.dataSource = dataSource;
        this.query = query;
        this.integrity = integrity;
        this.timeout = timeout;
        this.degradedAbove = degradedAbove;
    }

    /** {@code isValid}, with four times the latency threshold (at least a second) as its timeout. */
    static JdbcCheck valid(DataSource dataSource, Duration degradedAbove) {
        return new JdbcCheck(dataSource, null, false, defaultTimeout(degradedAbove), degradedAbove);
    }

    /** A validation query, with four times the latency threshold (at least a second) as its timeout. */
    static JdbcCheck query(DataSource dataSource, String validationQuery, Duration degradedAbove) {
        return new JdbcCheck(dataSource, validationQuery, isIntegrityPragma(validationQuery),
                defaultTimeout(degradedAbove), degradedAbove);
    }

    /** An integrity pragma with its own query timeout; never degraded by latency. */
    static JdbcCheck integrity(DataSource dataSource, SqliteIntegrity mode, Duration timeout) {
        return new JdbcCheck(dataSource, mode.pragma(), true, timeout, null);
    }

    static boolean isIntegrityPragma(String sql) {
        return INTEGRITY_PRAGMA.matcher(sql).matches();
    }

    private static Duration defaultTimeout(Duration degradedAbove) {
        Duration four = degradedAbove.multipliedBy(4);
        return four.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : four;
    }

    /** Whole seconds for JDBC, rounded up, at least one (0 would mean no timeout). */
    private int timeoutSeconds() {
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    @Override
    public HealthResult check() throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            String sql = query;
            if (sql == null) {
                boolean valid = connection.isValid(timeoutSeconds());
                return result(connection, start, valid ? null : "connection is not valid", List.of(), 0);
            }
            try (Statement statement = connection.createStatement()) {
                // Not setQueryTimeout: sqlite-jdbc takes it as SQLite's busy timeout, which would
                // replace the data source's own lock wait and still not stop a running query.
                Watchdog watchdog = new Watchdog(statement, timeout);
                try (ResultSet rows = statement.executeQuery(sql)) {
                    if (!integrity) {
                        return result(connection, start, rows.next() ? null : "validation query returned no row",
                                List.of(), 0);
                    }
                    return integrityResult(connection, start, rows);
                } catch (SQLException e) {
                    if (watchdog.fired()) {
                        throw new SQLTimeoutException("the query ran past its " + timeout.toMillis() + " ms timeout", e);
                    }
                    throw e;
                } finally {
                    watchdog.stop();
                }
            }
        }
    }

    /**
     * Cancels a statement still running at its deadline: the check's query timeout, the same
     * with every driver. {@link Statement#setQueryTimeout} is not used: some drivers take it as a
     * lock wait only (sqlite-jdbc makes it SQLite's busy timeout, replacing the data source's
     * own), so a runaway query or a long integrity check would run on. {@link Statement#cancel()}
     * stops it (SQLite interrupts it). The timer is the JDK's shared delayer and the cancel runs on the common
     * pool, so the check starts no thread of its own; the lock keeps a late cancel from reaching
     * a statement that has finished, and {@link #stop()} lets go of the statement at once.
     */
    private static final class Watchdog {
        private @Nullable Statement statement;
        private boolean done;
        private boolean fired;

        Watchdog(Statement statement, Duration timeout) {
            this.statement = statement;
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(this::cancel);
        }

        private synchronized void cancel() {
            Statement running = statement;
            if (done || running == null) {
                return;
            }
            fired = true;
            try {
                running.cancel();
            } catch (Throwable e) { // a driver that cannot cancel: the registry's own timeout still applies
                Failures.rethrowIfFatal(e);
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized void stop() {
            done = true;
            statement = null;
        }
    }

    private HealthResult integrityResult(Connection connection, long start, ResultSet rows) throws SQLException {
        List<String> firstProblems = new ArrayList<>();
        int rowCount = 0;
        int problemCount = 0;
        while (rowCount < MAX_ROWS && rows.next()) {
            rowCount++;
            String row = rows.getString(1);
            if ("ok".equals(row)) {
                continue;
            }
            // SQLite may put several problems in one row, a line each, under a "*** in database" header.
            boolean counted = false;
            for (String line : row == null ? new String[] {"null"} : row.split("\n")) {
                String problem = line.strip();
                if (problem.isEmpty() || problem.startsWith("*** in database")) {
                    continue;
                }
                counted = true;
                problemCount++;
                if (firstProblems.size() < MAX_PROBLEMS) {
                    firstProblems.add(LogText.clean(problem, MAX_PROBLEM_CHARS));
                }
            }
            if (!counted) {
                problemCount++;
                if (firstProblems.size() < MAX_PROBLEMS) {
                    firstProblems.add(LogText.clean(row, MAX_PROBLEM_CHARS));
                }
            }
        }
        boolean truncated = rowCount == MAX_ROWS && rows.next();
        if (rowCount == 1 && problemCount == 0) {
            return result(connection, start, null, List.of(), 0);
        }
        if (rowCount == 0) {
            return result(connection, start, "integrity check returned no row", List.of(), 0);
        }
        if (problemCount == 0) {
            return result(connection, start, "integrity check returned " + rowCount + " rows, not one 'ok'",
                    List.of(), 0);
        }
        String counted = (truncated ? "at least " : "") + problemCount + (problemCount == 1 ? " problem" : " problems");
        String message = "integrity check found " + counted + ": " + String.join("; ", firstProblems)
                + (problemCount > firstProblems.size() || truncated ? "; ..." : "");
        return result(connection, start, message, firstProblems, problemCount);
    }

    private HealthResult result(Connection connection, long start, @Nullable String failure, List<String> problems,
            int problemCount) throws SQLException {
        long micros = (System.nanoTime() - start) / 1_000;
        String product = connection.getMetaData().getDatabaseProductName();
        Duration slow = degradedAbove;
        HealthStatus status = failure != null ? HealthStatus.UNHEALTHY
                : slow != null && micros * 1_000 > slow.toNanos() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        HealthResult.Builder result = HealthResult.builder(status)
                .detail("database", product == null ? "unknown" : product)
                .detail("latency_ms", micros / 1000.0);
        if (integrity) {
            result.detail("check", query == null ? "" : query.strip().toLowerCase(Locale.ROOT));
        }
        if (failure != null) {
            result.message(failure);
            if (!problems.isEmpty()) {
                result.detail("problems", problemCount).detail("first_problems", List.copyOf(problems));
            }
        } else if (status == HealthStatus.DEGRADED && slow != null) {
            result.message("slow: " + micros / 1000 + " ms, above " + slow.toMillis() + " ms");
        }
        return result.build();
    }
}
