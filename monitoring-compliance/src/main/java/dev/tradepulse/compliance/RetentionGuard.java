package dev.tradepulse.compliance;

import java.nio.file.Path;

/**
 * Asked by the journal's retention before it deletes a closed file: a file the guard refuses is
 * kept, and so is every file after it (the journal stays one unbroken chain). A shipper that
 * copies the journal elsewhere uses it so that retention never deletes a file it has not shipped
 * yet (see {@code dev.tradepulse.kafka.ShippedFiles}).
 *
 * <p>Called on the journal's writer thread, at most once per file and retention pass (at open and
 * at each change of day); it must answer at once, without I/O or locks held by other threads.
 * A guard that throws is taken as a refusal (and logged). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RetentionGuard {

    /** Allows every deletion: the default. */
    RetentionGuard ALLOW_ALL = file -> true;

    /**
     * Whether retention may delete this closed journal file now.
     *
     * @param file the file, {@code audit-NNNNNN-YYYYMMDD.jsonl} or its {@code .gz}
     * @return true to let it go, false to keep it (and every later file) for now
     */
    boolean mayDelete(Path file);
}
