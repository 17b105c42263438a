package dev.tradepulse.health.checks;

/**
 * Which SQLite integrity pragma {@link HealthChecks#jdbcIntegrity} runs.
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum SqliteIntegrity {

    /**
     * {@code PRAGMA integrity_check}: reads every page, checks every b-tree, every index against
     * its table, {@code UNIQUE}, {@code NOT NULL} and {@code CHECK} constraints. Slow on a large
     * file (time grows with its size): run it on a long interval, such as hourly or daily.
     */
    FULL("PRAGMA integrity_check"),

    /**
     * {@code PRAGMA quick_check}: the page and b-tree checks of {@link #FULL}, without verifying
     * that indexes match their tables or the {@code UNIQUE} constraints; much faster on a large
     * file, and still finds pages overwritten on disk.
     */
    QUICK("PRAGMA quick_check");

    private final String pragma;

    SqliteIntegrity(String pragma) {
        this.pragma = pragma;
    }

    /** @return the SQL this mode runs, such as {@code PRAGMA integrity_check} */
    public String pragma() {
        return pragma;
    }
}
