package dev.tradepulse.api.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a witness keeps of one checkpoint: the journal had reached line {@code coversSeq}, whose
 * content hash is {@code head}, and the checkpoint's signature over that. The signature lets a
 * verifier with the key trust a head read back over an untrusted channel. Immutable and
 * thread-safe.
 *
 * @param origin the journal's name ({@code app/instance})
 * @param coversSeq the sequence number of the line the checkpoint covers
 * @param head the lowercase hex SHA-256 of that line's content
 * @param epoch the index of the file the checkpoint is in
 * @param alg the signature algorithm, or {@code none}
 * @param sig the Base64 signature of {@code Checkpoints.signatureInput(coversSeq, head, epoch)}
 * @param at when the checkpoint was written
 */
public record WitnessedHead(String origin, long coversSeq, String head, long epoch, String alg, String sig,
        Instant at) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code origin}, {@code head}, {@code alg}, {@code sig} or {@code at} is null
     * @throws IllegalArgumentException if {@code coversSeq} is negative, {@code epoch} is below 1, or
     *     {@code head} is not 64 lowercase hex characters
     */
    public WitnessedHead {
        Objects.requireNonNull(origin, "origin must not be null");
        Objects.requireNonNull(head, "head must not be null");
        Objects.requireNonNull(alg, "alg must not be null");
        Objects.requireNonNull(sig, "sig must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (coversSeq < 0 || epoch < 1) {
            throw new IllegalArgumentException("coversSeq must be >= 0 and epoch >= 1, got " + coversSeq + ", " + epoch);
        }
        if (!HEX64.matcher(head).matches()) {
            throw new IllegalArgumentException("head must be 64 lowercase hex characters");
        }
    }
}
