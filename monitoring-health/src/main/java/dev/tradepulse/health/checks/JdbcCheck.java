package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Validates a database connection and measures how long that took. */
final class JdbcCheck implements HealthCheck {

    private final DataSource dataSource;
    private final @Nullable String validationQuery;
    private final Duration degradedAbove;

    JdbcCheck(DataSource dataSource, @Nullable String validationQuery, Duration degradedAbove) {
        this.dataSource = dataSource;
        this.validationQuery = validationQuery;
        this.degradedAbove = degradedAbove;
    }

    @Override
    public HealthResult check() throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid;
            if (validationQuery == null) {
                valid = connection.isValid(Math.max(1, (int) degradedAbove.toSeconds() * 4));
            } else {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery(validationQuery)) {
                    valid = rows.next();
                }
            }
            long micros = (System.nanoTime() - start) / 1_000;
            String product = connection.getMetaData().getDatabaseProductName();
            HealthStatus status = !valid ? HealthStatus.UNHEALTHY
                    : micros * 1_000 > degradedAbove.toNanos() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status)
                    .detail("database", product)
                    .detail("latency_ms", micros / 1000.0);
            if (!valid) {
                result.message(validationQuery == null ? "connection is not valid" : "validation query returned no row");
            } else if (status == HealthStatus.DEGRADED) {
                result.message("slow: " + micros / 1000 + " ms, above " + degradedAbove.toMillis() + " ms");
            }
            return result.build();
        }
    }
}
