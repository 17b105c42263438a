package dev.tradepulse.compliance;

/**
 * The journal could not write or sync, and has closed itself: it fails closed rather than
 * retry an fsync whose failure may already have lost data. Thrown by the durable modes, and by
 * {@code build()} when the journal cannot be opened. Its message names the directory or the
 * cause, never an event's content or a key.
 */
public final class AuditJournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the I/O failure
     */
    public AuditJournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
