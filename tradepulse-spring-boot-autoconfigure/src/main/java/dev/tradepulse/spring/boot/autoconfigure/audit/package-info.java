/**
 * Actuator's audit events in TradePulse's tamper-evident journal: an {@code AuditEventRepository}
 * that writes Spring Security's authentication events (and every other audit event) to the
 * {@code ComplianceLogger} and answers {@code /actuator/auditevents} from the journal's files.
 */
@NullMarked
package dev.tradepulse.spring.boot.autoconfigure.audit;

import org.jspecify.annotations.NullMarked;
