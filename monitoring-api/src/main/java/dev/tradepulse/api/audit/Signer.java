package dev.tradepulse.api.audit;

/** Signs checkpoints. Implementations must be thread-safe. */
public interface Signer {
    /** @return the algorithm name written into the checkpoint, such as {@code HmacSHA256} */
    String algorithm();

    /**
     * Signs.
     *
     * @param data the signature input
     * @return the signature
     */
    byte[] sign(byte[] data);
}
