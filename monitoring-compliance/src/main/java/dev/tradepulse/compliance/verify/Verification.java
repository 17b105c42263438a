package dev.tradepulse.compliance.verify;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of verifying a journal.
 *
 * @param events lines read and checked
 * @param files files read
 * @param checkpoints checkpoints seen
 * @param signaturesChecked whether checkpoint signatures were checked (a key was given)
 * @param taggedLines lines whose authentication tag was checked and valid (HMAC key only)
 * @param unsignedTail lines after the last checkpoint, which no signature covers yet
 * @param witnessedSeq the sequence number of the witnessed head the journal was checked against, if any
 * @param problem the first broken place, if any
 */
public record Verification(long events, int files, int checkpoints, boolean signaturesChecked, long taggedLines,
        long unsignedTail, OptionalLong witnessedSeq, Optional<Problem> problem) {

    /** Why a journal failed verification. */
    public enum Reason {
        /** A line's content no longer matches its tag, or the hash the next line recorded for it. */
        MODIFIED_LINE,
        /** Sequence numbers jump: lines were removed. */
        DELETED_LINES,
        /** Sequence numbers go backwards, or a missing line turns up later: lines were moved. */
        REORDERED_LINES,
        /** The journal ends after a checkpoint without a closing one: its tail may have been cut. */
        TRUNCATED_AFTER_CHECKPOINT,
        /** A checkpoint's signature does not verify with the given key, or it is unsigned. */
        BAD_SIGNATURE,
        /** A key was given but nothing in the journal is signed or tagged. */
        NOT_SIGNED,
        /** A line other than the next open's own records follows a closing checkpoint. */
        APPENDED_AFTER_CLOSE,
        /** Recovery found lines it could not authenticate and quarantined them (a RECOVERY record says where). */
        TAMPERING_QUARANTINED,
        /** The journal ends before the latest head a witness recorded: it was cut back. */
        CUT_BEFORE_WITNESS,
        /** The line a witness recorded has different content, or the witnessed head is not signed by the key. */
        WITNESS_MISMATCH,
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
            StringBuilder s = new StringBuilder("OK: ").append(events).append(" events in ").append(files)
                    .append(" files, ").append(checkpoints).append(" checkpoints, ")
                    .append(signaturesChecked ? "signatures verified" : "signatures NOT checked (no key given)");
            if (taggedLines > 0) {
                s.append(", ").append(taggedLines).append(" line tags verified");
            }
            if (unsignedTail > 0) {
                s.append(", ").append(unsignedTail).append(" lines after the last checkpoint");
            }
            witnessedSeq.ifPresentOrElse(seq -> s.append(", reaches the witnessed head at seq ").append(seq),
                    () -> s.append(", no witness checked (a cut-back journal cannot be told)"));
            return s.toString();
        }
        Problem p = problem.get();
        return "FAILED: " + p.reason() + " at " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }
}
