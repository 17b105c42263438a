package dev.tradepulse.api.state;

import dev.tradepulse.api.support.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Small records that survive a restart, a crash and a SIGKILL: each {@link #write} replaces the
 * record atomically and is on disk when it returns, so a reader finds the old record or the new
 * one, never a mix. Each record is checked on {@link #read} (its length and SHA-256), and a record
 * that fails is reported {@link StateRecord.Status#DAMAGED}, never returned as if it were good:
 * the caller decides what its safe state is (a halted strategy stays halted).
 *
 * <p>A store owns its directory: one store per directory across processes (a second one fails at
 * {@link #directory(Path, Clock)} and names the holder's PID). Thread-safe: writes to one key are
 * serialised; writes to different keys may run at once.
 */
public interface StateStore extends AutoCloseable {

    /** The name of the lock file a store holds in its directory. */
    String LOCK_FILE = "state.lock";

    /**
     * A store of one file per key in {@code directory}, created (mode 0700 where POSIX) if absent.
     * Record files get mode 0600. Temporary files a crash left behind are removed.
     *
     * @param directory the directory, owned by this store alone
     * @param clock when records are saved, recorded in each one
     * @return the live store; close it to release the directory
     * @throws NullPointerException if an argument is null
     * @throws IOException if the directory cannot be created or read, or another store (in this or
     *     another process) holds it; the message names the directory and the holder
     */
    static StateStore directory(Path directory, Clock clock) throws IOException {
        return FileStateStore.open(Checks.notNull(directory, "directory"), Checks.notNull(clock, "clock"));
    }

    /**
     * Reads a record. Never throws for what is in the file: an absent, damaged or unreadable record
     * is a status, with the problem in words.
     *
     * @param key the record's key: 1 to 64 characters of {@code a-z 0-9 . _ -}, starting with a
     *     letter or digit
     * @return what was found
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not a valid key
     * @throws IllegalStateException if the store is closed
     */
    StateRecord read(String key);

    /**
     * Replaces a record: written to a temporary file, forced to disk, renamed over the old record
     * atomically, and the directory forced, before this returns.
     *
     * @param key the record's key (see {@link #read})
     * @param version the payload's schema version, {@code >= 1}; readers check it
     * @param payload the bytes, at most 1 MiB
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key, version or size is out of range
     * @throws IllegalStateException if the store is closed
     * @throws IOException if the record could not be made durable; the old record is then intact
     */
    void write(String key, int version, byte[] payload) throws IOException;

    /**
     * Removes a record, durably. Removing an absent record does nothing.
     *
     * @param key the record's key
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not a valid key
     * @throws IllegalStateException if the store is closed
     * @throws IOException if it could not be removed
     */
    void delete(String key) throws IOException;

    /** @return the directory this store owns */
    Path directory();

    /** Releases the directory. Idempotent; never throws. */
    @Override
    void close();
}
