package dev.tradepulse.compliance;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recorded event without its details, for status pages ({@link ComplianceLogger#recentEvents()}):
 * the envelope, plus the instrument, quantity and price when the event names them (order events
 * always do; other events when their details carry {@code symbol}, {@code quantity} and
 * {@code price}, or a trade decision with one decision that does). Immutable and
 * thread-safe.
 *
 * @param seq the order in which this logger accepted it (not the journal's {@code seq})
 * @param at when it was recorded
 * @param type the event type
 * @param level the level
 * @param actor who acted
 * @param action what was done
 * @param symbol the instrument, or null when the event names none
 * @param quantity the quantity, or NaN when the event names none
 * @param price the price, or NaN when the event names none
 */
public record AuditSummary(long seq, Instant at, String type, AuditLevel level, String actor, String action,
        @Nullable String symbol, double quantity, double price) {

    /**
     * A summary of an event that names no instrument, quantity or price.
     *
     * @param seq the order in which the logger accepted it
     * @param at when it was recorded
     * @param type the event type
     * @param level the level
     * @param actor who acted
     * @param action what was done
     */
    public AuditSummary(long seq, Instant at, String type, AuditLevel level, String actor, String action) {
        this(seq, at, type, level, actor, action, null, Double.NaN, Double.NaN);
    }
}
