package dev.tradepulse.compliance.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The byte layout of a v2 line's authentication tag, shared by the writer and every reader.
 *
 * <p>A line ends {@code ,"mac":"<32 hex>"}}. Its <em>content</em> is the line with that member
 * removed, which is byte for byte the line an unkeyed writer would have written. The chain hash
 * of a line is SHA-256 of its content; the tag is the first 16 bytes of HMAC-SHA256 under the
 * epoch key of that 32-byte hash. Removing or forging a tag therefore never changes the chain,
 * and the chain never depends on a key. Stateless and thread-safe.
 */
public final class LineFormat {

    /** {@code ,"mac":"} + 32 hex + {@code "}}. */
    public static final int TAG_SUFFIX = 8 + 32 + 2;
    private static final byte[] MAC_OPEN = ",\"mac\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVOLVE = "tradepulse-audit-v2|evolve".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private LineFormat() {
    }

    /**
     * Where the tag member starts, or -1 if the line {@code [start, end)} has none.
     *
     * @param b the bytes
     * @param start the line's first byte
     * @param end just after its last byte (the newline excluded)
     * @return the index of the comma before {@code "mac"}, or -1
     */
    public static int tagStart(byte[] b, int start, int end) {
        int at = end - TAG_SUFFIX;
        if (at <= start || b[end - 1] != '}' || b[end - 2] != '"') {
            return -1;
        }
        for (int i = 0; i < MAC_OPEN.length; i++) {
            if (b[at + i] != MAC_OPEN[i]) {
                return -1;
            }
        }
        for (int i = at + MAC_OPEN.length; i < end - 2; i++) {
            byte c = b[i];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return -1;
            }
        }
        return at;
    }

    /**
     * SHA-256 of a line's content: the line without its tag member.
     *
     * @param sha a digest to reuse
     * @param b the bytes
     * @param start the line's first byte
     * @param end just after its last byte
     * @param tagStart from {@link #tagStart}, or -1
     * @return 32 bytes
     */
    public static byte[] contentHash(MessageDigest sha, byte[] b, int start, int end, int tagStart) {
        sha.reset();
        if (tagStart < 0) {
            sha.update(b, start, end - start);
        } else {
            sha.update(b, start, tagStart - start);
            sha.update((byte) '}');
        }
        return sha.digest();
    }

    /**
     * The next epoch's key: HMAC-SHA256 of a fixed label under this one. One-way.
     *
     * @param key this epoch's key
     * @return the next
     */
    public static byte[] evolve(byte[] key) {
        return hmac(key, EVOLVE);
    }

    /**
     * The key of epoch {@code epoch}, from the root: the root evolved {@code epoch} times.
     *
     * @param root the root key
     * @param epoch from 1
     * @return 32 bytes
     */
    public static byte[] epochKey(byte[] root, long epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, got " + epoch);
        }
        byte[] k = root;
        for (long e = 0; e < epoch; e++) {
            byte[] next = evolve(k);
            if (k != root) {
                Arrays.fill(k, (byte) 0);
            }
            k = next;
        }
        return k;
    }

    /**
     * A MAC keyed for one epoch.
     *
     * @param epochKey the key, which the MAC copies
     * @return the MAC
     */
    public static Mac mac(byte[] epochKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(epochKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /**
     * Writes the 32 hex chars of the tag of a content hash.
     *
     * @param mac the epoch's MAC
     * @param contentHash the 32-byte content hash
     * @param scratch at least 32 bytes
     * @param out where to write
     * @param at the offset in {@code out}
     */
    public static void tag(Mac mac, byte[] contentHash, byte[] scratch, byte[] out, int at) {
        mac.update(contentHash, 0, 32);
        try {
            mac.doFinal(scratch, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 16; i++) {
            out[at + 2 * i] = HEX[(scratch[i] >> 4) & 0xF];
            out[at + 2 * i + 1] = HEX[scratch[i] & 0xF];
        }
    }

    /**
     * Whether a line's tag is right.
     *
     * @param mac the epoch's MAC
     * @param contentHash the line's content hash
     * @param b the bytes
     * @param tagStart from {@link #tagStart}, not -1
     * @return whether it verifies
     */
    public static boolean tagValid(Mac mac, byte[] contentHash, byte[] b, int tagStart) {
        byte[] expected = new byte[32];
        tag(mac, contentHash, new byte[32], expected, 0);
        return MessageDigest.isEqual(expected,
                Arrays.copyOfRange(b, tagStart + MAC_OPEN.length, tagStart + MAC_OPEN.length + 32));
    }

    /**
     * Writes the tag member over the closing brace at {@code out[closeBrace]}.
     *
     * @param mac the epoch's MAC
     * @param contentHash the content hash
     * @param scratch at least 32 bytes
     * @param out the line
     * @param closeBrace the index of the content's final {@code }}
     * @return the index just after the new final {@code }}
     */
    public static int appendTag(Mac mac, byte[] contentHash, byte[] scratch, byte[] out, int closeBrace) {
        System.arraycopy(MAC_OPEN, 0, out, closeBrace, MAC_OPEN.length);
        tag(mac, contentHash, scratch, out, closeBrace + MAC_OPEN.length);
        out[closeBrace + MAC_OPEN.length + 32] = '"';
        out[closeBrace + MAC_OPEN.length + 33] = '}';
        return closeBrace + TAG_SUFFIX;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
