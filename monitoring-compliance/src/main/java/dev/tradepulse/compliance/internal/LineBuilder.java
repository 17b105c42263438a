package dev.tradepulse.compliance.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * Lays out one line: {@code {"seq":N,"prev":"…","ts":"…",} + the encoded body after its opening
 * brace, then the tag. Hashes the content for the next line's {@code prev}. Writer thread only;
 * reuses one buffer.
 */
final class LineBuilder {

    private final MessageDigest sha = JournalFiles.sha256();
    private final Timestamps timestamps = new Timestamps();
    private final byte[] digest = new byte[32];
    private final byte[] tagScratch = new byte[32];
    private final byte[] prev = new byte[64];
    private byte[] line = new byte[4096];
    /** Tags every line under the current file's key; null without a line-keyed signer. */
    private Mac mac;

    void resume(String prevHex) {
        System.arraycopy(prevHex.getBytes(StandardCharsets.US_ASCII), 0, prev, 0, 64);
    }

    void rekey(LineKeys keys, long epoch) {
        byte[] key = keys.epochKey(epoch);
        mac = LineFormat.mac(key);
        Arrays.fill(key, (byte) 0);
    }

    boolean tagged() {
        return mac != null;
    }

    String prevHex() {
        return new String(prev, StandardCharsets.US_ASCII);
    }

    byte[] line() {
        return line;
    }

    /**
     * Builds a line into {@link #line()}; returns its length without the newline, for which the
     * buffer always has room.
     */
    int build(long seq, long micros, byte[] body) {
        int length = 8 + 20 + 10 + 64 + 8 + Timestamps.LENGTH + 2 + (body.length - 1) + LineFormat.TAG_SUFFIX;
        if (line.length < length + 1) {
            line = new byte[Math.max(length + 1, line.length * 2)];
        }
        int at = put(line, 0, "{\"seq\":");
        at = putDigits(line, at, seq);
        at = put(line, at, ",\"prev\":\"");
        System.arraycopy(prev, 0, line, at, 64);
        at += 64;
        at = put(line, at, "\",\"ts\":\"");
        at = timestamps.format(micros, line, at);
        at = put(line, at, "\",");
        System.arraycopy(body, 1, line, at, body.length - 1);
        at += body.length - 1;
        sha.update(line, 0, at);
        try {
            sha.digest(digest, 0, digest.length); // also resets the digest for the next line
        } catch (DigestException e) {
            throw new IllegalStateException(e); // 32 bytes always fit
        }
        JournalFiles.hexInto(digest, prev);
        if (mac != null) {
            at = LineFormat.appendTag(mac, digest, tagScratch, line, at - 1);
        }
        return at;
    }

    private static int putDigits(byte[] target, int at, long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            target[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    private static int put(byte[] target, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            target[at + i] = (byte) ascii.charAt(i);
        }
        return at + ascii.length();
    }
}
