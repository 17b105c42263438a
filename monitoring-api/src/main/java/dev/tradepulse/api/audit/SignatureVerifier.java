package dev.tradepulse.api.audit;

/** Checks checkpoint signatures. */
public interface SignatureVerifier {
    /** @return the algorithm it checks */
    String algorithm();

    /**
     * Checks.
     *
     * @param data the signature input
     * @param signature the signature
     * @return whether it is valid
     */
    boolean verify(byte[] data, byte[] signature);
}
