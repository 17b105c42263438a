package dev.tradepulse.compliance.verify;

import java.util.Optional;

/**
 * The outcome of verifying a journal.
 *
 * @param events lines read and checked
 * @param files files read
 * @param checkpoints checkpoints seen
 * @param signaturesChecked whether checkpoint signatures were checked (a key was given)
 * @param problem the first broken place, if any
 */
public record Verification(long events, int files, int checkpoints, boolean signaturesChecked,
        Optional<Problem> problem) {

    /** Why a journal failed verification. */
    public enum Reason {
        /** A line's content no longer matches the hash the next line recorded for it. */
        MODIFIED_LINE,
        /** Sequence numbers jump: lines were removed. */
        DELETED_LINES,
        /** Sequence numbers go backwards: lines were moved. */
        REORDERED_LINES,
        /** The journal ends after a checkpoint without a closing one: its tail may have been cut. */
        TRUNCATED_AFTER_CHECKPOINT,
        /** A checkpoint's signature does not verify with the given key. */
        BAD_SIGNATURE,
        /** The last line is incomplete. */
        TORN_TAIL,
        /** A file in the numbered sequence, or the start of the journal, is missing. */
        MISSING_FILE,
        /** A file could not be read at all. */
        UNREADABLE
    }

    /**
     * Where and why verification failed.
     *
     * @param reason the kind of break
     * @param file the file name
     * @param line the 1-based line number in that file, or 0 for the file as a whole
     * @param message a sentence for a person
     */
    public record Problem(Reason reason, String file, long line, String message) {
    }

    /** @return whether the journal verified */
    public boolean ok() {
        return problem.isEmpty();
    }

    /** @return a one-line summary, {@code OK ...} or {@code FAILED ...} */
    public String summary() {
        if (ok()) {
            return "OK: " + events + " events in " + files + " files, " + checkpoints + " checkpoints, "
                    + (signaturesChecked ? "signatures verified" : "signatures NOT checked (no key given)");
        }
        Problem p = problem.get();
        return "FAILED: " + p.reason() + " at " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }
}
