package dev.tradepulse.runtime.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQLite through JDBC: a consistent copy with VACUUM INTO, and PRAGMA integrity_check. */
final class Sqlite {

    private Sqlite() {
    }

    static void backup(Path db, Path to) throws IOException {
        if (!Files.isRegularFile(db)) {
            throw new IOException("the SQLite file " + db + " does not exist");
        }
        Files.createDirectories(to.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, to.toAbsolutePath().toString());
            s.execute();
        } catch (SQLException e) {
            throw new IOException("could not back up the SQLite file " + db + " (is org.xerial:sqlite-jdbc on the class path?): "
                    + e.getMessage(), e);
        }
    }

    static void check(String what, Path db, List<String> problems, List<String> notes) {
        if (!Files.isRegularFile(db)) {
            problems.add(what + " is missing from the backup");
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            String first = r.next() ? r.getString(1) : "no answer";
            if ("ok".equals(first)) {
                notes.add(what + " passes PRAGMA integrity_check");
            } else {
                problems.add(what + " fails PRAGMA integrity_check: " + first);
            }
        } catch (SQLException e) {
            problems.add(what + " cannot be checked: " + e.getMessage());
        }
    }
}
