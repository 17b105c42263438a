package dev.tradepulse.api.audit;

/**
 * Signs the journal's checkpoints. The built-ins are made by
 * {@code dev.tradepulse.compliance.Checkpoints} in {@code monitoring-compliance}.
 *
 * <p><b>Threads:</b> implementations must be thread-safe. The journal calls {@link #sign} while it
 * holds its chain lock, from its writer thread or, in {@code GROUP_COMMIT} mode, from whichever
 * caller's thread writes the checkpoint, and at build time from the thread that opens the journal.
 * Keep it fast and non-blocking: every writer waits for it.
 *
 * <p><b>Failures:</b> an exception thrown by {@link #sign} fails the journal closed (nothing more is
 * written), as an I/O error does. A signer holds a key: its {@code toString()} must not print it.
 */
public interface Signer {
    /**
     * The algorithm's name, written into every checkpoint.
     *
     * @return a name such as {@code HmacSHA256} or {@code Ed25519}; never null
     */
    String algorithm();

    /**
     * Signs.
     *
     * @param data the signature input (the checkpoint's sequence number, head and epoch); never null
     * @return the signature; never null
     */
    byte[] sign(byte[] data);
}
