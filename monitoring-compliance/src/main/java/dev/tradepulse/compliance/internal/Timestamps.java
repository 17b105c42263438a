package dev.tradepulse.compliance.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Formats epoch microseconds as {@code 2026-11-22T02:41:49.123456Z}, caching the part up to the second. */
final class Timestamps {
    static final int LENGTH = 27;
    private long second = Long.MIN_VALUE;
    private byte[] prefix;

    /** Writes the timestamp into {@code out} at {@code at}; returns the position after it. */
    int format(long epochMicros, byte[] out, int at) {
        long sec = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        if (sec != second) {
            second = sec;
            String s = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC).toString();
            if (s.length() == 16) {
                s += ":00"; // LocalDateTime drops zero seconds
            }
            prefix = (s + ".").getBytes(StandardCharsets.US_ASCII);
        }
        System.arraycopy(prefix, 0, out, at, prefix.length);
        int end = at + prefix.length + 6;
        for (int i = end - 1; i >= at + prefix.length; i--) {
            out[i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        out[end] = 'Z';
        return end + 1;
    }
}
