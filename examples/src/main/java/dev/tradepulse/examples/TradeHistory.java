package dev.tradepulse.examples;

import dev.tradepulse.trading.Trade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/** Closed trades in a SQLite file, the way the seeds keep their trade history. */
final class TradeHistory {

    private final SQLiteDataSource dataSource = new SQLiteDataSource();

    TradeHistory(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file.getParent(), e);
        }
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS trades (id INTEGER PRIMARY KEY, strategy TEXT NOT NULL, "
                    + "symbol TEXT NOT NULL, side TEXT NOT NULL, entry REAL, exit REAL, quantity REAL, pnl REAL, "
                    + "opened_at TEXT, closed_at TEXT)");
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    void record(String strategy, Trade t) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO trades (strategy, symbol, side, entry, exit, "
                        + "quantity, pnl, opened_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, strategy);
            p.setString(2, t.symbol());
            p.setString(3, t.side().name());
            p.setDouble(4, t.entryPrice());
            p.setDouble(5, t.exitPrice());
            p.setDouble(6, t.quantity());
            p.setDouble(7, t.realizedPnl());
            p.setString(8, t.openedAt().toString());
            p.setString(9, t.closedAt().toString());
            p.executeUpdate();
        } catch (SQLException e) {
            // The history is for people; losing a row must not stop trading. The health check shows it.
            org.slf4j.LoggerFactory.getLogger(TradeHistory.class).warn("Trade history write failed: {}", e.toString());
        }
    }

    long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM trades")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
