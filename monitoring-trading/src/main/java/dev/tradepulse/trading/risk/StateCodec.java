package dev.tradepulse.trading.risk;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved form of a {@link RiskState}: UTF-8 lines, the first naming the format and its
 * version, text fields URL-encoded so that no reason can break a line.
 *
 * <pre>
 * tradepulse-risk-state 1
 * scope momentum
 * state HALTED
 * sequence 7
 * hold RULE HALTED 0 2026-12-01T14:00:00Z daily-loss Daily+loss+-15.2%25
 * end
 * </pre>
 *
 * Stateless; thread-safe.
 */
final class StateCodec {

    static final String MAGIC = "tradepulse-risk-state";
    static final int VERSION = 1;

    /** What a record holds. */
    record Saved(TradingState state, long sequence, List<Hold> holds) {
    }

    private StateCodec() {
    }

    static byte[] encode(String scope, TradingState state, long sequence, List<Hold> holds) {
        StringBuilder b = new StringBuilder(128);
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        b.append("scope ").append(enc(scope)).append('\n');
        b.append("state ").append(state.name()).append('\n');
        b.append("sequence ").append(sequence).append('\n');
        for (Hold h : holds) {
            b.append("hold ").append(h.cause().kind().name()).append(' ').append(h.level().name()).append(' ')
                    .append(h.cause().recovers() ? '1' : '0').append(' ').append(h.since()).append(' ')
                    .append(enc(h.cause().name())).append(' ').append(enc(h.reason())).append('\n');
        }
        b.append("end\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a record.
     *
     * @throws IllegalArgumentException naming what is wrong, if the payload is not a whole record
     *     of this version for this scope
     */
    static Saved decode(String scope, byte[] payload) {
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 5 || !lines[0].startsWith(MAGIC + " ")) {
            throw new IllegalArgumentException("not a trading-state record");
        }
        String version = lines[0].substring(MAGIC.length() + 1);
        if (!version.equals(Integer.toString(VERSION))) {
            throw new IllegalArgumentException("unknown record version " + clip(version) + " (this version reads "
                    + VERSION + ")");
        }
        String savedScope = dec(field(lines[1], "scope"));
        if (!savedScope.equals(scope)) {
            throw new IllegalArgumentException("the record is of another scope (" + clip(savedScope) + ")");
        }
        TradingState state = TradingState.valueOf(field(lines[2], "state"));
        long sequence = Long.parseLong(field(lines[3], "sequence"));
        if (sequence < 0) {
            throw new IllegalArgumentException("a negative sequence");
        }
        List<Hold> holds = new ArrayList<>();
        int i = 4;
        for (; i < lines.length && lines[i].startsWith("hold "); i++) {
            String[] f = lines[i].split(" ", -1);
            if (f.length != 7 || !("0".equals(f[3]) || "1".equals(f[3]))) {
                throw new IllegalArgumentException("a malformed hold line");
            }
            Cause cause = new Cause(Cause.Kind.valueOf(f[1]), dec(f[5]), "1".equals(f[3]));
            holds.add(new Hold(cause, TradingState.valueOf(f[2]), dec(f[6]), Instant.parse(f[4])));
        }
        if (i != lines.length - 2 || !"end".equals(lines[i]) || !lines[i + 1].isEmpty()) {
            throw new IllegalArgumentException("the record does not end where it should");
        }
        if (RiskState.safest(holds) != state) {
            throw new IllegalArgumentException("the state " + state + " does not match its holds");
        }
        return new Saved(state, sequence, List.copyOf(holds));
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("the field " + name + " is missing");
        }
        return line.substring(name.length() + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        String t = s.replaceAll("[^ -~]", "?");
        return t.length() > 32 ? t.substring(0, 32) + "..." : t;
    }
}
