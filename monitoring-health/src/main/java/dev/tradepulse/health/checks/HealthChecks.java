package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Factories for the built-in checks. Each returns a plain {@link HealthCheck}; register it with
 * the options you need. Thresholds are checked here, naming the parameter. Every check these
 * factories return is thread-safe (the registry may run one while a request reads it).
 */
public final class HealthChecks {

    private HealthChecks() {
    }

    /**
     * A database: {@link java.sql.Connection#isValid(int)}, with the latency in the details and
     * {@code DEGRADED} when slower than {@code degradedAbove}. The driver's timeout is four times
     * {@code degradedAbove}, at least a second. This proves the database answers, not that its
     * data is intact: see {@link #jdbcIntegrity}.
     *
     * @param dataSource where connections come from
     * @param degradedAbove latency above which the database is degraded
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code degradedAbove} is not positive
     */
    public static HealthCheck jdbc(DataSource dataSource, Duration degradedAbove) {
        return JdbcCheck.valid(Checks.notNull(dataSource, "dataSource"), Checks.positive(degradedAbove, "degradedAbove"));
    }

    /**
     * A database, validated by running a query (such as {@code SELECT 1}) and reading one row:
     * HEALTHY when the query returns at least one row, whatever the row says. That proves the
     * database answers the query, not that its data is intact; for that use {@link #jdbcIntegrity}.
     * A query that is itself SQLite's {@code PRAGMA integrity_check} or {@code PRAGMA quick_check}
     * (with or without a schema or an argument) is judged as {@link #jdbcIntegrity} judges it:
     * only one row reading {@code ok} passes. A statement still running four times
     * {@code degradedAbove} after it started (at least a second) is cancelled
     * ({@link java.sql.Statement#cancel()}), and the check throws {@link java.sql.SQLTimeoutException}.
     *
     * @param dataSource where connections come from
     * @param validationQuery a cheap query returning at least one row
     * @param degradedAbove latency above which the database is degraded
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code validationQuery} is blank or {@code degradedAbove} is not positive
     */
    public static HealthCheck jdbc(DataSource dataSource, String validationQuery, Duration degradedAbove) {
        Checks.notBlank(validationQuery, "validationQuery");
        return JdbcCheck.query(Checks.notNull(dataSource, "dataSource"), validationQuery,
                Checks.positive(degradedAbove, "degradedAbove"));
    }

    /**
     * A SQLite database's integrity: runs {@code PRAGMA integrity_check} or
     * {@code PRAGMA quick_check} (see {@link SqliteIntegrity}), HEALTHY only when it returns
     * exactly one row reading {@code ok}. Any other result is UNHEALTHY: its message names the
     * number of problems and the first 5 (each escaped and cut to
     * 200 characters), and the details hold {@code problems} (the
     * count) and {@code first_problems}. A file too damaged to run the pragma at all makes the
     * check throw the driver's {@code SQLException}, which the registry reports as UNHEALTHY. The
     * full check reads the whole file, so register it with a long interval (hourly, daily) and a
     * registry timeout above {@code timeout}; latency never degrades it.
     *
     * @param dataSource where connections come from, such as an {@code org.sqlite.SQLiteDataSource}
     * @param mode {@link SqliteIntegrity#FULL} or {@link SqliteIntegrity#QUICK}
     * @param timeout how long the pragma may run before its statement is cancelled and the check
     *     throws {@link java.sql.SQLTimeoutException}
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static HealthCheck jdbcIntegrity(DataSource dataSource, SqliteIntegrity mode, Duration timeout) {
        return JdbcCheck.integrity(Checks.notNull(dataSource, "dataSource"), Checks.notNull(mode, "mode"),
                Checks.positive(timeout, "timeout"));
    }

    /**
     * An HTTP endpoint such as an exchange's ping: {@code GET}, healthy on an expected status,
     * degraded when slower than {@code degradedAbove}, unhealthy on any other status, an error
     * or a timeout.
     *
     * @param client the client to use (shared, so connections are reused)
     * @param uri the endpoint
     * @param expectedStatus acceptable status codes, such as 200 and 204
     * @param timeout the request timeout
     * @param degradedAbove latency above which the endpoint is degraded
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code expectedStatus} is empty or a duration is not positive
     */
    public static HealthCheck http(HttpClient client, URI uri, Set<Integer> expectedStatus, Duration timeout,
            Duration degradedAbove) {
        if (Checks.notNull(expectedStatus, "expectedStatus").isEmpty()) {
            throw new IllegalArgumentException("expectedStatus must not be empty");
        }
        return new HttpCheck(Checks.notNull(client, "client"), Checks.notNull(uri, "uri"), Set.copyOf(expectedStatus),
                Checks.positive(timeout, "timeout"), Checks.positive(degradedAbove, "degradedAbove"));
    }

    /**
     * A TCP port accepts connections within the timeout.
     *
     * @param host the host
     * @param port the port, 1 to 65535
     * @param timeout the connect timeout
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code port} is out of range or {@code timeout} is not positive
     */
    public static HealthCheck tcp(String host, int port, Duration timeout) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        return SystemChecks.tcp(Checks.notNull(host, "host"), port, Checks.positive(timeout, "timeout"));
    }

    /**
     * Free disk space at a path: unhealthy below {@code unhealthyBelowBytes}, degraded below
     * {@code degradedBelowBytes}. The seeds page at less than 1 GB free.
     *
     * @param path a path on the file system to watch
     * @param degradedBelowBytes free bytes below which the disk is degraded
     * @param unhealthyBelowBytes free bytes below which it is unhealthy
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException unless {@code degradedBelowBytes >= unhealthyBelowBytes >= 0}
     */
    public static HealthCheck diskSpace(Path path, long degradedBelowBytes, long unhealthyBelowBytes) {
        if (unhealthyBelowBytes < 0 || degradedBelowBytes < unhealthyBelowBytes) {
            throw new IllegalArgumentException("need degradedBelowBytes >= unhealthyBelowBytes >= 0, got "
                    + degradedBelowBytes + " and " + unhealthyBelowBytes);
        }
        return SystemChecks.diskSpace(Checks.notNull(path, "path"), degradedBelowBytes, unhealthyBelowBytes);
    }

    /**
     * Heap in use as a fraction of the maximum.
     *
     * @param degradedAbove fraction in (0, 1] above which memory is degraded
     * @param unhealthyAbove fraction in (0, 1] above which it is unhealthy
     * @return the check
     * @throws IllegalArgumentException unless {@code 0 < degradedAbove <= unhealthyAbove <= 1}
     */
    public static HealthCheck heap(double degradedAbove, double unhealthyAbove) {
        fractions(degradedAbove, unhealthyAbove);
        return SystemChecks.heap(degradedAbove, unhealthyAbove);
    }

    /**
     * The system load average per available processor, from {@code OperatingSystemMXBean}.
     * Healthy with a note where the platform has no load average.
     *
     * @param degradedAbove load per CPU above which the system is degraded
     * @param unhealthyAbove load per CPU above which it is unhealthy
     * @return the check
     * @throws IllegalArgumentException unless {@code 0 < degradedAbove <= unhealthyAbove}
     */
    public static HealthCheck systemLoad(double degradedAbove, double unhealthyAbove) {
        if (!(degradedAbove > 0) || unhealthyAbove < degradedAbove) {
            throw new IllegalArgumentException("need 0 < degradedAbove <= unhealthyAbove, got " + degradedAbove
                    + " and " + unhealthyAbove);
        }
        return SystemChecks.systemLoad(degradedAbove, unhealthyAbove);
    }

    /**
     * Deadlocked threads, from {@code ThreadMXBean}: unhealthy, naming them, if any.
     *
     * @return the check
     */
    public static HealthCheck deadlocks() {
        return SystemChecks.deadlocks();
    }

    /**
     * Data freshness: unhealthy when the last event (a market tick, a decision) is older than
     * {@code maxAge}, or there has been none.
     *
     * @param lastEvent when the last event happened, or null for never
     * @param maxAge the oldest acceptable age
     * @param clock the wall clock to measure age against
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public static HealthCheck freshness(Supplier<@Nullable Instant> lastEvent, Duration maxAge, Clock clock) {
        return SystemChecks.freshness(Checks.notNull(lastEvent, "lastEvent"), Checks.positive(maxAge, "maxAge"),
                Checks.notNull(clock, "clock"));
    }

    /**
     * One circuit breaker: {@code OPEN} or {@code FORCED_OPEN} is unhealthy, {@code HALF_OPEN}
     * degraded, anything else healthy.
     *
     * @param breaker the breaker
     * @return the check
     * @throws NullPointerException if {@code breaker} is null
     */
    public static HealthCheck circuitBreaker(CircuitBreaker breaker) {
        return BreakerCheck.of(Checks.notNull(breaker, "breaker"));
    }

    /**
     * Every circuit breaker in a registry (such as {@code Monitoring.circuitBreakerRegistry()}),
     * reporting the worst, with each breaker's state in the details.
     *
     * @param registry the registry
     * @return the check
     * @throws NullPointerException if {@code registry} is null
     */
    public static HealthCheck circuitBreakers(CircuitBreakerRegistry registry) {
        return BreakerCheck.all(Checks.notNull(registry, "registry"));
    }

    private static void fractions(double degradedAbove, double unhealthyAbove) {
        if (!(degradedAbove > 0 && degradedAbove <= 1) || !(unhealthyAbove > 0 && unhealthyAbove <= 1)
                || unhealthyAbove < degradedAbove) {
            throw new IllegalArgumentException("need 0 < degradedAbove <= unhealthyAbove <= 1, got " + degradedAbove
                    + " and " + unhealthyAbove);
        }
    }
}
