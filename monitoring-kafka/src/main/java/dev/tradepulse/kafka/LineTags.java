package dev.tradepulse.kafka;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The v2 line format's hash and tag, written from docs/compliance-format.md ("The hash chain",
 * "Line tags"). Stateless and thread-safe (each call makes its own digest and MAC).
 */
final class LineTags {

    static final String GENESIS = "0".repeat(64);
    private static final byte[] MAC_OPEN = ",\"mac\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_SUFFIX = MAC_OPEN.length + 32 + 2;
    private static final byte[] EVOLVE = "tradepulse-audit-v2|evolve".getBytes(StandardCharsets.US_ASCII);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LineTags() {
    }

    /** Where {@code ,"mac":"<32 hex>"} starts in the line, or -1. */
    static int tagStart(byte[] b) {
        int end = b.length;
        int at = end - TAG_SUFFIX;
        if (at <= 0 || b[end - 1] != '}' || b[end - 2] != '"') {
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

    /** SHA-256 of the line's content: the line without its tag member. */
    static byte[] contentHash(byte[] line, int tagStart) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        if (tagStart < 0) {
            sha.update(line);
        } else {
            sha.update(line, 0, tagStart);
            sha.update((byte) '}');
        }
        return sha.digest();
    }

    /** The key of epoch {@code e}: the root evolved {@code e} times. */
    static byte[] epochKey(byte[] root, long epoch) {
        byte[] k = root.clone();
        for (long i = 0; i < epoch; i++) {
            k = hmac(k, EVOLVE);
        }
        return k;
    }

    /** Whether the tag at {@code tagStart} is the first 16 bytes of HMAC-SHA256(epochKey, hash). */
    static boolean tagValid(byte[] epochKey, byte[] hash, byte[] line, int tagStart) {
        byte[] expected = hex(Arrays.copyOf(hmac(epochKey, hash), 16)).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = Arrays.copyOfRange(line, tagStart + MAC_OPEN.length, tagStart + MAC_OPEN.length + 32);
        return MessageDigest.isEqual(expected, actual);
    }

    static String hex(byte[] raw) {
        char[] out = new char[raw.length * 2];
        for (int i = 0; i < raw.length; i++) {
            out[2 * i] = HEX[(raw[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[raw[i] & 0xF];
        }
        return new String(out);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
