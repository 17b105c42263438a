package dev.tradepulse.compliance;

import java.time.Instant;

/**
 * A recorded event without its details, for status pages ({@link ComplianceLogger#recentEvents()}).
 * Immutable and thread-safe.
 *
 * @param seq the order in which this logger accepted it (not the journal's {@code seq})
 * @param at when it was recorded
 * @param type the event type
 * @param level the level
 * @param actor who acted
 * @param action what was done
 */
public record AuditSummary(long seq, Instant at, String type, AuditLevel level, String actor, String action) {
}
