package dev.tradepulse.trading.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads rate-limit headers from a peer that may lie: Binance's {@code X-MBX-USED-WEIGHT-1M}
 * (and the older {@code X-MBX-USED-WEIGHT}) against a configured limit, and the common
 * {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (epoch seconds, or seconds from
 * now when small) and {@code -Reset-After} (Discord). Negative, fractional counts, huge or
 * non-numeric values, a remaining count above the limit, a zero limit and a weight above ten
 * times its limit are bad values: counted,
 * never thrown. Repeated headers take the worst reading. Stateless and thread-safe.
 */
final class RateLimitHeaders {

    /** A reading: {@code used} of {@code limit}, until {@code resetAt} if the peer said. */
    record Reading(long used, long limit, @Nullable Instant resetAt) {
        double fraction() {
            return (double) used / limit;
        }
    }

    /** Counts bad values. */
    interface BadValues {
        void add(int n);
    }

    private static final Pattern NUMBER = Pattern.compile("\\d{1,13}(\\.\\d{1,9})?");
    private static final long MAX_COUNT = 1_000_000_000L;
    private static final double EPOCH_SECONDS_ABOVE = 1e9;
    /** A peer's reset time further away than this is taken as this: a lie must not hold an alert for ever. */
    static final Duration MAX_RESET = Duration.ofHours(1);

    private RateLimitHeaders() {
    }

    static @Nullable Reading parse(Map<String, ? extends @Nullable Collection<String>> headers, long weightLimit,
            Instant now, int maxHeaders, BadValues bad) {
        long weight = -1;
        long limit = -1;
        long remaining = -1;
        Instant reset = null;
        int seen = 0;
        for (Map.Entry<String, ? extends @Nullable Collection<String>> e : headers.entrySet()) {
            if (++seen > maxHeaders) {
                bad.add(1);
                break;
            }
            String name = e.getKey();
            Collection<String> values = e.getValue();
            if (name == null || values == null) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.startsWith("x-mbx-used-weight") && !key.startsWith("x-ratelimit-")) {
                continue;
            }
            for (String raw : values) {
                if (key.equals("x-mbx-used-weight-1m") || key.equals("x-mbx-used-weight")) {
                    long v = count(raw, bad);
                    weight = Math.max(weight, v);
                } else if (key.equals("x-ratelimit-limit")) {
                    long v = count(raw, bad);
                    if (v == 0) {
                        bad.add(1);
                    } else if (v > 0) {
                        limit = limit < 0 ? v : Math.min(limit, v);
                    }
                } else if (key.equals("x-ratelimit-remaining")) {
                    long v = count(raw, bad);
                    if (v >= 0) {
                        remaining = remaining < 0 ? v : Math.min(remaining, v);
                    }
                } else if (key.equals("x-ratelimit-reset") || key.equals("x-ratelimit-reset-after")) {
                    double v = seconds(raw, bad);
                    if (v >= 0) {
                        Instant at = key.endsWith("after") || v < EPOCH_SECONDS_ABOVE
                                ? now.plusNanos((long) (v * 1e9))
                                : Instant.ofEpochMilli((long) (v * 1000));
                        Instant latest = now.plus(MAX_RESET);
                        at = at.isAfter(latest) ? latest : at;
                        if (at.isAfter(now) && (reset == null || at.isAfter(reset))) {
                            reset = at;
                        }
                    }
                }
            }
        }
        if (weight > 10 * weightLimit) {
            bad.add(1); // ten times the limit: the peer lies, or the limit is misconfigured
            weight = -1;
        }
        Reading fromWeight = weight >= 0 ? new Reading(weight, weightLimit, null) : null;
        Reading fromLimit = null;
        if (limit > 0 && remaining >= 0) {
            if (remaining > limit) {
                bad.add(1);
            } else {
                fromLimit = new Reading(limit - remaining, limit, reset);
            }
        }
        if (fromWeight == null) {
            return fromLimit;
        }
        return fromLimit == null || fromWeight.fraction() >= fromLimit.fraction() ? fromWeight : fromLimit;
    }

    /** A whole, non-negative count of at most a billion; -1 (and counted) if the value is anything else. */
    private static long count(@Nullable String raw, BadValues bad) {
        String v = raw == null ? "" : raw.trim();
        if (v.length() > 16 || !NUMBER.matcher(v).matches() || v.indexOf('.') >= 0) {
            bad.add(1);
            return -1;
        }
        long n = Long.parseLong(v);
        if (n > MAX_COUNT) {
            bad.add(1);
            return -1;
        }
        return n;
    }

    /** Non-negative seconds, perhaps fractional; -1 (and counted) if the value is anything else. */
    private static double seconds(@Nullable String raw, BadValues bad) {
        String v = raw == null ? "" : raw.trim();
        if (v.length() > 24 || !NUMBER.matcher(v).matches()) {
            bad.add(1);
            return -1;
        }
        return Double.parseDouble(v);
    }
}
