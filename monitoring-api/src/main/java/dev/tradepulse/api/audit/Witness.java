package dev.tradepulse.api.audit;

import java.io.IOException;
import java.util.Optional;

/**
 * Somewhere outside the journal directory that keeps the latest checkpoint head. The journal
 * offers every checkpoint to its witnesses from a background thread (never the caller's), and
 * keeps only the newest head pending, so a slow witness skips heads rather than queueing them.
 *
 * <p>Pick a witness the journal's writer cannot rewrite: a file on another volume owned by
 * another user, an HTTP endpoint run by someone else, or a channel people read (a daily chat or
 * email line). See {@code docs/compliance-format.md} for which to use for what. The built-in witnesses are made by
 * {@code dev.tradepulse.compliance.witness.Witnesses} in {@code monitoring-compliance}.
 *
 * <p><b>Threads:</b> implementations must be thread-safe. Each journal calls {@link #publish} from
 * one thread of its own per witness (never two at once for one journal), but {@link #latest()} is
 * called from another thread when a journal opens and by the verifier, possibly while a publish
 * runs; a witness shared by several journals sees their publishes concurrently.
 *
 * <p><b>Failures:</b> nothing a witness throws, Errors included, reaches the journal's callers: it
 * is counted ({@code tradepulse.audit.witness.failures}) and logged at a bounded rate. A hung
 * witness holds up only its own thread; a journal's {@code close()} waits at most 5 s for it.
 */
public interface Witness {

    /**
     * Records a head. Called from the journal's witness thread; may block up to its own timeout.
     *
     * @param head the head; never null
     * @throws Exception if it could not be recorded; the journal counts and logs it, and retries
     *     with the next head
     */
    void publish(WitnessedHead head) throws Exception;

    /**
     * The latest head this witness holds, for {@code verify --witness}. Witnesses that cannot be
     * read back (a chat channel) return empty.
     *
     * @return the latest head, if any
     * @throws IOException if the witness cannot be read
     */
    default Optional<WitnessedHead> latest() throws IOException {
        return Optional.empty();
    }
}
