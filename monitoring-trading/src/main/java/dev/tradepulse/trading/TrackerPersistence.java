package dev.tradepulse.trading;

import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.LogText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tracker's link to its state store: the record key, reading the saved state at build, and
 * writing it on {@link PerformanceTracker#saveState()}. Thread-safe: saves are serialised, so an
 * older image never replaces a newer one on disk.
 */
final class TrackerPersistence {

    static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.trading.tracker");
    static final String KEY_PREFIX = "tracker.";
    /** The most trades of the tape a save keeps (16 bytes each: 512 KiB of the store's 1 MiB). */
    static final int TAPE_LIMIT = 32_768;
    private static final int MAX_PAYLOAD = 1 << 20;
    private static final int MAX_KEY = 64;
    private static final int HASH_CHARS = 16;
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9._-]+");

    private final StateStore store;
    private final String key;
    private final String strategy;
    private volatile long savedGeneration;

    TrackerPersistence(StateStore store, String strategy) {
        this.store = store;
        this.strategy = strategy;
        this.key = keyFor(strategy);
    }

    String key() {
        return key;
    }

    long savedGeneration() {
        return savedGeneration;
    }

    /**
     * The record key of a strategy: {@code tracker.<name>} when the name is already a valid key
     * (lower-case {@code a-z 0-9 . _ -}) that fits in 64 characters; otherwise the name lower-cased
     * with every other character replaced by {@code -}, cut to 39 characters, then {@code -} and the
     * first 16 hex digits of the SHA-256 of the exact name, so two names that map to the same
     * letters still get different keys.
     */
    static String keyFor(String strategy) {
        if (PLAIN.matcher(strategy).matches() && KEY_PREFIX.length() + strategy.length() <= MAX_KEY) {
            return KEY_PREFIX + strategy;
        }
        String lower = strategy.toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        int room = MAX_KEY - KEY_PREFIX.length() - 1 - HASH_CHARS;
        for (int i = 0; i < lower.length() && slug.length() < room; i++) {
            char c = lower.charAt(i);
            slug.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ? c : '-');
        }
        return KEY_PREFIX + slug + "-" + sha256(strategy).substring(0, HASH_CHARS);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What loading found: the outcome, and the image when it was restored. */
    record Loaded(TrackerRestore restore, @Nullable TrackerImage image) {
    }

    /** Reads the saved state; never throws for what is in the store (a closed store does throw). */
    Loaded load() {
        StateRecord record = store.read(key);
        switch (record.status()) {
            case ABSENT:
                LOG.info("Performance tracker '{}': no saved state under '{}' in {}: a first start", clean(strategy), key,
                        store.directory());
                return new Loaded(new TrackerRestore(TrackerRestore.Outcome.FIRST_START, key, null, ""), null);
            case OK:
                break;
            default:
                return lost(record.status() + ": " + record.problem());
        }
        if (record.version() != TrackerImage.VERSION) {
            return lost("unknown version " + record.version() + " (this build reads version " + TrackerImage.VERSION
                    + "; written by a newer TradePulse?)");
        }
        TrackerImage image;
        try {
            image = TrackerImage.decode(record.payload());
        } catch (RuntimeException e) {
            return lost("DAMAGED: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (!image.strategy.equals(strategy)) {
            return lost("the record holds the state of another strategy ('" + clean(image.strategy) + "')");
        }
        LOG.info("Performance tracker '{}': restored the state saved at {} (equity {}, today's opening equity {}{})",
                clean(strategy), record.savedAt(), image.equity, image.dayOpen,
                image.budgetLost ? "; the day's loss budget was already lost before" : "");
        return new Loaded(new TrackerRestore(TrackerRestore.Outcome.RESTORED, key, record.savedAt(), ""), image);
    }

    private Loaded lost(String problem) {
        LOG.error("Performance tracker '{}': its saved state '{}' in {} cannot be used: {}. It starts EMPTY and counts "
                + "today's loss budget as SPENT until the day closes (dailyBudgetLost() is true); the record is "
                + "replaced at the next saveState()", clean(strategy), key, store.directory(), clean(problem));
        return new Loaded(new TrackerRestore(TrackerRestore.Outcome.LOST, key, null, problem), null);
    }

    /** Captures and writes one image; serialised so that saves land in capture order. */
    synchronized void save(Supplier<TrackerImage> capture) throws IOException {
        TrackerImage image = capture.get();
        byte[] payload = image.encode();
        if (payload.length > MAX_PAYLOAD) {
            throw new IOException("the state of tracker '" + clean(strategy) + "' is " + payload.length
                    + " bytes, more than a state record holds (" + MAX_PAYLOAD + "); " + image.positions.size()
                    + " open positions");
        }
        store.write(key, TrackerImage.VERSION, payload);
        savedGeneration = image.generation;
    }

    private static String clean(String s) {
        return LogText.clean(s, 200);
    }
}
