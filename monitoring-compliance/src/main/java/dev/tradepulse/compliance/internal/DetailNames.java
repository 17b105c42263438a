package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.tradepulse.api.redaction.Redaction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detail names (and event types and levels) as the encoder writes them: cleaned, cut to
 * {@link JournalLimits#MAX_NAME_LENGTH}, serialised, and judged by the redaction once. Short
 * names repeat from event to event and are cached within a byte budget; long ones are not cached
 * at all, since a cache of hostile names would hold their bytes for the logger's lifetime.
 */
final class DetailNames {

    /** Names longer than this are analysed on every use. */
    static final int MAX_CACHED_NAME_LENGTH = 64;
    /** What the cache may hold, in estimated bytes: a name's chars twice over, plus entry overhead. */
    static final long CACHE_BYTES = 2L << 20;

    /**
     * A name, with the redaction's verdicts on it.
     *
     * @param json the name serialised (written as is unless replaced)
     * @param text the name, cut to the limit
     * @param secret whether its values are redacted
     * @param digest whether a hex digest value under it is kept
     * @param cut whether it was cut
     * @param looksSecret whether the name itself is a secret, and is replaced
     */
    record Name(SerializedString json, String text, boolean secret, boolean digest, boolean cut, boolean looksSecret) {
        boolean replaced() {
            return cut || looksSecret;
        }
    }

    private final Redaction redaction;
    private final Map<String, Name> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    DetailNames(Redaction redaction) {
        this.redaction = redaction;
    }

    Name get(String name) {
        if (name.length() > MAX_CACHED_NAME_LENGTH) {
            return analyse(name);
        }
        Name known = cache.get(name);
        if (known == null) {
            known = analyse(name);
            long cost = 2L * name.length() + 200;
            if (cachedBytes.get() + cost <= CACHE_BYTES && cache.putIfAbsent(name, known) == null) {
                cachedBytes.addAndGet(cost);
            }
        }
        return known;
    }

    Name analyse(String raw) {
        String clean = EventEncoder.clean(raw);
        boolean secret = redaction.isSecretName(clean);
        boolean looksSecret = redaction.redact(clean) != clean;
        boolean cut = clean.length() > JournalLimits.MAX_NAME_LENGTH;
        String text = cut ? EventEncoder.cutAt(clean, JournalLimits.MAX_NAME_LENGTH - 16) : clean; // room for "...#n"
        return new Name(new SerializedString(text), text, secret, !secret && redaction.isDigestName(clean), cut,
                looksSecret);
    }
}
