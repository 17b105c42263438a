package dev.tradepulse.api.alert;

/** How urgent an alert is, as the seeds' P1–P4. Declared most severe first. Immutable and thread-safe. */
public enum Severity {
    /** P1: page someone now (API down, kill switch, database failure). */
    CRITICAL("P1"),
    /** P2: act within the hour (circuit breaker opened, error rate high). */
    HIGH("P2"),
    /** P3: look today (slow responses, disk filling). */
    MEDIUM("P3"),
    /** P4: for the daily digest. */
    LOW("P4");

    private final String priority;

    Severity(String priority) {
        this.priority = priority;
    }

    /** @return {@code P1} to {@code P4} */
    public String priority() {
        return priority;
    }
}
