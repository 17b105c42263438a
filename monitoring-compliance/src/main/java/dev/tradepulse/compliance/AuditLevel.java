package dev.tradepulse.compliance;

/** How serious an audit event is; written as the event's {@code level}. */
public enum AuditLevel {
    /** Routine: an action taken, an order placed. */
    INFO,
    /** Worth review: a failed validation, a rejected order, a re-arm. */
    WARNING,
    /** A failure: a limit breach, a failed login. */
    ERROR,
    /** A halt: the kill switch, a safety violation. */
    CRITICAL
}
