package dev.tradepulse.compliance.internal;

/**
 * Implemented by the built-in signers and verifiers that can authenticate every line, not only
 * checkpoints. Each journal file is an epoch (its index); the key of epoch {@code e} is the root
 * key evolved {@code e} times by a one-way step, so a key taken from epoch {@code e} cannot
 * produce the key of any earlier epoch. Implementations are thread-safe, as signers and
 * verifiers are.
 */
public interface LineKeys {

    /**
     * The line key of one epoch.
     *
     * @param epoch the file index, from 1
     * @return 32 bytes; the caller owns the array and should wipe it when done
     */
    byte[] epochKey(long epoch);
}
