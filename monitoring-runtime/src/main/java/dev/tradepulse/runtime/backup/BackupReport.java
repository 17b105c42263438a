package dev.tradepulse.runtime.backup;

import dev.tradepulse.api.support.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * What a backup, a check of one or a restore found. Immutable.
 *
 * @param directory the backup's directory
 * @param files how many files the manifest lists
 * @param bytes their total size
 * @param problems what is wrong; empty when the backup is whole and every part verifies
 * @param notes what was checked, one line each, for the operator
 */
public record BackupReport(Path directory, int files, long bytes, List<String> problems, List<String> notes) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public BackupReport {
        Checks.notNull(directory, "directory");
        problems = List.copyOf(Checks.notNull(problems, "problems"));
        notes = List.copyOf(Checks.notNull(notes, "notes"));
    }

    /** @return whether the backup is whole and every part verified */
    public boolean ok() {
        return problems.isEmpty();
    }
}
