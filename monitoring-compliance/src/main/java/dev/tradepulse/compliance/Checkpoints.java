package dev.tradepulse.compliance;

import dev.tradepulse.api.audit.SignatureVerifier;
import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.LineFormat;
import dev.tradepulse.compliance.internal.LineKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and checking of checkpoints and lines. A checkpoint signs the sequence number and hash
 * of the line before it, and so the whole chain up to there; whoever verifies holds the key
 * (HMAC) or the public key (Ed25519), so a rewritten chain or a dropped tail is caught.
 *
 * <p>The built-in signers also authenticate every line (format v2): each line carries a tag
 * under a per-file key evolved one way from the root key, so a line cannot be added, changed or
 * removed without the key even after the last checkpoint, and recovery after a crash can tell
 * the writer's own unsigned tail from a forger's. With HMAC, the verifier checks the tags too;
 * with Ed25519 the line keys derive from the private key, so only the writer (at recovery) can
 * check them and a public-key verifier relies on the checkpoints and the witness.
 * A custom {@link Signer} signs checkpoints only.
 *
 * <p>Stateless. The signers and verifiers it makes are immutable and thread-safe: each call uses a
 * {@code Mac} or {@code Signature} of its own. Their {@code toString()} never shows the key.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * The exact bytes a checkpoint signs: {@code tradepulse-checkpoint-v1|<covers_seq>|<head>}.
     *
     * @param coversSeq the sequence number of the line before the checkpoint
     * @param head the lowercase hex SHA-256 of that line
     * @return the signature input
     */
    public static byte[] signatureInput(long coversSeq, String head) {
        return ("tradepulse-checkpoint-v1|" + coversSeq + "|" + head).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The exact bytes a v2 checkpoint signs:
     * {@code tradepulse-checkpoint-v2|<covers_seq>|<head>|<epoch>}.
     *
     * @param coversSeq the sequence number of the line before the checkpoint
     * @param head the lowercase hex SHA-256 of that line's content
     * @param epoch the index of the file the checkpoint is in
     * @return the signature input
     */
    public static byte[] signatureInput(long coversSeq, String head, long epoch) {
        return ("tradepulse-checkpoint-v2|" + coversSeq + "|" + head + "|" + epoch)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A signer that also keys every line; the built-in ones are. */
    private interface KeyedSigner extends Signer, LineKeys {
    }

    /** A verifier that also checks every line's tag. */
    private interface KeyedVerifier extends SignatureVerifier, LineKeys {
    }

    /**
     * HMAC-SHA256 with a shared key.
     *
     * @param key at least 32 bytes; the key itself is never logged or shown
     * @return the signer
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is shorter than 32 bytes
     */
    public static Signer hmacSigner(byte[] key) {
        SecretKeySpec spec = hmacKey(key);
        byte[] root = key.clone();
        return new KeyedSigner() {
            @Override
            public byte[] epochKey(long epoch) {
                return LineFormat.epochKey(root, epoch);
            }

            @Override
            public String algorithm() {
                return "HmacSHA256";
            }

            @Override
            public byte[] sign(byte[] data) {
                return hmac(spec, data);
            }

            @Override
            public String toString() {
                return "Signer[HmacSHA256]";
            }
        };
    }

    /**
     * Checks HMAC-SHA256 checkpoints.
     *
     * @param key the shared key
     * @return the verifier
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is shorter than 32 bytes
     */
    public static SignatureVerifier hmacVerifier(byte[] key) {
        SecretKeySpec spec = hmacKey(key);
        byte[] root = key.clone();
        return new KeyedVerifier() {
            @Override
            public byte[] epochKey(long epoch) {
                return LineFormat.epochKey(root, epoch);
            }

            @Override
            public String toString() {
                return "SignatureVerifier[HmacSHA256]";
            }

            @Override
            public String algorithm() {
                return "HmacSHA256";
            }

            @Override
            public boolean verify(byte[] data, byte[] signature) {
                return MessageDigest.isEqual(hmac(spec, data), signature);
            }
        };
    }

    /**
     * Ed25519, from the JDK, with the writer holding the private key.
     *
     * @param key an Ed25519 private key
     * @return the signer
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 private key
     */
    public static Signer ed25519Signer(PrivateKey key) {
        Objects.requireNonNull(key, "key must not be null");
        sign(key, new byte[0]); // fail now, not at the first checkpoint, if the key is not Ed25519
        // Line keys come from the private key, so only its holder can make or check line tags.
        byte[] root = JournalFiles.sha256().digest(concat(
                "tradepulse-audit-v2|ed25519-line-root|".getBytes(StandardCharsets.US_ASCII), key.getEncoded()));
        return new KeyedSigner() {
            @Override
            public byte[] epochKey(long epoch) {
                return LineFormat.epochKey(root, epoch);
            }

            @Override
            public String algorithm() {
                return "Ed25519";
            }

            @Override
            public byte[] sign(byte[] data) {
                return Checkpoints.sign(key, data);
            }

            @Override
            public String toString() {
                return "Signer[Ed25519]";
            }
        };
    }

    /**
     * Checks Ed25519 checkpoints with the public key.
     *
     * @param key an Ed25519 public key
     * @return the verifier
     * @throws NullPointerException if {@code key} is null
     */
    public static SignatureVerifier ed25519Verifier(PublicKey key) {
        Objects.requireNonNull(key, "key must not be null");
        return new SignatureVerifier() {
            @Override
            public String algorithm() {
                return "Ed25519";
            }

            @Override
            public boolean verify(byte[] data, byte[] signature) {
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initVerify(key);
                    s.update(data);
                    return s.verify(signature);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SecretKeySpec hmacKey(byte[] key) {
        Objects.requireNonNull(key, "key must not be null");
        if (key.length < 32) {
            throw new IllegalArgumentException("key must be at least 32 bytes, got " + key.length);
        }
        return new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key must be an Ed25519 private key: " + e.getMessage(), e);
        }
    }
}
