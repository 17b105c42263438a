package dev.tradepulse.api.audit;

/**
 * Checks the signatures of the journal's checkpoints, for the verifier and for recovery at open.
 * The built-ins are made by {@code dev.tradepulse.compliance.Checkpoints}.
 *
 * <p><b>Threads:</b> implementations must be thread-safe; a verifier may be shared by verifications
 * running at once.
 */
public interface SignatureVerifier {
    /**
     * The algorithm's name, compared with the one a checkpoint names.
     *
     * @return a name such as {@code HmacSHA256}; never null
     */
    String algorithm();

    /**
     * Checks a signature.
     *
     * @param data the signature input; never null
     * @param signature the signature, as decoded from the checkpoint; never null, possibly malformed
     * @return whether it is valid; a malformed signature is invalid, not an exception
     */
    boolean verify(byte[] data, byte[] signature);
}
